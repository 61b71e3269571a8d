import type { CountedAction } from '../functions/domain/activity.ts';
import type { PracticeConfig } from '../functions/schemas/practice-config.ts';
import { addMonths, localMonth, monthBounds } from '../functions/domain/time.ts';
import { countedActionItems, enabledChangeItems } from '../functions/store/counters.ts';
import { transact } from '../functions/store/transact.ts';
import { servedPractice, withPractices } from '../functions/usecases/deps.ts';
import { rollupMonth } from '../functions/usecases/report.ts';
import { PRACTICE, ROLLUP_PRACTICE } from './api.ts';
import { formatMs, formatRatio, median, type Results } from './results.ts';

export const ROLLUP_BUDGET = 1.5;
/** The history of the long-lived practice in the history comparison, and of its baseline (one trend's worth). */
const HISTORY_MONTHS = 24;
const TREND_MONTHS = 12;
const KINDS = ['appointment-booked', 'appointment-cancelled', 'prescription-ordered', 'record-viewed'] as const;
/** A transaction holds at most 100 items: one counter update + 99 activity entries. */
const ACTIONS_PER_TRANSACTION = 99;

/**
 * Writes `count` counted actions into a practice-month exactly as the use cases do: the
 * practice-month counter ADD and an append-only activity entry per action, in one transaction.
 */
async function writeActions(practice: string, month: string, count: number, timeZone: string): Promise<void> {
  const { start } = monthBounds(month, timeZone);
  const actions: CountedAction[] = Array.from({ length: count }, (_, i) => {
    const at = new Date(start.getTime() + 60_000 + i * 1000);
    const kind = KINDS[i % KINDS.length]!;
    const ref = `bench-${month}-${i}`;
    return kind === 'prescription-ordered' ? { kind, at, ref, items: 2 } : { kind, at, ref };
  });
  // One transaction after another: each updates one shard of the month counter.
  for (let i = 0; i < actions.length; i += ACTIONS_PER_TRANSACTION) {
    await transact(countedActionItems(practice, timeZone, actions.slice(i, i + ACTIONS_PER_TRANSACTION)));
  }
}

/**
 * Section 4: the monthly rollup of a practice-month with 10,000 actions vs one with 100. The
 * rollup reads the counters kept with each action, so its cost must not grow with the actions.
 */
export async function benchRollup(
  results: Results,
  options: { big: number; small: number; runs: number },
): Promise<void> {
  results.heading(
    `Monthly rollup (functions/usecases/report.ts rollupMonth): a practice-month with ${options.big.toLocaleString('en-GB')} actions vs one with ${options.small}`,
    'actions written through the store\u2019s counter + activity transaction builders; median of interleaved runs',
  );
  // The same month of two practices whose history is otherwise alike (no earlier month, no earlier
  // report), so the number of actions is the only difference between the two rollups.
  const registered = await Promise.all([servedPractice(ROLLUP_PRACTICE), servedPractice(PRACTICE)]);
  if (!registered[0] || !registered[1]) throw new Error('the demo practices are not in the registry');
  const scope = <T>(work: () => Promise<T>) => withPractices([registered[0]!, registered[1]!], work);
  const big = { practice: ROLLUP_PRACTICE, timeZone: registered[0].timeZone };
  const small = { practice: PRACTICE, timeZone: registered[1].timeZone };
  const month = addMonths(localMonth(new Date(), big.timeZone), -2);

  const started = performance.now();
  await writeActions(big.practice, month, options.big, big.timeZone);
  await writeActions(small.practice, month, options.small, small.timeZone);
  results.note(
    `wrote ${(options.big + options.small).toLocaleString('en-GB')} actions in ${((performance.now() - started) / 1000).toFixed(1)} s ` +
      `(${big.practice} and ${small.practice}, ${month})`,
  );

  const bigReport = await scope(() => rollupMonth(big.practice, month));
  const smallReport = await scope(() => rollupMonth(small.practice, month));
  const totals = `${bigReport.report.use.total} and ${smallReport.report.use.total}`;
  if (bigReport.report.use.total !== options.big || smallReport.report.use.total !== options.small) {
    results.note(
      `rollup counted ${totals} actions, not ${options.big} and ${options.small}: the timing below is suspect`,
    );
  }

  const bigRuns: number[] = [];
  const smallRuns: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const pair = [
      { practice: big.practice, runs: bigRuns },
      { practice: small.practice, runs: smallRuns },
    ];
    for (const { practice, runs } of i % 2 ? pair.reverse() : pair) {
      const t = performance.now();
      await scope(() => rollupMonth(practice, month));
      runs.push(performance.now() - t);
    }
  }
  const ratio = median(bigRuns) / median(smallRuns);
  results.add({
    section: 'rollup',
    name: `rollupMonth ${options.big.toLocaleString('en-GB')} vs ${options.small} actions`,
    measured: formatMs(median(bigRuns)),
    baseline: formatMs(median(smallRuns)),
    ratio,
    budget: `≤ ${formatRatio(ROLLUP_BUDGET)}`,
    pass: ratio <= ROLLUP_BUDGET,
    note: `reports counted use.total = ${totals}`,
  });
  await benchHistory(results, options.runs);
}

