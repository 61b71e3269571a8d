import { GetCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { unavailable } from '../domain/errors.ts';
import { db, tableName } from './client.ts';
import type { Key } from './keys.ts';
import { WriteConflictError } from './write-conflict.ts';

/**
 * The ground floor of the store: a DynamoDB call with outages turned into 503 (`send`), one
 * strongly consistent GetItem, and the shape of a transaction item. The request guards
 * (link-guard.ts, proxy-guard.ts, registry-guard.ts) build on these alone, so read.ts and
 * transact.ts can consult the guards without the guards importing them back.
 */

export type Item = Record<string, unknown>;

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * One item of a transaction plus what its failed condition means in domain terms. `onConditionFailed`
 * receives the item as it was (ALL_OLD) so it can tell e.g. "already cancelled" from "not yours".
 */
export interface GuardedItem {
  item: TransactItem;
  onConditionFailed?: (existing: Record<string, unknown> | undefined) => Error;
  /** The item as written, once the request's practice entry is there (an audit entry's expiry follows it). */
  atCommit?: (practice: { auditRetentionYears?: number | undefined }) => TransactItem;
}

/**
 * A Put of a whole item, only if nobody wrote it since it was read at `readVersion` (`'absent'`:
 * only if it is still absent); a write in between is a conflict, so the change re-reads and
 * decides again (store/transact.ts retryOnConflict).
 */
export function versionedPut(item: Item, readVersion: number | 'absent'): GuardedItem {
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: item,
        ...(readVersion === 'absent'
          ? { ConditionExpression: 'attribute_not_exists(PK)' }
          : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': readVersion } }),
      },
    },
    onConditionFailed: () => new WriteConflictError(0),
  };
}

const UNAVAILABLE_ERRORS = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  // A per-attempt connection or request timeout of the SDK's HTTP handler.
  'TimeoutError',
  // The request's deadline passed (store/client.ts withDeadline) while the call was waiting.
  'AbortError',
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
]);

/**
 * DynamoDB throttling or outage (after the SDK's own retries), a database that does not answer in
 * time, or one that is not there at all becomes 503 with Retry-After; the caller learns nothing
 * about our internals.
 */
export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: string }).code;
  return UNAVAILABLE_ERRORS.has(error.name) || (code !== undefined && NETWORK_CODES.has(code));
}

/** Runs any DynamoDB call, translating outages to 503. */
export async function send<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isUnavailable(error)) throw unavailable();
    throw error;
  }
}

/** One strongly consistent GetItem. */
export async function getItem(key: Key): Promise<Item | undefined> {
  const out = await send(() => db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true })));
  return out.Item;
}
