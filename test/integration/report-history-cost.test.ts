import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Clock } from '../../functions/domain/clock.ts';
import { randomIds } from '../../functions/domain/ids.ts';
import type { PracticeConfig } from '../../functions/schemas/practice-config.ts';
import { buildMonthlyReport } from '../../functions/domain/report-figures.ts';
import { addMonths, monthBounds } from '../../functions/domain/time.ts';
import { db } from '../../functions/store/client.ts';
import { countedActionItems, enabledChangeItems } from '../../functions/store/counters.ts';
import { queryMonthHistory, readRollupInputs } from '../../functions/store/reports.ts';
import { transact } from '../../functions/store/transact.ts';
import { withPractices, type Deps } from '../../functions/usecases/deps.ts';
import { rollupMonth, type RollupResult } from '../../functions/usecases/report.ts';
import { startTestApi, type TestApi } from '../support/local-api.ts';

/**
 * The rollup's reads must not grow with a practice's history: two practices alike but for the
 * length of their history (24 and 48 months of counted actions and enabled patients) are rolled up
 * month after month as the schedule does, and each run reads the same few items for both, while
 * every report equals the one counted from the whole history.
 */
const SHORT: PracticeConfig = { ods: 'C10001', name: 'Two Years Surgery', timeZone: 'Europe/London' };
const LONG: PracticeConfig = { ods: 'C10002', name: 'Four Years Surgery', timeZone: 'Europe/London' };
const LAST_SEEDED = '2026-11';
const HISTORY = new Map([
  [SHORT.ods, 24],
  [LONG.ods, 48],
]);

let api: TestApi;
let instant = new Date();
const clock: Clock = { now: () => new Date(instant) };
const deps: Deps = { clock, ids: randomIds };

/**
 * One month of a practice's life, written through the store's own counter builders, all on shard 0
 * (a shard is drawn at random), so that alike months leave alike items in both practices.
 */
async function seedMonth(practice: PracticeConfig, month: string, i: number): Promise<void> {
  const random = vi.spyOn(Math, 'random').mockReturnValue(0);
  try {
    await seedCounters(practice, month, i);
  } finally {
    random.mockRestore();
  }
}

async function seedCounters(practice: PracticeConfig, month: string, i: number): Promise<void> {
  const at = new Date(monthBounds(month, practice.timeZone).start.getTime() + 3_600_000);
  const any = (i % 5) - 1;
  const deltas = {
    enabledAppointments: any,
    enabledPrescriptions: i % 3,
    enabledDetailedRecord: i % 2,
    enabledAny: any,
  };
  const enabled = enabledChangeItems(practice.ods, month, deltas, any > 0);
  if (enabled.length > 0) await transact(enabled);
  await transact(
    countedActionItems(
      practice.ods,
      practice.timeZone,
      Array.from({ length: 1 + (i % 4) }, (_, n) => ({
        kind: 'appointment-booked' as const,
        at,
        ref: `${month}-${n}`,
      })),
    ),
  );
}

interface Reads {
  commands: string[];
  items: number;
}

/** The DynamoDB reads of one practice while `work` runs, and how many items they returned. */
async function readsOf<T>(ods: string, work: () => Promise<T>): Promise<{ value: T; reads: Reads }> {
  const name = `history-cost-${ods}`;
  const reads: Reads = { commands: [], items: 0 };
  db().middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const command = context.commandName ?? '';
      if (/Query|Get/.test(command) && JSON.stringify(args.input).includes(ods)) {
        const output = result.output as { Count?: number; Responses?: Record<string, unknown[]>; Item?: unknown };
        reads.commands.push(command);
        reads.items +=
          (output.Count ?? Object.values(output.Responses ?? {}).reduce((n, items) => n + items.length, 0)) +
          (output.Item ? 1 : 0);
      }
      return result;
    },
    { step: 'initialize', name },
  );
  try {
    const value = await work();
    // Sent together, they answer in any order.
    reads.commands.sort();
    return { value, reads };
  } finally {
    db().middlewareStack.remove(name);
  }
}

