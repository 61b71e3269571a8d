import type { MonthlyReport } from '../schemas/report.ts';
import type { PracticeSettings } from '../schemas/practice.ts';
import {
  ONBOARDING_COUNTERS,
  USE_COUNTERS,
  anyEnabled,
  type EnabledCounter,
  type EnabledFlags,
  type OnboardingCounter,
  type UseCounter,
} from './activity.ts';
import { MESSAGE_KINDS, type MessageKind } from './notifications.ts';
import type { PracticeConfig } from './practices.ts';
import { addMonths, localMonth, monthBounds, monthDates } from './time.ts';

/**
 * The monthly report, as pure functions: figures from the practice-month
 * counters, percentages, growth and target, the POMI CSV, the stack-wide summary, and the
 * recount that `rollup --verify` compares against. No I/O here.
 */

export type UseFigures = Record<UseCounter, number>;

/** One practice-month of counters, its shards summed by the store (absent counters are 0). */
export interface MonthCounters {
  month: string;
  use: UseFigures;
  /** This month's change in each enabled-patient total. */
  enabledChange: Record<EnabledCounter, number>;
  /** Patients enabled for the first time ever this month. */
  newEnabled: number;
  /** Invitations issued and sign-ins linked this month. */
  onboarding: Record<OnboardingCounter, number>;
  /** Messages to patients sent this month, per kind, and given up on after every retry. */
  messages: MessageFigures;
}

export interface MessageFigures {
  sent: Record<MessageKind, number>;
  failed: number;
}

export const emptyMessages = (): MessageFigures => ({
  sent: Object.fromEntries(MESSAGE_KINDS.map((k) => [k, 0])) as Record<MessageKind, number>,
  failed: 0,
});

export interface EnabledFigures {
  appointments: number;
  prescriptions: number;
  detailedRecord: number;
  anyService: number;
}

/**
 * One month of the 12-month trend the HTML page draws. A month with `noData` is drawn as a gap:
 * no report of it was stored when the trend was drawn, or it is before the practice's first data.
 * (Trends stored before this flag existed have none: every month of them is drawn.)
 */
export interface TrendPoint {
  month: string;
  noData?: 'not-generated' | 'before-first-data';
  listSize: number;
  enabled: EnabledFigures;
  enabledPct: Record<keyof EnabledFigures, number | null>;
  use: UseFigures & { total: number };
  /** Invitations issued and sign-ins linked in the month (absent from trends stored before they were counted). */
  onboarding?: Record<OnboardingCounter, number>;
}

/** What growth was measured against (anyService at the earlier month's end), for the summary. */
export interface GrowthBaseline {
  previousMonth: number | null;
  previousYear: number | null;
}

export const emptyUse = (): UseFigures => Object.fromEntries(USE_COUNTERS.map((c) => [c, 0])) as UseFigures;
const emptyEnabled = (): EnabledFigures => ({ appointments: 0, prescriptions: 0, detailedRecord: 0, anyService: 0 });

export const emptyMonth = (month: string): MonthCounters => ({
  month,
  use: emptyUse(),
  enabledChange: { enabledAppointments: 0, enabledPrescriptions: 0, enabledDetailedRecord: 0, enabledAny: 0 },
  newEnabled: 0,
  onboarding: { invitationsIssued: 0, accountsLinked: 0 },
  messages: emptyMessages(),
});

