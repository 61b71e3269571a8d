import { IDEMPOTENCY_TTL_SECONDS, type IdempotencyClaim, type IdempotencyRecord } from '../domain/idempotency.ts';
import * as z from '../schemas/zod.ts';
import { tableName } from './client.ts';
import { keys, type Key } from './keys.ts';
import { storedItem } from './stored-item.ts';
import type { Item, GuardedItem } from './dynamo.ts';
import { transact } from './transact.ts';
import { WriteConflictError } from './write-conflict.ts';

/**
 * The transaction that was to write the effect found the key's record already there (a twin or an
 * earlier attempt committed): nothing was written. `idempotentWrite` answers from the record; to
 * any other caller it is a plain conflict, so a re-read finds the record.
 */
export class IdempotencyRecordExists extends WriteConflictError {
  constructor(readonly record: IdempotencyRecord | undefined) {
    super(-1);
    this.name = 'IdempotencyRecordExists';
  }
}

export const idempotencyKey = (claim: IdempotencyClaim | undefined): Key | undefined =>
  claim ? keys.idempotency(claim.owner, claim.key) : undefined;

/** The record as stored: the answer's body is kept as its JSON text. */
const parseRecord = /* @__PURE__ */ storedItem('idempotency record', () =>
  z.object({ fingerprint: z.string(), status: z.number(), body: z.string(), expiresAt: z.number() }),
);

export function idempotencyRecordFrom(item: Item | undefined): IdempotencyRecord | undefined {
  if (!item || item.entity !== 'idempotency') return undefined;
  const record = parseRecord(item);
  return { ...record, body: JSON.parse(record.body) as unknown };
}

/**
 * The idempotency record, as one more item of the effect's own transaction: either both are
 * written or neither. Put it first: if the key's record is already there (a twin or an earlier
 * attempt committed, e.g. before a timeout the client saw), its failed condition explains the
 * cancelled transaction, and the record itself comes back with it (ALL_OLD), so the use case
 * replays it (or refuses another request under the same key) without another read.
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
      onConditionFailed: (existing) => new IdempotencyRecordExists(idempotencyRecordFrom(existing)),
    },
  ];
}

/** The answer an idempotent change keeps under its Idempotency-Key: written with the change, or not at all. */
export interface KeptAnswer {
  claim: IdempotencyClaim;
  status: number;
  body: unknown;
  at: Date;
}

/**
 * Commits one change: ONE TransactWriteItems of its items, with the kept answer's record first
 * (idempotencyItem says why). Every aggregate's commit goes through here, so the record has the
 * same place in all of them. Nothing to write and no key: no transaction at all.
 */
export async function commitChange(kept: KeptAnswer | undefined, change: readonly GuardedItem[]): Promise<void> {
  const items = [...(kept ? idempotencyItem(kept.claim, kept.status, kept.body, kept.at) : []), ...change];
  if (items.length > 0) await transact(items);
}
