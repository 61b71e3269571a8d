import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db } from './client.ts';
import { unavailable } from '../domain/errors.ts';
import { send, type GuardedItem, type TransactItem } from './dynamo.ts';
import { linkGuardItems } from './link-guard.ts';
import { proxyGuardItems } from './proxy-guard.ts';
import { guardedAuditRetention, guardedOds, guardedPractice, practiceNotServed } from './registry-guard.ts';
import { WriteConflictError } from './write-conflict.ts';

const UNAVAILABLE_REASONS = new Set(['ThrottlingError', 'ProvisionedThroughputExceeded', 'RequestLimitExceeded']);

/**
 * One TransactWriteItems. A cancelled transaction wrote nothing; it is explained by the first
 * item (in the order given) whose condition failed — so put the most telling guard first — else by
 * a conflict the caller may retry, else it is a 503.
 */
export async function transact(given: GuardedItem[]): Promise<void> {
  // Nothing is written for a practice the registry lacks: the request's entry (already there
  // once the use case has read) is awaited first.
  const ods = guardedOds();
  if (ods !== undefined && (await guardedPractice(ods)) === undefined) throw practiceNotServed(ods);
  const practice = { auditRetentionYears: ods !== undefined ? guardedAuditRetention(ods) : undefined };
  const completed = given.map((g) => (g.atCommit ? { ...g, item: g.atCommit(practice) } : g));
  // A request of a self-linked sign-in writes only while its link stands (store/link-guard.ts),
  // and a proxy's only while their grant does (store/proxy-guard.ts).
  const items = [...completed, ...linkGuardItems(), ...proxyGuardItems()];
  try {
    await send(() =>
      db().send(
        new TransactWriteCommand({
          TransactItems: items.map(({ item }) => withOldValuesOnFailure(item)),
        }),
      ),
    );
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const reasons = error.CancellationReasons ?? [];
    for (const [index, reason] of reasons.entries()) {
      if (reason.Code === 'ConditionalCheckFailed') {
        const explain = items[index]?.onConditionFailed;
        if (explain) throw explain(reason.Item ? unmarshall(reason.Item) : undefined);
        throw new Error(`unexpected condition failure on transaction item ${index}`);
      }
    }
    const conflict = reasons.findIndex((r) => r.Code === 'TransactionConflict');
    if (conflict >= 0) throw new WriteConflictError(conflict);
    if (reasons.some((r) => r.Code && UNAVAILABLE_REASONS.has(r.Code))) throw unavailable();
    throw error;
  }
}

function withOldValuesOnFailure(item: TransactItem): TransactItem {
  if (item.ConditionCheck) return item;
  if (item.Put?.ConditionExpression) return { Put: { ...item.Put, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } };
  if (item.Update?.ConditionExpression)
    return { Update: { ...item.Update, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } };
  if (item.Delete?.ConditionExpression)
    return { Delete: { ...item.Delete, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } };
  return item;
}

/**
 * Re-runs a read-decide-write use case when a concurrent transaction got in the way: the re-read
 * sees the winner's effect, so the retry either succeeds or fails with the right domain error
 * (e.g. slot-unavailable). Persistent conflicts surface as `whenExhausted`.
 */
export async function retryOnConflict<T>(
  attempt: () => Promise<T>,
  whenExhausted: (conflict: WriteConflictError) => Error,
): Promise<T> {
  const maxAttempts = 4;
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof WriteConflictError)) throw error;
      if (n >= maxAttempts) throw whenExhausted(error);
      await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** n * Math.random()));
    }
  }
}
