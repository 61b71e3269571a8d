import { IDEMPOTENCY_TTL_SECONDS, type IdempotencyClaim, type IdempotencyRecord } from '../domain/idempotency.ts';
import { tableName } from './client.ts';
import { keys, type Key } from './keys.ts';
import type { Item } from './read.ts';
import { WriteConflictError, type GuardedItem } from './transact.ts';

export const idempotencyKey = (claim: IdempotencyClaim | undefined): Key | undefined =>
  claim ? keys.idempotency(claim.owner, claim.key) : undefined;

export function idempotencyRecordFrom(item: Item | undefined): IdempotencyRecord | undefined {
  if (!item) return undefined;
  return {
    fingerprint: String(item.fingerprint),
    status: Number(item.status),
    body: JSON.parse(String(item.body)) as unknown,
    expiresAt: Number(item.expiresAt),
  };
}

/**
 * The idempotency record, as one more item of the effect's own transaction: either both are
 * written or neither. If another request with the same key committed first, the condition fails
 * and the use case re-reads, finds the record and replays it.
 */
export function idempotencyItem(
  claim: IdempotencyClaim | undefined,
  status: number,
  body: unknown,
  now: Date,
): GuardedItem[] {
  if (!claim) return [];
  const nowSeconds = Math.floor(now.getTime() / 1000);
  return [
    {
      item: {
        Put: {
          TableName: tableName(),
          Item: {
            ...keys.idempotency(claim.owner, claim.key),
            entity: 'idempotency',
            fingerprint: claim.fingerprint,
            status,
            body: JSON.stringify(body),
            createdAt: now.toISOString(),
            expiresAt: nowSeconds + IDEMPOTENCY_TTL_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(PK) OR expiresAt <= :now',
          ExpressionAttributeValues: { ':now': nowSeconds },
        },
      },
      onConditionFailed: () => new WriteConflictError(-1),
    },
  ];
}
