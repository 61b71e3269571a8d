import { servedPractices } from '../config.ts';
import { ENABLED_COUNTERS, type EnabledCounter } from '../domain/activity.ts';
import { ProblemError } from '../domain/errors.ts';
import type { Completed, IdempotencyClaim } from '../domain/idempotency.ts';
import type { PracticeConfig } from '../domain/practices.ts';
import { renderReportPage } from '../domain/report-html.ts';
import {
  buildMonthlyReport,
  countEnabled,
  differences,
  enabledAtEndOf,
  isFutureMonth,
  isToDate,
  pomiCsv,
  pomiRows,
  previousMonth,
  recountEnabled,
  recountMessages,
  recountUse,
  summarize,
  type ActivityEntry,
  type Difference,
  type EnabledFigures,
  type GrowthBaseline,
  type PomiContext,
} from '../domain/report.ts';
import { addMonths, localMonth, monthBounds } from '../domain/time.ts';
import type { StaffCaller } from '../schemas/identity.ts';
import type { PracticeSettings } from '../schemas/practice.ts';
import type { MonthlyReport, ReportFormat } from '../schemas/report.ts';
import {
  getEnabledTotals,
  getReport,
  listPracticePatients,
  putReport,
  queryActivity,
  queryMonthHistory,
  readRollupInputs,
  type StoredReport,
} from '../store/reports.ts';
import { idempotencyItem } from '../store/idempotency.ts';
import { getSettingsAsOf } from '../store/practices.ts';
import { transact } from '../store/transact.ts';
import { defaultDeps, practiceConfig, type Deps } from './deps.ts';
import { idempotentWrite } from './idempotency.ts';

/**
 * The monthly rollup, one implementation behind three doors: the scheduled
 * Lambda (every practice, the month that just ended), POST /staff/reports/monthly/{month} (the
 * caller's practice) and `npm run rollup` (either, plus --verify).
 */

export interface RollupResult extends StoredReport {
  baseline: GrowthBaseline;
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

/** One practice's report for one month, computed (not stored): the reads of `rollupMonth`. */
async function computeMonth(
  ods: string,
  month: string,
  deps: Deps,
): Promise<{ stored: StoredReport; baseline: GrowthBaseline }> {
  const practice = practiceConfig(ods);
  const now = deps.clock.now();
  if (isFutureMonth(month, now, practice.timeZone)) throw monthNotStarted(month);

  const { settings, history, earlierReports } = await readRollupInputs(
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
    reportedMonths: new Set(earlierReports.keys()),
    reportedListSizes: new Map([...earlierReports].map(([m, r]) => [m, r.listSize])),
  });
  const context = pomiContext(practice, settings);
  return { stored: { report, csv: pomiCsv([pomiRows(report, context)]), trend, context }, baseline };
}

/**
 * One practice's report for one month, computed and stored. Reads, sent together: one Query of the
 * practice's month counter items, one Query (Limit 1) of the settings history entry that stood at
 * the month's end, one BatchGetItem (current settings + the 12 earlier reports); writes: one
 * PutItem. Nothing here grows with the number of actions or settings changes. A past month re-run
 * gives byte-identical CSV and the same JSON apart from generatedAt, whatever changed since.
 */
export async function rollupMonth(ods: string, month: string, deps: Deps = defaultDeps): Promise<RollupResult> {
  const { stored, baseline } = await computeMonth(ods, month, deps);
  return { ...stored, baseline, stored: await putReport(stored) };
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
    const { stored } = await computeMonth(caller.practice, month, deps);
    const now = deps.clock.now();
    if (await putReport(stored, idempotencyItem(claim, 200, stored.report, now))) {
      return { value: stored.report, replayed: false };
    }
    const answer = (await getReport(caller.practice, month))?.report ?? stored.report;
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
  return renderStoredReport(stored, format, practiceConfig(caller.practice).timeZone);
}

// ── Every practice at once: the schedule and the CLI ─────────────────────────────────────────

export interface RollupRun {
  results: RollupResult[];
  failures: { practice: string; month: string; error: unknown }[];
}

/**
 * Rolls up every served practice (or the ones named): `month`, or else the latest month that has
 * ended in each practice's own time zone. A failed practice does not stop the others; the caller
 * decides what a failure means (the scheduled Lambda throws so the schedule retries the run).
 */
export async function rollupPractices(
  options: { month?: string; practices?: readonly string[] },
  deps: Deps = defaultDeps,
): Promise<RollupRun> {
  const served = [...servedPractices().values()].filter((p) => !options.practices || options.practices.includes(p.ods));
  const run: RollupRun = { results: [], failures: [] };
  const now = deps.clock.now();
  // One practice after another: a handful of small requests each, and no burst on the table.
  for (const practice of served) {
    const month = options.month ?? previousMonth(now, practice.timeZone);
    try {
      run.results.push(await rollupMonth(practice.ods, month, deps));
    } catch (error) {
      run.failures.push({ practice: practice.ods, month, error });
    }
  }
  return run;
}

export interface ReportFile {
  /** `reports/YYYY-MM/{ODS}.json|csv|html`, `reports/YYYY-MM/all-practices.csv`, `reports/YYYY-MM/summary.json`. */
  key: string;
  contentType: string;
  body: string;
}

/**
 * The files of a run, as the reports bucket holds them: per practice its JSON, POMI CSV and HTML
 * page; per month every practice's CSV rows in one file and the stack-wide summary.
 */
export function reportFiles(results: readonly RollupResult[], now: Date): ReportFile[] {
  const byMonth = new Map<string, RollupResult[]>();
  for (const r of results) byMonth.set(r.report.month, [...(byMonth.get(r.report.month) ?? []), r]);
  const files: ReportFile[] = [];
  for (const [month, monthResults] of [...byMonth].sort(([a], [b]) => a.localeCompare(b))) {
    const sorted = [...monthResults].sort((a, b) => a.report.practice.localeCompare(b.report.practice));
    for (const r of sorted) {
      const base = `reports/${month}/${r.report.practice}`;
      const timeZone = practiceConfig(r.report.practice).timeZone;
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
        body: `${JSON.stringify(
          summarize(
            month,
            now,
            sorted.map((r) => ({ name: r.context.practice.name, report: r.report, baseline: r.baseline })),
          ),
          null,
          2,
        )}\n`,
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
  const { timeZone } = practiceConfig(ods);
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
