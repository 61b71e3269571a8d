import type { MonthlyReport } from '../schemas/report.ts';
import type { PracticeSettings } from '../schemas/practice.ts';
import { USE_COUNTERS, type EnabledCounter, type OnboardingCounter, type UseCounter } from './activity.ts';
import { MESSAGE_KINDS, type MessageKind } from '../schemas/message-kinds.ts';
import { addMonths, localMonth, monthBounds, monthDates } from './time.ts';

/**
 * The monthly report's figures, as pure functions: from the practice-month counters (and a
 * stored month-end), the enabled totals at a month's end, percentages, growth and target, the
 * 12-month trend, and which months a report may be made of. No I/O here. The POMI CSV, the
 * all-practices summary and the recount of `rollup --verify` are in their own modules beside it.
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

export function enabledPct(enabled: EnabledFigures, listSize: number): TrendPoint['enabledPct'] {
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
