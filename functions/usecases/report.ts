import { ENABLED_COUNTERS, type EnabledCounter } from '../domain/activity.ts';
import { ProblemError } from '../domain/errors.ts';
import type { Completed, IdempotencyClaim } from '../domain/idempotency.ts';
import type { PracticeConfig } from '../schemas/practice-config.ts';
import { renderReportPage } from '../render/report-html.ts';
import {
  buildMonthlyReport,
  enabledAtEndOf,
  isFutureMonth,
  isToDate,
  latestSettledMonth,
  monthEndOf,
  previousMonth,
  type EnabledFigures,
  type GrowthBaseline,
  type MonthEnd,
} from '../domain/report-figures.ts';
import { pomiCsv, pomiRows, type PomiContext } from '../domain/report-pomi.ts';
import {
  countEnabled,
  differences,
  recountEnabled,
  recountMessages,
  recountOnboarding,
  recountUse,
  type ActivityEntry,
  type Difference,
} from '../domain/report-recount.ts';
import { summarize } from '../domain/report-summary.ts';
import { addMonths, localMonth, monthBounds } from '../domain/time.ts';
import type { StaffCaller } from '../schemas/identity.ts';
import type { PracticeSettings } from '../schemas/practice.ts';
import type { MonthlyReport, ReportFormat } from '../schemas/report.ts';
import {
  getEnabledTotals,
  getReport,
  getReportFigures,
  listPracticePatients,
  putMonthEnd,
  putReport,
  queryActivity,
  queryMonthHistory,
  readRollupInputs,
  type StoredReport,
} from '../store/reports.ts';
import { idempotencyItem } from '../store/idempotency.ts';
import { getSettingsAsOf } from '../store/practices.ts';
import type { ReportFile } from '../store/report-bucket.ts';
import { getReports, getSummary, putSummary } from '../store/summaries.ts';
import { transact } from '../store/transact.ts';
import { mapBounded } from './bounded.ts';
import { defaultDeps, practiceOf, registeredPractices, withPractices, type Deps } from './deps.ts';
import { idempotentWrite } from './idempotency.ts';

/**
 * The monthly rollup, one implementation behind three doors: the scheduled
 * Lambda (every practice, the month that just ended), POST /staff/reports/monthly/{month} (the
 * caller's practice) and `npm run rollup` (either, plus --verify).
 */

export interface RollupResult extends StoredReport {
  baseline: GrowthBaseline;
  /** The practice's time zone when the report was made (its files say "to date" by it). */
  timeZone: string;
  /** False when a report generated later was already stored (that one was kept). */
  stored: boolean;
}

function monthNotStarted(month: string): ProblemError {
  return new ProblemError('validation-failed', `month: ${month} has not started yet`, [
    { path: 'month', message: 'must not be after the current month (practice time zone)' },
  ]);
}

export function pomiContext(
  practice: PracticeConfig,
  settings: { systemSupplier: string; servicesOffered: PomiContext['servicesOffered'] },
): PomiContext {
  const { ods, name, regionCode, regionName, subIcbCode, subIcbName } = practice;
  return {
    practice: { ods, name, regionCode, regionName, subIcbCode, subIcbName },
    systemSupplier: settings.systemSupplier,
    servicesOffered: settings.servicesOffered,
  };
}

interface ComputedMonth {
  stored: StoredReport;
  baseline: GrowthBaseline;
  /** The latest settled month's closing figures, when none was stored yet: the next run counts from them. */
  monthEnd?: MonthEnd;
}

