import { BatchGetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client.ts';
import type { Key } from './keys.ts';
import { send, type Item } from './dynamo.ts';
import { TABLE_DEFINITION } from './table-definition.ts';
import { ProblemError } from '../domain/errors.ts';
import { grantRideAlong } from './proxy-guard.ts';
import { registryRideAlong } from './registry-guard.ts';

const id = (k: { PK: unknown; SK: unknown }) => `${String(k.PK)}\u0000${String(k.SK)}`;

/**
 * Several items in one round trip (BatchGetItem, strongly consistent). Returns them in the order
 * asked, undefined where absent. Unprocessed keys (throttling) are re-asked a few times.
 */
export async function getItems(keys: readonly (Key | undefined)[]): Promise<(Item | undefined)[]> {
  // The request's practice entry (store/registry-guard.ts) and a proxy's grant
  // (store/proxy-guard.ts) take the first batch along.
  const riders = [registryRideAlong(), grantRideAlong()].filter((rider) => rider !== undefined);
  if (riders.length === 0) return batchGet(keys);
  try {
    const found = await batchGet([...keys, ...riders.map((rider) => rider.key)]);
    const carried = found.splice(keys.length);
    riders.forEach((rider, i) => rider.deliver(carried[i]));
    return found;
  } catch (error) {
    for (const rider of riders) rider.fail(error);
    throw error;
  }
}

async function batchGet(keys: readonly (Key | undefined)[]): Promise<(Item | undefined)[]> {
  const wanted = keys.filter((k): k is Key => k !== undefined);
  const found = new Map<string, Item>();
  let pending: Key[] = [...new Map(wanted.map((k) => [id(k), k])).values()];
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
    if (attempt > 4) throw new Error('BatchGetItem left keys unprocessed');
    const out = await send(() =>
      db().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: pending, ConsistentRead: true } } })),
    );
    for (const item of out.Responses?.[tableName()] ?? []) found.set(id(item as Key), item);
    pending = (out.UnprocessedKeys?.[tableName()]?.Keys ?? []) as Key[];
  }
  return keys.map((k) => (k ? found.get(id(k)) : undefined));
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/** The same page with each item mapped (to the contract's shape, say); its cursor unchanged. */
export function mapPage<T, U>(page: Page<T>, map: (item: T) => U): Page<U> {
  return { ...page, items: page.items.map(map) };
}

/** The attributes a table or index key can hold; a cursor holds nothing else. */
const KEY_ATTRIBUTES = new Set([
  TABLE_DEFINITION.partitionKey,
  TABLE_DEFINITION.sortKey,
  ...TABLE_DEFINITION.globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
]);

/**
 * The store's page cursor: a Query's LastEvaluatedKey as JSON. It names attributes and holds keys,
 * so it never reaches a client as is: the HTTP layer seals it into an opaque, caller- and
 * query-bound page token (functions/http/page-token.ts) and opens it again before the store sees it.
 */
export function encodeToken(key: Record<string, unknown> | undefined): string | undefined {
  return key ? JSON.stringify(key) : undefined;
}

/**
 * A cursor back into an ExclusiveStartKey, checked to belong to this query (its partition
 * attributes match) and to be a key of ours (key attributes only, string values), so even a
 * cursor that got past the seal could never move a caller into another partition or reach the
 * table malformed; anything else is a 400.
 */
export function decodeToken(
  token: string | undefined,
  expected: Record<string, string>,
): Record<string, unknown> | undefined {
  if (!token) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(token);
  } catch {
    key = undefined;
  }
  const valid =
    key !== null &&
    typeof key === 'object' &&
    !Array.isArray(key) &&
    Object.entries(key).every(([name, value]) => KEY_ATTRIBUTES.has(name) && typeof value === 'string') &&
    Object.entries(expected).every(([name, value]) => (key as Record<string, unknown>)[name] === value);
  if (!valid) throw staleToken();
  return key as Record<string, unknown>;
}

function staleToken(): ProblemError {
  return new ProblemError('validation-failed', 'nextToken is not valid for this list: list again from the first page', [
    { path: 'nextToken', message: 'is not valid for this list' },
  ]);
}

/**
 * One Query page. A start key the table refuses (DynamoDB's ValidationException, e.g. a token
 * whose position has fallen outside an "upcoming" window as time passed) is the client's stale
 * nextToken, not a fault: 400 on nextToken.
 */
export async function queryPage(
  input: Omit<QueryCommandInput, 'TableName'>,
): Promise<{ items: Item[]; lastKey?: Record<string, unknown> }> {
  try {
    const out = await send(() => db().send(new QueryCommand({ TableName: tableName(), ...input })));
    return { items: out.Items ?? [], lastKey: out.LastEvaluatedKey };
  } catch (error) {
    const refusedStart =
      input.ExclusiveStartKey !== undefined &&
      error instanceof Error &&
      error.name === 'ValidationException' &&
      /start(ing)? key/i.test(error.message);
    if (refusedStart) throw staleToken();
    throw error;
  }
}

/** A list's page as the store answers it: the items, and the cursor when the Query stopped early. */
export function pageOf<T>(items: T[], lastKey: Record<string, unknown> | undefined): Page<T> {
  return { items, ...(lastKey ? { nextToken: encodeToken(lastKey) } : {}) };
}

/**
 * One page of a list: one Query from the caller's cursor, which must belong to `partition` (the
 * Query's partition-key attribute and value), with each item mapped; an item `from` answers
 * undefined for (another kind of item in the same range) is left out.
 */
export async function queryList<T>(
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
  cursor: { partition: Record<string, string>; nextToken: string | undefined },
  from: (item: Item) => T | undefined,
): Promise<Page<T>> {
  const start = decodeToken(cursor.nextToken, cursor.partition);
  const { items, lastKey } = await queryPage({ ...input, ...(start ? { ExclusiveStartKey: start } : {}) });
  return pageOf(
    items.flatMap((item) => from(item) ?? []),
    lastKey,
  );
}

/** Every item of a Query, page after page (a page stops at 1 MB). */
export async function queryAll(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Item[]> {
  const all: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const { items, lastKey } = await queryPage({ ...input, ...(start ? { ExclusiveStartKey: start } : {}) });
    all.push(...items);
    start = lastKey;
  } while (start);
  return all;
}

/** Every item of a list, following its pages in order (for work that must see all of them). */
export async function allPages<T>(page: (nextToken: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  let nextToken: string | undefined;
  do {
    const next = await page(nextToken);
    all.push(...next.items);
    nextToken = next.nextToken;
  } while (nextToken);
  return all;
}