/** Percent with 2 decimals; null when there is no denominator. */
export function percentOf(part: number, whole: number): number | null {
  return whole > 0 ? round2((100 * part) / whole) : null;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * A settled month's closing figures: the enabled totals at its end and the practice's first month
 * with counted data up to then (none: no data yet). A report counts from the latest one stored
 * instead of summing every month since the first, so its reads do not grow with the history.
 */
export interface MonthEnd {
  month: string;
  enabled: EnabledFigures;
  firstDataMonth?: string;
}

/**
 * Enabled patients at the end of `month`: the sum of every month's change up to and including it,
 * or, from an `anchor` month's end, that figure plus the changes of the months after it up to
 * `month` (minus those after `month` up to the anchor, when the anchor is later). `history` must
 * then hold every month between the two. Months up to a closed month never change again (a change
 * is always booked to the month it happens in), so the figure is the same however late the report
 * runs, and whichever anchor it starts from.
 */
export function enabledAtEndOf(history: readonly MonthCounters[], month: string, anchor?: MonthEnd): EnabledFigures {
  const total = anchor ? { ...anchor.enabled } : emptyEnabled();
  const from = anchor?.month ?? '';
  for (const m of history) {
    const sign = m.month > from && m.month <= month ? 1 : m.month > month && m.month <= from ? -1 : 0;
    if (sign === 0) continue;
    total.appointments += sign * m.enabledChange.enabledAppointments;
    total.prescriptions += sign * m.enabledChange.enabledPrescriptions;
    total.detailedRecord += sign * m.enabledChange.enabledDetailedRecord;
    total.anyService += sign * m.enabledChange.enabledAny;
  }
  return total;
}

/** The closing figures of `month` (history and anchor as for enabledAtEndOf). */
export function monthEndOf(history: readonly MonthCounters[], month: string, anchor?: MonthEnd): MonthEnd {
  const first = firstDataMonth(history, anchor);
  return {
    month,
    enabled: enabledAtEndOf(history, month, anchor),
    ...(first !== undefined && first <= month ? { firstDataMonth: first } : {}),
  };
}

export function countersOf(history: readonly MonthCounters[], month: string): MonthCounters {
  return history.find((m) => m.month === month) ?? emptyMonth(month);
}

/** Online use counted for the report: `total` is every counted action (items are not actions). */
export function useWithTotal(use: UseFigures): UseFigures & { total: number } {
  return {
    ...use,
    total: use.appointmentsBooked + use.appointmentsCancelled + use.prescriptionsOrdered + use.recordViews,
  };
}

function enabledPct(enabled: EnabledFigures, listSize: number): TrendPoint['enabledPct'] {
  return {
    appointments: percentOf(enabled.appointments, listSize),
    prescriptions: percentOf(enabled.prescriptions, listSize),
    detailedRecord: percentOf(enabled.detailedRecord, listSize),
    anyService: percentOf(enabled.anyService, listSize),
  };
}

/** Growth in percent from `base` to `current`; null without a base (or from zero). */
export function growthPct(current: number, base: number | null): number | null {
  if (base === null || base <= 0) return null;
  return round2((100 * (current - base)) / base);
}

/**
 * On track for the annual growth target: year-on-year growth when a year-old figure exists, else
 * month-on-month growth compounded over twelve months; null when neither is known.
 */
export function onTrack(annualGrowthTarget: number, growth: MonthlyReport['growth']): boolean | null {
  if (growth.yearOnYearPct !== null) return growth.yearOnYearPct / 100 >= annualGrowthTarget;
  if (growth.monthOnMonthPct !== null) return (1 + growth.monthOnMonthPct / 100) ** 12 - 1 >= annualGrowthTarget;
  return null;
}

export interface ReportInput {
  ods: string;
  month: string;
  /** When the figures were read: the report's generatedAt. */
  now: Date;
  /** The settings as they stood at the month's end (now, for the month in progress). */
  settings: PracticeSettings;
  /**
   * The practice-month counters up to and including `month` (any order, gaps allowed): every month
   * since the first, or, with `anchor`, at least the 11 months before `month` and every month
   * between the anchor and `month`.
   */
  history: readonly MonthCounters[];
  /** A month's closing figures, no more than 12 months before `month`, to count from (absent: the history is whole). */
  anchor?: MonthEnd | undefined;
  /** Earlier months with a stored report: the trend draws only those (and this month). */
  reportedMonths: ReadonlySet<string>;
  /** List sizes of earlier stored reports, for the trend's percentages. */
  reportedListSizes: ReadonlyMap<string, number>;
}

export interface BuiltReport {
  report: MonthlyReport;
  trend: TrendPoint[];
  baseline: GrowthBaseline;
}

/**
 * The practice's first month with any counted data (undefined: none yet): the anchor's, else the
 * earliest month of the history after the anchor (before it there was none).
 */
export function firstDataMonth(history: readonly MonthCounters[], anchor?: MonthEnd): string | undefined {
  if (anchor?.firstDataMonth !== undefined) return anchor.firstDataMonth;
  let first: string | undefined;
  for (const m of history) {
    if (anchor !== undefined && m.month <= anchor.month) continue;
    if (first === undefined || m.month < first) first = m.month;
  }
  return first;
}

/**
 * The month's report, its 12-month trend and the growth baselines. The report's figures come from
 * the counters and the settings at the month's end alone, so the same month gives the same figures
 * whenever it is run and whichever other reports are stored; only the trend (drawn on the HTML
 * page, not part of the figures) depends on which earlier reports were stored.
 */
export function buildMonthlyReport(input: ReportInput): BuiltReport {
  const { ods, month, now, settings, history, anchor } = input;
  const counters = countersOf(history, month);
  const enabled = enabledAtEndOf(history, month, anchor);
  const first = firstDataMonth(history, anchor);
  // Growth is measured from the figures at the earlier month's end, whether or not that month was
  // reported; before the practice's first data there is nothing to measure from.
  const baseFor = (earlier: string) =>
    first !== undefined && earlier >= first ? enabledAtEndOf(history, earlier, anchor).anyService : null;
  const baseline: GrowthBaseline = {
    previousMonth: baseFor(addMonths(month, -1)),
    previousYear: baseFor(addMonths(month, -12)),
  };
  const growth = {
    monthOnMonthPct: growthPct(enabled.anyService, baseline.previousMonth),
    yearOnYearPct: growthPct(enabled.anyService, baseline.previousYear),
  };
  const report: MonthlyReport = {
    practice: ods,
    month,
    periodEnd: monthDates(month).last,
    generatedAt: now.toISOString(),
    listSize: settings.listSize,
    enabled: { ...enabled, newInMonth: counters.newEnabled },
    enabledPct: enabledPct(enabled, settings.listSize),
    use: useWithTotal(counters.use),
    onboarding: { ...counters.onboarding },
    messages: { sent: { ...counters.messages.sent }, failed: counters.messages.failed },
    growth,
    target: { annualGrowthTarget: settings.annualGrowthTarget, onTrack: onTrack(settings.annualGrowthTarget, growth) },
  };
  const trend = Array.from({ length: 12 }, (_, i) => addMonths(month, i - 11)).map((m): TrendPoint => {
    const noData: TrendPoint['noData'] =
      m === month
        ? undefined
        : first === undefined || m < first
          ? 'before-first-data'
          : input.reportedMonths.has(m)
            ? undefined
            : 'not-generated';
    const listSize = m === month ? settings.listSize : (input.reportedListSizes.get(m) ?? 0);
    const atEnd = enabledAtEndOf(history, m, anchor);
    return {
      month: m,
      ...(noData ? { noData } : {}),
      listSize,
      enabled: atEnd,
      enabledPct: enabledPct(atEnd, listSize),
      use: useWithTotal(countersOf(history, m).use),
      onboarding: { ...countersOf(history, m).onboarding },
    };
  });
  return { report, trend, baseline };
}

/** True while the month has not ended in the practice's time zone (the report is "to date"). */
export function isToDate(report: Pick<MonthlyReport, 'month' | 'generatedAt'>, timeZone: string): boolean {
  return new Date(report.generatedAt).getTime() < monthBounds(report.month, timeZone).end.getTime();
}

/** The month after the current one (practice time zone) has not started: there is nothing to report. */
export function isFutureMonth(month: string, now: Date, timeZone: string): boolean {
  return month > localMonth(now, timeZone);
}

/** The latest month that has ended in the practice's time zone (what the schedule reports). */
export function previousMonth(now: Date, timeZone: string): string {
  return addMonths(localMonth(now, timeZone), -1);
}

/**
 * How long after its end a month's enabled figures are settled, so that its closing figures may be
 * stored. Writers book a change to the month of their own clock (a request lasts seconds), but an
 * admin may move a practice to another time zone, and zones lie up to 26 hours apart.
 */
export const MONTH_SETTLES_AFTER_MS = 2 * 24 * 3_600_000;

/** The latest month whose enabled figures are settled (practice time zone). */
export function latestSettledMonth(now: Date, timeZone: string): string {
  return addMonths(localMonth(new Date(now.getTime() - MONTH_SETTLES_AFTER_MS), timeZone), -1);
}

// ── POMI CSV ─────────────────────────────────────────────────────────────────────────────────

export const POMI_HEADER = [
  'report_period_end',
  'region_code',
  'region_name',
  'sub_ICB_location_code',
  'sub_ICB_location_name',
  'practice_code',
  'practice_name',
  'system_supplier',
  'field',
  'value',
] as const;

const MONTH_ABBREVIATIONS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2026-11-30` → `30-Nov-26` (POMI's report_period_end). */
export function pomiDate(date: string): string {
  const [y, m, d] = date.split('-') as [string, string, string];
  return `${d}-${MONTH_ABBREVIATIONS[Number(m) - 1]}-${y.slice(2)}`;
}

/** What the CSV needs beyond the report: who the practice is and what it offers. */
export interface PomiContext {
  practice: Pick<PracticeConfig, 'ods' | 'name' | 'regionCode' | 'regionName' | 'subIcbCode' | 'subIcbName'>;
  systemSupplier: string;
  servicesOffered: PracticeSettings['servicesOffered'];
}

/** POMI field → value, in the order NHS Digital publishes them (whole numbers only). */
export function pomiFields(report: MonthlyReport, offered: PracticeSettings['servicesOffered']): [string, number][] {
  const sys = (on: boolean) => (on ? 2 : 1);
  return [
    ['patient_list_size', report.listSize],
    ['Sys_Appts_Enbld', sys(offered.appointments)],
    ['Sys_Presc_Enbld', sys(offered.prescriptions)],
    ['Sys_DetCodeRec_Enbld', sys(offered.record)],
    ['Pat_Appts_Enbld', report.enabled.appointments],
    ['Pat_Presc_Enbld', report.enabled.prescriptions],
    ['Pat_DetCodeRec_Enbld', report.enabled.detailedRecord],
    ['Pat_Appts_Use', report.use.appointmentsBooked + report.use.appointmentsCancelled],
    ['Pat_Presc_Use', report.use.prescriptionsOrdered],
    ['Pat_DetCodeRec_Use', report.use.recordViews],
    ['Total_Pat_Enbld', report.enabled.anyService],
    ['New_Pat_Enbld', report.enabled.newInMonth],
    ['Total_Use', report.use.total],
  ];
}

/** The practice's rows of the POMI long format (no header). */
export function pomiRows(report: MonthlyReport, context: PomiContext): string[][] {
  const { practice } = context;
  const prefix = [
    pomiDate(report.periodEnd),
    practice.regionCode ?? '',
    practice.regionName ?? '',
    practice.subIcbCode ?? '',
    practice.subIcbName ?? '',
    practice.ods,
    practice.name,
    context.systemSupplier,
  ];
  return pomiFields(report, context.servicesOffered).map(([field, value]) => [...prefix, field, String(value)]);
}

/**
 * A cell a spreadsheet would run as a formula (CSV injection): one starting, after any spaces, with
 * `=`, `+`, `-` or `@` (or their full-width forms, which some spreadsheets fold to them), or with a
 * tab, CR or LF (which some spreadsheets skip). POMI values are whole numbers of zero or more, and
 * its header and field names start with letters, so only text from a client or the configuration
 * can match: the CSV NHS Digital reads is unchanged.
 */
const FORMULA_START = /^(?:[\t\r\n]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;

/**
 * One CSV cell: a would-be formula is prefixed with `'` (OWASP's advice: the spreadsheet shows it
 * as text), then RFC 4180 quoting for a comma, quote or line break, and also for a semicolon or
 * tab, so a spreadsheet that splits on those (as in many locales) keeps the cell whole.
 */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",;\t\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** RFC 4180: CRLF line ends; every cell through csvCell. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}

