import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { CountedAction } from '../functions/domain/activity.ts';
import type { PracticeConfig } from '../functions/schemas/practice-config.ts';
import { addMonths, localMonth, monthBounds } from '../functions/domain/time.ts';
import { db, tableName } from '../functions/store/client.ts';
import { countedActionItems } from '../functions/store/counters.ts';
import { keys } from '../functions/store/keys.ts';
import type { GuardedItem } from '../functions/store/dynamo.ts';
import { mapBounded } from '../functions/usecases/bounded.ts';
import { withPractices } from '../functions/usecases/deps.ts';
import { ROLLUP_CONCURRENCY, rollupPractices, verifyMonth } from '../functions/usecases/report.ts';
import { formatMs, type Results } from './results.ts';

/** The 6,500-practice rollup must finish within this on a 2-core machine (DynamoDB Local beside it). */
export const ENGLAND_BUDGET_MS = 120_000;
const VERIFY_CONCURRENCY = 8;
const KINDS = ['appointment-booked', 'appointment-cancelled', 'prescription-ordered', 'record-viewed'] as const;

/**
 * Assumed per-request latencies in Lambda (DynamoDB in-region, S3 PutObject), for the projection:
 * each practice is three reads sent together and one write, then three file writes.
 */
const LAMBDA = { dynamoMs: 10, s3Ms: 40, filesPerPractice: 3 };

const practiceOf = (i: number): PracticeConfig => ({
  ods: `B${String(10_000 + i).padStart(5, '0')}`,
  name: `Bench Practice ${i}`,
  timeZone: 'Europe/London',
  regionCode: 'Y56',
  subIcbCode: '93C',
});

/** A counter ADD as the item it leaves on an empty table (bench seeding writes items in bulk). */
function asPut(item: GuardedItem['item']): Record<string, unknown> {
  if (item.Put) return item.Put.Item!;
  const update = item.Update!;
  const values = update.ExpressionAttributeValues as Record<string, unknown>;
  const counters: Record<string, unknown> = {};
  for (const [alias, name] of Object.entries(update.ExpressionAttributeNames ?? {})) {
    counters[name] = values[`:${alias.slice(1)}`];
  }
  return { ...(update.Key as Record<string, unknown>), entity: values[':entity'], ...counters };
}

/**
 * Everything written in bulk (BatchWriteItem, 25 items a request, 8 requests in flight): each
 * practice's registry entry, and its month of activity as the use cases would leave it (the
 * store's own counter + activity builders, the counter ADD turned into the item it makes).
 * Seeding is set-up, not what is measured.
 */
async function seed(practices: readonly PracticeConfig[], month: string, actionsEach: number): Promise<void> {
  const at = new Date().toISOString();
  const items: Record<string, unknown>[] = [];
  for (const practice of practices) {
    items.push({
      ...keys.practiceRegistry(practice.ods),
      GSI1PK: keys.registryPartition,
      GSI1SK: practice.ods,
      entity: 'practice',
      ...practice,
      source: 'config',
      version: 1,
      createdAt: at,
      updatedAt: at,
    });
    const { start } = monthBounds(month, practice.timeZone);
    const actions: CountedAction[] = Array.from({ length: actionsEach }, (_, i) => {
      const kind = KINDS[i % KINDS.length]!;
      const when = new Date(start.getTime() + 3_600_000 + i * 60_000);
      const ref = `fan-${practice.ods}-${i}`;
      return kind === 'prescription-ordered' ? { kind, at: when, ref, items: 2 } : { kind, at: when, ref };
    });
    for (const { item } of countedActionItems(practice.ods, practice.timeZone, actions)) items.push(asPut(item));
  }
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  await mapBounded(batches, 8, async (batch) => {
    let pending = batch.map((Item) => ({ PutRequest: { Item } }));
    while (pending.length > 0) {
      const out = await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: pending } }));
      pending = (out.UnprocessedItems?.[tableName()] ?? []) as typeof pending;
    }
  });
}

/**
 * The rollup fan-out: every practice in the registry on its own, ROLLUP_CONCURRENCY at a time,
 * over 50 practices and over all of England (6,500), plus --verify of the large run timed apart.
 * Prints the time per practice and what the same run would take in Lambda.
 */