/** One practice's report for one month, computed (not stored): the reads of `rollupMonth`. */
async function computeMonth(ods: string, month: string, deps: Deps): Promise<ComputedMonth> {
  const practice = await practiceOf(ods);
  const now = deps.clock.now();
  if (isFutureMonth(month, now, practice.timeZone)) throw monthNotStarted(month);

  const { settings, history, anchor, earlierReports } = await readRollupInputs(
    ods,
    month,
    monthBounds(month, practice.timeZone).end,
  );
  const { report, trend, baseline } = buildMonthlyReport({
    ods,
    month,
    now,
    settings,
    history,
    anchor,
    reportedMonths: new Set(earlierReports.keys()),
    reportedListSizes: new Map([...earlierReports].map(([m, r]) => [m, r.listSize])),
  });
  const context = pomiContext(practice, settings);
  const latestSettled = latestSettledMonth(now, practice.timeZone);
  const settled = month < latestSettled ? month : latestSettled;
  return {
    stored: { report, csv: pomiCsv([pomiRows(report, context)]), trend, context },
    baseline,
    ...(anchor?.month === settled ? {} : { monthEnd: monthEndOf(history, settled, anchor) }),
  };
}

/** Stores the report and, beside it, the month-end figures the run found missing. */
async function storeMonth(ods: string, computed: ComputedMonth, withItems?: Parameters<typeof putReport>[1]) {
  const [stored] = await Promise.all([
    putReport(computed.stored, withItems),
    computed.monthEnd && putMonthEnd(ods, computed.monthEnd),
  ]);
  return stored;
}

/**
 * One practice's report for one month, computed and stored. Reads, sent together: one Query of the
 * practice's month counter items (the report's 12 months and a month-end), one Query (Limit 1) of
 * the settings history entry that stood at the month's end, one BatchGetItem (current settings +
 * the 12 earlier reports); writes, sent together: one PutItem of the report and, when the latest
 * settled month's closing figures were not stored yet, one PutItem of them. Nothing here grows with
 * the number of months, actions or settings changes. A past month re-run gives byte-identical CSV
 * and the same JSON apart from generatedAt, whatever changed since.
 */
export async function rollupMonth(ods: string, month: string, deps: Deps = defaultDeps): Promise<RollupResult> {
  const computed = await computeMonth(ods, month, deps);
  const { stored, baseline } = computed;
  return { ...stored, baseline, timeZone: (await practiceOf(ods)).timeZone, stored: await storeMonth(ods, computed) };
}

/**
 * POST /staff/reports/monthly/{month}: generate the caller's practice's report now. Each run
 * stores a new report (a new generatedAt), so a retry must not run again: with an Idempotency-Key
 * the key's record is written in the same transaction as the stored report, and a retry answers
 * the first report from it. When a run that started later stored its report first, the answer is
 * that stored report, and the record (written on its own then) says so for any retry.
 */
export async function generateMonthlyReport(
  caller: StaffCaller,
  month: string,
  claim: IdempotencyClaim | undefined,
  deps: Deps = defaultDeps,
): Promise<Completed<MonthlyReport>> {
  return idempotentWrite(claim, deps.clock, async () => {
    const computed = await computeMonth(caller.practice, month, deps);
    const { stored } = computed;
    const now = deps.clock.now();
    if (await storeMonth(caller.practice, computed, idempotencyItem(claim, 200, stored.report, now))) {
      return { value: stored.report, replayed: false };
    }
    const answer = (await getReportFigures(caller.practice, month)) ?? stored.report;
    if (claim) await transact(idempotencyItem(claim, 200, answer, now));
    return { value: answer, replayed: false };
  });
}

export interface RenderedReport {
  contentType: string;
  body: string;
  filename: string;
}

/** The stored report in one of its three forms. */
export function renderStoredReport(stored: StoredReport, format: ReportFormat, timeZone: string): RenderedReport {
  const filename = `${stored.report.practice}-${stored.report.month}`;
  switch (format) {
    case 'json':
      return { contentType: 'application/json', body: JSON.stringify(stored.report), filename: `${filename}.json` };
    case 'csv':
      return { contentType: 'text/csv; charset=utf-8', body: stored.csv, filename: `${filename}.csv` };
    case 'html':
      return {
        contentType: 'text/html; charset=utf-8',
        body: renderReportPage({ ...stored, toDate: isToDate(stored.report, timeZone) }),
        filename: `${filename}.html`,
      };
  }
}