const rollup = (practice: PracticeConfig, month: string) =>
  readsOf(practice.ods, () => withPractices([practice], () => rollupMonth(practice.ods, month, deps)));

/** The same month counted the old way, from every month since the first (with the run's own inputs). */
async function fromWholeHistory(practice: PracticeConfig, result: RollupResult) {
  const { month } = result.report;
  const inputs = await readRollupInputs(practice.ods, month, monthBounds(month, practice.timeZone).end);
  return buildMonthlyReport({
    ods: practice.ods,
    month,
    now: new Date(result.report.generatedAt),
    settings: inputs.settings,
    history: await queryMonthHistory(practice.ods, month),
    reportedMonths: new Set(inputs.earlierReports.keys()),
    reportedListSizes: new Map([...inputs.earlierReports].map(([m, r]) => [m, r.listSize])),
  });
}

const expectSameAsWholeHistory = async (practice: PracticeConfig, result: RollupResult) => {
  const whole = await fromWholeHistory(practice, result);
  expect(result.report).toEqual(whole.report);
  expect(result.trend).toEqual(whole.trend);
  expect(result.baseline).toEqual(whole.baseline);
};

beforeAll(async () => {
  api = await startTestApi();
  for (const practice of [SHORT, LONG]) {
    const months = HISTORY.get(practice.ods)!;
    for (let i = 0; i < months; i++) await seedMonth(practice, addMonths(LAST_SEEDED, i - months + 1), i);
  }
});

afterAll(async () => {
  await api?.stop();
});

describe('the monthly rollup of a practice with years of history', () => {
  const firstRuns = new Map<string, Reads>();

  it('reports the first month as the whole history counts it, and stores the settled month-end', async () => {
    instant = new Date('2026-12-01T02:00:00Z');
    for (const practice of [SHORT, LONG]) {
      const { value, reads } = await rollup(practice, LAST_SEEDED);
      await expectSameAsWholeHistory(practice, value);
      firstRuns.set(practice.ods, reads);
    }
    // No month-end was stored before this run: it read the whole history once, page by page.
    expect(firstRuns.get(LONG.ods)!.items).toBeGreaterThan(firstRuns.get(SHORT.ods)!.items);
  });

  it('then reads the same few items each month for 24 months of history as for 48', async () => {
    for (const [k, month] of ['2026-12', '2027-01', '2027-02'].entries()) {
      instant = new Date(`${addMonths(month, 1)}-01T02:00:00Z`);
      const runs: Reads[] = [];
      for (const practice of [SHORT, LONG]) {
        await seedMonth(practice, month, 50 + k);
        const { value, reads } = await rollup(practice, month);
        await expectSameAsWholeHistory(practice, value);
        runs.push(reads);
      }
      const [short, long] = runs as [Reads, Reads];
      expect(long, month).toEqual(short);
      // The counters Query (one page: 12 months of 8 shards and their month-ends at most), the
      // settings history Query and one BatchGetItem of the settings and 12 earlier reports.
      expect(long.commands, month).toEqual(['BatchGetItemCommand', 'QueryCommand', 'QueryCommand']);
      expect(long.items, month).toBeLessThanOrEqual(13 * 9 + 1 + 13);
    }
  });

  it('gives the same report when a past month is run again', async () => {
    for (const practice of [SHORT, LONG]) {
      const { value } = await rollup(practice, '2026-06');
      await expectSameAsWholeHistory(practice, value);
    }
  });

  it('reports a practice idle for over a year from its last month-end, read back to it once', async () => {
    const idle = addMonths('2027-02', 14);
    instant = new Date(`${addMonths(idle, 1)}-01T02:00:00Z`);
    const first = await rollup(LONG, idle);
    await expectSameAsWholeHistory(LONG, first.value);
    // The older months back to the last month-end (January 2027): one more Query, one page.
    expect(first.reads.commands.filter((c) => c === 'QueryCommand')).toHaveLength(3);
    const again = await rollup(LONG, idle);
    expect(again.value.report).toEqual({ ...first.value.report, generatedAt: again.value.report.generatedAt });
    expect(again.reads.commands).toHaveLength(3);
  });
});