export async function benchFanOut(results: Results, options: { sizes: number[]; actionsEach: number }): Promise<void> {
  const largest = Math.max(...options.sizes);
  results.heading(
    `Rollup fan-out over the registry: ${options.sizes.map((n) => n.toLocaleString('en-GB')).join(' → ')} practices, ${ROLLUP_CONCURRENCY} at a time`,
    `registry and a month of ${options.actionsEach} actions per practice seeded in bulk first (not timed); --verify timed apart`,
  );
  const practices = Array.from({ length: largest }, (_, i) => practiceOf(i));
  const month = addMonths(localMonth(new Date(), 'Europe/London'), -1);
  const seeded = performance.now();
  await seed(practices, month, options.actionsEach);
  results.note(
    `seeded ${largest.toLocaleString('en-GB')} practices and ${(largest * options.actionsEach).toLocaleString('en-GB')} actions in ${((performance.now() - seeded) / 1000).toFixed(1)} s`,
  );

  let perPracticeSmall = 0;
  for (const size of options.sizes) {
    const wanted = practices.slice(0, size).map((p) => p.ods);
    const all = size === largest;
    const started = performance.now();
    const run = await rollupPractices(all ? { month } : { month, practices: wanted });
    const ms = performance.now() - started;
    const perPractice = ms / run.results.length;
    if (size === Math.min(...options.sizes)) perPracticeSmall = perPractice;
    const counted = run.results.filter((r) => wanted.includes(r.report.practice));
    const wrong = counted.filter((r) => r.report.use.total !== options.actionsEach).length;
    results.add({
      section: 'rollup',
      name: `rollup of ${run.results.length.toLocaleString('en-GB')} practices`,
      measured: formatMs(ms),
      baseline: `${perPractice.toFixed(1)} ms/practice`,
      ratio: perPracticeSmall ? perPractice / perPracticeSmall : 1,
      budget: all ? `≤ ${ENGLAND_BUDGET_MS / 1000} s in all` : 'per practice: the baseline',
      pass: run.failures.length === 0 && wrong === 0 && (!all || ms <= ENGLAND_BUDGET_MS),
      note: `${run.failures.length} failed, ${wrong} miscounted${all ? `, summary stored for ${run.summaries.join(', ') || 'no month'}` : ''}; ratio = ms/practice vs the ${Math.min(...options.sizes)}-practice run`,
    });
    if (all) {
      const dynamoMs = (run.results.length / ROLLUP_CONCURRENCY) * 2 * LAMBDA.dynamoMs;
      const filesMs = (run.results.length * LAMBDA.filesPerPractice * LAMBDA.s3Ms) / 32;
      results.note(
        `projected Lambda run for ${run.results.length.toLocaleString('en-GB')} practices at ${ROLLUP_CONCURRENCY} at a time: ` +
          `~${((dynamoMs + filesMs) / 1000).toFixed(0)} s (2 DynamoDB round trips of ~${LAMBDA.dynamoMs} ms per practice, ` +
          `${LAMBDA.filesPerPractice} PutObject of ~${LAMBDA.s3Ms} ms, 32 at a time) of the 15-minute timeout`,
      );
      const verifyStarted = performance.now();
      const verifications: number[] = [];
      let unverified = 0;
      // Fewer at once than the rollup: a recount reads every entry, and a busy machine times out.
      await mapBounded(run.results, VERIFY_CONCURRENCY, async (result) => {
        const config = { ods: result.report.practice, name: result.context.practice.name, timeZone: result.timeZone };
        try {
          const verification = await withPractices([config], () => verifyMonth(result));
          verifications.push(verification.differences.length);
        } catch {
          unverified++;
        }
      });
      const verifyMs = performance.now() - verifyStarted;
      const differing = verifications.filter((n) => n > 0).length;
      results.add({
        section: 'rollup',
        name: `rollup --verify of ${run.results.length.toLocaleString('en-GB')} practices`,
        measured: formatMs(verifyMs),
        baseline: formatMs(ms),
        ratio: verifyMs / ms,
        budget: 'passing (timed apart from the rollup)',
        pass: differing === 0 && unverified === 0,
        note: `${differing} practice(s) differ from the recount, ${unverified} could not be recounted; baseline = the rollup itself`,
      });
    }
  }
}