export function pomiCsv(rowsOfPractices: readonly (readonly string[][])[]): string {
  return toCsv([[...POMI_HEADER], ...rowsOfPractices.flat()]);
}

// ── Stack-wide summary ───────────────────────────────────────────────────────────────────────

export interface PracticeRollup {
  name: string;
  report: MonthlyReport;
  baseline: GrowthBaseline;
}

export interface ReportSummary {
  month: string;
  periodEnd: string;
  generatedAt: string;
  practices: number;
  listSize: number;
  enabled: MonthlyReport['enabled'];
  /** Percent of the combined list size. */
  enabledPct: MonthlyReport['enabledPct'];
  use: MonthlyReport['use'];
  /** Use per POMI service: appointments (booked + cancelled), prescriptions (requests), record views. */
  usePerService: { appointments: number; prescriptions: number; detailedRecord: number };
  /** Over the practices that have the earlier figure. */
  growth: MonthlyReport['growth'];
  byPractice: {
    practice: string;
    name: string;
    listSize: number;
    anyService: number;
    anyServicePct: number | null;
    useTotal: number;
    monthOnMonthPct: number | null;
    yearOnYearPct: number | null;
    onTrack: boolean | null;
  }[];
}

/** One summary across all practices of a month (summary.json). */
export function summarize(month: string, generatedAt: Date, rollups: readonly PracticeRollup[]): ReportSummary {
  const sum = (f: (r: PracticeRollup) => number) => rollups.reduce((n, r) => n + f(r), 0);
  const enabled = {
    appointments: sum((r) => r.report.enabled.appointments),
    prescriptions: sum((r) => r.report.enabled.prescriptions),
    detailedRecord: sum((r) => r.report.enabled.detailedRecord),
    anyService: sum((r) => r.report.enabled.anyService),
    newInMonth: sum((r) => r.report.enabled.newInMonth),
  };
  const listSize = sum((r) => r.report.listSize);
  const use = useWithTotal(Object.fromEntries(USE_COUNTERS.map((c) => [c, sum((r) => r.report.use[c])])) as UseFigures);
  const growthOver = (pick: (b: GrowthBaseline) => number | null) => {
    const withBase = rollups.filter((r) => pick(r.baseline) !== null);
    if (withBase.length === 0) return null;
    return growthPct(
      withBase.reduce((n, r) => n + r.report.enabled.anyService, 0),
      withBase.reduce((n, r) => n + (pick(r.baseline) ?? 0), 0),
    );
  };
  return {
    month,
    periodEnd: monthDates(month).last,
    generatedAt: generatedAt.toISOString(),
    practices: rollups.length,
    listSize,
    enabled,
    enabledPct: enabledPct(enabled, listSize),
    use,
    usePerService: {
      appointments: use.appointmentsBooked + use.appointmentsCancelled,
      prescriptions: use.prescriptionsOrdered,
      detailedRecord: use.recordViews,
    },
    growth: { monthOnMonthPct: growthOver((b) => b.previousMonth), yearOnYearPct: growthOver((b) => b.previousYear) },
    byPractice: rollups.map(({ name, report }) => ({
      practice: report.practice,
      name,
      listSize: report.listSize,
      anyService: report.enabled.anyService,
      anyServicePct: report.enabledPct.anyService,
      useTotal: report.use.total,
      monthOnMonthPct: report.growth.monthOnMonthPct,
      yearOnYearPct: report.growth.yearOnYearPct,
      onTrack: report.target.onTrack,
    })),
  };
}