/** GET /staff/reports/monthly/{month}: the stored report (one GetItem), 404 if never generated. */
export async function readMonthlyReport(
  caller: StaffCaller,
  month: string,
  format: ReportFormat,
): Promise<RenderedReport> {
  const stored = await getReport(caller.practice, month);
  if (!stored) {
    throw new ProblemError(
      'not-found',
      `No report for ${month} has been generated yet: POST to this address to generate it`,
    );
  }
  return renderStoredReport(stored, format, (await practiceOf(caller.practice)).timeZone);
}

// ── Every practice at once: the schedule and the CLI ─────────────────────────────────────────

export interface RollupRun {
  results: RollupResult[];
  failures: { practice: string; month: string; error: unknown }[];
  /** The months whose all-practices summary this run stored (only a run over every practice, all done). */
  summaries: string[];
}

export interface RollupOptions {
  month?: string;
  /** Only these practices (no summary is stored then). Default: every practice in the registry. */
  practices?: readonly string[];
  /** Practices in progress at once. */
  concurrency?: number;
  /** Tries per practice before it counts as failed (a refusal such as a future month is not retried). */
  attempts?: number;
  /** Before the n-th retry: base × 2^(n-1) ms. */
  retryBaseMs?: number;
}

/** Practices in progress at once: a handful of small requests each, 32 keep a Lambda busy without a burst. */
export const ROLLUP_CONCURRENCY = 32;
export const ROLLUP_ATTEMPTS = 3;

const isRefusal = (error: unknown) => error instanceof ProblemError && error.status < 500;

/**
 * Rolls up every practice in the registry (or the ones named): `month`, or else the latest month
 * that has ended in each practice's own time zone. Each practice is its own task, `concurrency` at
 * a time, retried alone with backoff; one that keeps failing is reported in `failures` and never
 * holds up the others. Once every practice of a month is done, with no failure, the month's
 * all-practices summary is stored (GET /admin/reports/monthly/{month}); a run with failures
 * stores none, and its re-run (the reports are idempotent) completes it.
 */
export async function rollupPractices(options: RollupOptions, deps: Deps = defaultDeps): Promise<RollupRun> {
  const registry = await registeredPractices();
  const wanted = options.practices ? new Set(options.practices) : undefined;
  const served = registry.filter((p) => !wanted || wanted.has(p.ods));
  const now = deps.clock.now();
  const attempts = options.attempts ?? ROLLUP_ATTEMPTS;
  const retryBaseMs = options.retryBaseMs ?? 200;
  const run: RollupRun = { results: [], failures: [], summaries: [] };

  await mapBounded(served, options.concurrency ?? ROLLUP_CONCURRENCY, async (practice) => {
    const month = options.month ?? previousMonth(now, practice.timeZone);
    for (let attempt = 1; ; attempt++) {
      try {
        run.results.push(await withPractices([practice], () => rollupMonth(practice.ods, month, deps)));
        return;
      } catch (error) {
        if (attempt >= attempts || isRefusal(error)) {
          run.failures.push({ practice: practice.ods, month, error });
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, retryBaseMs * 2 ** (attempt - 1)));
      }
    }
  });
  run.results.sort((a, b) => a.report.practice.localeCompare(b.report.practice));
  run.failures.sort((a, b) => a.practice.localeCompare(b.practice));

  if (!wanted && run.failures.length === 0) {
    for (const [month, results] of byMonth(run.results)) {
      await putSummary(summaryOf(month, results, deps.clock.now()));
      run.summaries.push(month);
    }
  }
  return run;
}

function byMonth(results: readonly RollupResult[]): [string, RollupResult[]][] {
  const months = new Map<string, RollupResult[]>();
  for (const r of results) months.set(r.report.month, [...(months.get(r.report.month) ?? []), r]);
  return [...months].sort(([a], [b]) => a.localeCompare(b));
}

