import { Month } from '../schemas/common.ts';
import type { Context } from 'aws-lambda';
import { logger, startLogContext } from '../observability/logger.ts';
import { loadTracer } from '../observability/tracer.ts';
import { ROLLUP_DEADLINE_MS, withDeadline } from '../store/deadline.ts';
import { putReportFile } from '../store/report-bucket.ts';
import { mapBounded } from '../usecases/bounded.ts';
import { reportFiles, rollupPractices } from '../usecases/report.ts';
import { defaultDeps } from '../usecases/deps.ts';

/** What the schedule sends (nothing); an operator may name a month to re-run it by hand. */
export interface MonthlyRollupEvent {
  month?: string;
}

/** PutObject requests in flight at once (S3 takes thousands a second per prefix). */
const FILE_CONCURRENCY = 32;

export class MonthlyRollupFailed extends Error {
  constructor(readonly failed: { practice: string; month: string }[]) {
    super(`Monthly rollup failed for ${failed.map((f) => `${f.practice} ${f.month}`).join(', ')}`);
    this.name = 'MonthlyRollupFailed';
  }
}

/**
 * The monthly rollup, run by EventBridge Scheduler at 02:00 Europe/London on the 1st: every
 * practice in the registry, each on its own (bounded concurrency, retried alone), its report of
 * the month that has just ended in its time zone stored in the table, the all-practices summary
 * once all are done, and the files written to the reports bucket (reports/YYYY-MM/…), 32 at a
 * time. Idempotent: a re-run
 * recomputes the same figures and overwrites the same objects, so the retries that follow a
 * failure (this handler throws when any practice failed) finish the run.
 */
export async function handler(
  event: MonthlyRollupEvent | undefined,
  context?: Context,
): Promise<{ months: string[]; practices: number; files: number }> {
  startLogContext(context, { trigger: event?.month === undefined ? 'schedule' : 'manual' });
  await loadTracer();
  const month = event?.month === undefined ? undefined : Month.parse(event.month);
  const deps = defaultDeps;
  const run = await withDeadline(ROLLUP_DEADLINE_MS, () => rollupPractices({ month }, deps));
  for (const failure of run.failures) {
    logger.error('monthly rollup failed for a practice', {
      practice: failure.practice,
      month: failure.month,
      error: failure.error,
    });
  }
  // Per-practice files of the practices that succeeded; the cross-practice files only for a complete run.
  const files = reportFiles(run.results, deps.clock.now()).filter(
    (f) => run.failures.length === 0 || !/\/(all-practices\.csv|summary\.json)$/.test(f.key),
  );
  // Written concurrently: at 6,500 practices, 19,500 files one after another would take minutes.
  await mapBounded(files, FILE_CONCURRENCY, (file) => putReportFile(file));
  if (run.failures.length > 0) throw new MonthlyRollupFailed(run.failures);

  const months = [...new Set(run.results.map((r) => r.report.month))];
  logger.info('monthly rollup done', { months, practices: run.results.length, files: files.length });
  return { months, practices: run.results.length, files: files.length };
}