// ── Recount (rollup --verify) ────────────────────────────────────────────────────────────────

/** One activity entry as verify reads it. */
export type ActivityEntry =
  | { kind: 'appointment-booked' | 'appointment-cancelled' | 'record-viewed'; at: string; ref: string; proxy?: boolean }
  | { kind: 'prescription-ordered'; at: string; ref: string; items: number; proxy?: boolean }
  | { kind: 'invitation-issued' | 'account-linked'; at: string; ref: string }
  | { kind: 'message-sent'; at: string; ref: string; messageKind: MessageKind }
  | { kind: 'message-failed'; at: string; ref: string }
  | {
      kind: 'services-changed';
      at: string;
      ref: string;
      before: EnabledFlags;
      after: EnabledFlags;
      firstEnabled: boolean;
    };

/** The month's use, counted one activity entry at a time. */
export function recountUse(entries: readonly ActivityEntry[]): UseFigures {
  const use = emptyUse();
  for (const entry of entries) {
    if ('proxy' in entry && entry.proxy) use.byProxy++;
    switch (entry.kind) {
      case 'appointment-booked':
        use.appointmentsBooked++;
        break;
      case 'appointment-cancelled':
        use.appointmentsCancelled++;
        break;
      case 'prescription-ordered':
        use.prescriptionsOrdered++;
        use.prescriptionItemsOrdered += entry.items;
        break;
      case 'record-viewed':
        use.recordViews++;
        break;
      case 'services-changed':
      case 'invitation-issued':
      case 'account-linked':
      case 'message-sent':
      case 'message-failed':
        break;
    }
  }
  return use;
}