function summaryOf(month: string, results: readonly RollupResult[], now: Date) {
  return summarize(
    month,
    now,
    results.map((r) => ({ name: r.context.practice.name, report: r.report, baseline: r.baseline })),
  );
}

/**
 * GET /admin/reports/monthly/{month}: the all-practices summary (one GetItem), or as CSV the POMI
 * rows of every practice it covers (their stored reports, 100 per BatchGetItem); 404 if the
 * month's rollup never completed.
 */
export async function readSummaryReport(month: string, format: 'json' | 'csv'): Promise<RenderedReport> {
  const summary = await getSummary(month);
  if (!summary) {
    throw new ProblemError(
      'not-found',
      `No all-practices report for ${month} has been generated yet: it is stored when the monthly rollup has done every practice`,
    );
  }
  const filename = `all-practices-${month}`;
  if (format === 'json') {
    // The covered practices' codes are the CSV's index, not part of the summary's figures.
    const figures = { ...summary, practiceCodes: undefined };
    return { contentType: 'application/json', body: JSON.stringify(figures), filename: `${filename}.json` };
  }
  const reports = await getReports(month, summary.practiceCodes);
  reports.sort((a, b) => a.report.practice.localeCompare(b.report.practice));
  return {
    contentType: 'text/csv; charset=utf-8',
    body: pomiCsv(reports.map((r) => pomiRows(r.report, r.context))),
    filename: `${filename}.csv`,
  };
}

/**
 * The files of a run, as the reports bucket holds them: per practice its JSON, POMI CSV and HTML
 * page; per month every practice's CSV rows in one file and the stack-wide summary.
 */
export function reportFiles(results: readonly RollupResult[], now: Date): ReportFile[] {
  const files: ReportFile[] = [];
  for (const [month, monthResults] of byMonth(results)) {
    const sorted = [...monthResults].sort((a, b) => a.report.practice.localeCompare(b.report.practice));
    for (const r of sorted) {
      const base = `reports/${month}/${r.report.practice}`;
      const timeZone = r.timeZone;
      files.push(
        { key: `${base}.json`, contentType: 'application/json', body: `${JSON.stringify(r.report, null, 2)}\n` },
        { key: `${base}.csv`, contentType: 'text/csv; charset=utf-8', body: r.csv },
        {
          key: `${base}.html`,
          contentType: 'text/html; charset=utf-8',
          body: renderStoredReport(r, 'html', timeZone).body,
        },
      );
    }
    files.push(
      {
        key: `reports/${month}/all-practices.csv`,
        contentType: 'text/csv; charset=utf-8',
        body: pomiCsv(sorted.map((r) => pomiRows(r.report, r.context))),
      },
      {
        key: `reports/${month}/summary.json`,
        contentType: 'application/json',
        body: `${JSON.stringify(summaryOf(month, sorted, now), null, 2)}\n`,
      },
    );
  }
  return files;
}

// ── rollup --verify: a full recount from the records, compared with the counters' report ─────

const asCounters = (e: EnabledFigures): Record<EnabledCounter, number> => ({
  enabledAppointments: e.appointments,
  enabledPrescriptions: e.prescriptions,
  enabledDetailedRecord: e.detailedRecord,
  enabledAny: e.anyService,
});

/**
 * The report's settings-derived figures against the settings history at the month's end: list
 * size, growth target, and (when the POMI context is given) supplier and services offered.
 */