/**
 * A practice with 24 months of history vs one with 12 (the months a report's trend draws): the
 * rollup reads those 12 months and a stored month-end, so its cost must not grow with the months
 * before them. The first run of each (which finds no month-end yet and reads the whole history
 * once) is printed apart.
 */
async function benchHistory(results: Results, runs: number): Promise<void> {
  const practice = (ods: string, name: string): PracticeConfig => ({ ods, name, timeZone: 'Europe/London' });
  const long = practice('H00024', 'Bench History Long');
  const short = practice('H00012', 'Bench History Short');
  const month = addMonths(localMonth(new Date(), long.timeZone), -1);
  const seedMonths = async (p: PracticeConfig, count: number) => {
    for (let i = 0; i < count; i++) {
      const m = addMonths(month, i - count + 1);
      const deltas = { enabledAppointments: 3, enabledPrescriptions: 2, enabledDetailedRecord: 1, enabledAny: 3 };
      await transact(enabledChangeItems(p.ods, m, deltas, true));
      await writeActions(p.ods, m, 20, p.timeZone);
    }
  };
  await seedMonths(long, HISTORY_MONTHS);
  await seedMonths(short, TREND_MONTHS);
  const roll = (p: PracticeConfig) => withPractices([p], () => rollupMonth(p.ods, month));

  const timed = async (p: PracticeConfig) => {
    const t = performance.now();
    const result = await roll(p);
    return { ms: performance.now() - t, result };
  };
  const firstLong = await timed(long);
  const firstShort = await timed(short);
  const longRuns: number[] = [];
  const shortRuns: number[] = [];
  for (let i = 0; i < runs; i++) {
    const pair = [
      { p: long, runs: longRuns },
      { p: short, runs: shortRuns },
    ];
    for (const { p, runs: into } of i % 2 ? pair.reverse() : pair) into.push((await timed(p)).ms);
  }
  const enabled = firstLong.result.report.enabled.anyService;
  const ratio = median(longRuns) / median(shortRuns);
  results.add({
    section: 'rollup',
    name: `rollupMonth ${HISTORY_MONTHS} months of history vs ${TREND_MONTHS}`,
    measured: formatMs(median(longRuns)),
    baseline: formatMs(median(shortRuns)),
    ratio,
    budget: `≤ ${formatRatio(ROLLUP_BUDGET)}`,
    pass: ratio <= ROLLUP_BUDGET && enabled === 3 * HISTORY_MONTHS,
    note:
      `first runs (no month-end stored yet: the whole history read once) ${formatMs(firstLong.ms)} and ${formatMs(firstShort.ms)}; ` +
      `enabled.anyService = ${enabled} (expected ${3 * HISTORY_MONTHS})`,
  });
}