/** The month's onboarding events, counted one activity entry at a time. */
export function recountOnboarding(entries: readonly ActivityEntry[]): Record<OnboardingCounter, number> {
  return {
    invitationsIssued: entries.filter((e) => e.kind === 'invitation-issued').length,
    accountsLinked: entries.filter((e) => e.kind === 'account-linked').length,
  };
}

/** The month's messages, counted one activity entry at a time. */
export function recountMessages(entries: readonly ActivityEntry[]): MessageFigures {
  const messages = emptyMessages();
  for (const entry of entries) {
    if (entry.kind === 'message-sent') messages.sent[entry.messageKind]++;
    if (entry.kind === 'message-failed') messages.failed++;
  }
  return messages;
}

export interface PatientSnapshot {
  nhsNumber: string;
  flags: EnabledFlags;
  firstEnabledAt?: string;
}

/**
 * Who was enabled at the end of a month, from the patient records as they are now: every change
 * made after the month (newest first) is undone using the flags it recorded as "before".
 */
export function recountEnabled(
  patients: readonly PatientSnapshot[],
  changesAfterMonth: readonly Extract<ActivityEntry, { kind: 'services-changed' }>[],
  bounds: { start: Date; end: Date },
): MonthlyReport['enabled'] {
  const flags = new Map(patients.map((p) => [p.nhsNumber, p.flags]));
  const newestFirst = [...changesAfterMonth].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  for (const change of newestFirst) flags.set(change.ref, change.before);
  const inMonth = (at: string | undefined) =>
    at !== undefined && new Date(at) >= bounds.start && new Date(at) < bounds.end;
  return { ...countEnabled([...flags.values()]), newInMonth: patients.filter((p) => inMonth(p.firstEnabledAt)).length };
}