export function settingsDifferences(
  stored: { report: MonthlyReport; context?: PomiContext | undefined },
  settings: PracticeSettings,
): Difference[] {
  const { report, context } = stored;
  const pairs: [string, number | string, number | string][] = [
    ['listSize', report.listSize, settings.listSize],
    ['target.annualGrowthTarget', report.target.annualGrowthTarget, settings.annualGrowthTarget],
  ];
  if (context) {
    const sys = (on: boolean) => (on ? 2 : 1);
    pairs.push(
      ['systemSupplier', context.systemSupplier, settings.systemSupplier],
      ['Sys_Appts_Enbld', sys(context.servicesOffered.appointments), sys(settings.servicesOffered.appointments)],
      ['Sys_Presc_Enbld', sys(context.servicesOffered.prescriptions), sys(settings.servicesOffered.prescriptions)],
      ['Sys_DetCodeRec_Enbld', sys(context.servicesOffered.record), sys(settings.servicesOffered.record)],
    );
  }
  return pairs
    .filter(([, a, b]) => a !== b)
    .map(([field, reported, recounted]) => ({ field: `settings.${field}`, reported, recounted }));
}

export interface Verification {
  practice: string;
  month: string;
  /** Every figure that differs (empty: the report equals the recount). */
  differences: Difference[];
  recounted: { activityEntries: number; patients: number; laterChanges: number };
}

/**
 * Recounts a practice-month from scratch and compares it with `report`: use from the month's
 * activity entries one by one; enabled figures from every patient profile of the practice, with
 * every later change of services undone; new-in-month from the patients' firstEnabledAt; the
 * settings the report used against the settings history at the month's end. It also checks that
 * the running enabled totals equal both the counters' sum and the patients' current state. Linear
 * in the activity and the patients (that is its point).
 */
export async function verifyMonth(
  stored: { report: MonthlyReport; context?: PomiContext | undefined },
  deps: Deps = defaultDeps,
): Promise<Verification> {
  const { report } = stored;
  const { practice: ods, month } = report;
  const { timeZone } = await practiceOf(ods);
  const current = localMonth(deps.clock.now(), timeZone);
  // One month beyond the current one: a writer whose clock is a little ahead may already be there.
  const laterMonths: string[] = [];
  for (let m = addMonths(month, 1); m <= addMonths(current, 1); m = addMonths(m, 1)) laterMonths.push(m);

  const [entries, patients, totals, history, settings] = await Promise.all([
    queryActivity(ods, month),
    listPracticePatients(ods),
    getEnabledTotals(ods),
    queryMonthHistory(ods, addMonths(current, 1)),
    getSettingsAsOf(ods, monthBounds(month, timeZone).end),
  ]);
  // One month after another: an old month has many later partitions, and verify is no hurry.
  const laterChanges: Extract<ActivityEntry, { kind: 'services-changed' }>[] = [];
  for (const m of laterMonths) {
    for (const entry of await queryActivity(ods, m)) if (entry.kind === 'services-changed') laterChanges.push(entry);
  }
  const recount = {
    use: recountUse(entries),
    onboarding: recountOnboarding(entries),
    messages: recountMessages(entries),
    enabled: recountEnabled(patients, laterChanges, monthBounds(month, timeZone)),
  };

  // The running totals (what staff screens may show) against both other sources.
  const fromPatients = asCounters(countEnabled(patients.map((p) => p.flags)));
  const fromMonths = asCounters(enabledAtEndOf(history, addMonths(current, 1)));
  const totalsChecks = ENABLED_COUNTERS.flatMap((c): Difference[] => [
    ...(totals[c] !== fromPatients[c]
      ? [{ field: `runningTotal.${c} vs patient records now`, reported: totals[c], recounted: fromPatients[c] }]
      : []),
    ...(totals[c] !== fromMonths[c]
      ? [{ field: `runningTotal.${c} vs sum of monthly changes`, reported: totals[c], recounted: fromMonths[c] }]
      : []),
  ]);

  return {
    practice: ods,
    month,
    differences: [...differences(report, recount), ...settingsDifferences(stored, settings), ...totalsChecks],
    recounted: { activityEntries: entries.length, patients: patients.length, laterChanges: laterChanges.length },
  };
}