/** How many of these patients are enabled for each service. */
export function countEnabled(all: readonly EnabledFlags[]): EnabledFigures {
  const count = (f: (x: EnabledFlags) => boolean) => all.filter(f).length;
  return {
    appointments: count((f) => f.appointments),
    prescriptions: count((f) => f.prescriptions),
    detailedRecord: count((f) => f.detailedRecord),
    anyService: count(anyEnabled),
  };
}

export interface Difference {
  field: string;
  reported: number | string;
  recounted: number | string;
}

/** Every figure where the report and the recount disagree (empty: they agree). */
export function differences(
  report: Pick<MonthlyReport, 'enabled' | 'use'> &
    Partial<Pick<MonthlyReport, 'onboarding'>> & { messages?: MonthlyReport['messages'] },
  recount: {
    enabled: MonthlyReport['enabled'];
    use: UseFigures;
    onboarding?: Record<OnboardingCounter, number>;
    messages?: MessageFigures;
  },
): Difference[] {
  const pairs: [string, number, number][] = [
    ...(Object.keys(report.enabled) as (keyof MonthlyReport['enabled'])[]).map((k): [string, number, number] => [
      `enabled.${k}`,
      report.enabled[k],
      recount.enabled[k],
    ]),
    ...USE_COUNTERS.map((k): [string, number, number] => [`use.${k}`, report.use[k], recount.use[k]]),
    ['use.total', report.use.total, useWithTotal(recount.use).total],
    ...(report.onboarding && recount.onboarding
      ? ONBOARDING_COUNTERS.map((k): [string, number, number] => [
          `onboarding.${k}`,
          report.onboarding![k],
          recount.onboarding![k],
        ])
      : []),
    // Reports stored before messages were counted have no figures to compare.
    ...(report.messages && recount.messages
      ? [
          ...MESSAGE_KINDS.map((k): [string, number, number] => [
            `messages.sent.${k}`,
            report.messages!.sent[k],
            recount.messages!.sent[k],
          ]),
          ['messages.failed', report.messages.failed, recount.messages.failed] as [string, number, number],
        ]
      : []),
  ];
  return pairs.filter(([, a, b]) => a !== b).map(([field, reported, recounted]) => ({ field, reported, recounted }));
}
