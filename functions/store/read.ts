import { BatchGetCommand, GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client.ts';
import type { Key } from './keys.ts';
import { send } from './transact.ts';
import { ProblemError } from '../domain/errors.ts';

export type Item = Record<string, unknown>;

/**
 * The domain fields of a stored item (keys, GSI attributes and bookkeeping dropped). The caller
 * names the fields of its own entity, which is what makes the cast to that entity sound.
 */
export function pickFields<T>(item: Item, fields: readonly (keyof T & string)[]): T {
  const out: Record<string, unknown> = {};
  for (const field of fields) if (item[field] !== undefined) out[field] = item[field];
  return out as T;
}

const id = (k: { PK: unknown; SK: unknown }) => `${String(k.PK)}\u0000${String(k.SK)}`;

/** One strongly consistent GetItem. */
export async function getItem(key: Key): Promise<Item | undefined> {
  const out = await send(() => db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true })));
  return out.Item;
}

/**
 * Several items in one round trip (BatchGetItem, strongly consistent). Returns them in the order
 * asked, undefined where absent. Unprocessed keys (throttling) are re-asked a few times.
 */
export async function getItems(keys: readonly (Key | undefined)[]): Promise<(Item | undefined)[]> {
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

/** Opaque pagination tokens: the LastEvaluatedKey, base64url JSON. */
export function encodeToken(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

/**
 * Decodes a nextToken and checks it belongs to this query (its partition attributes match), so a
 * token can never move a caller into someone else's partition; anything else is a 400.
 */
export function decodeToken(
  token: string | undefined,
  expected: Record<string, string>,
): Record<string, unknown> | undefined {
  if (!token) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const valid =
    key !== null &&
    typeof key === 'object' &&
    !Array.isArray(key) &&
    Object.entries(expected).every(([name, value]) => (key as Record<string, unknown>)[name] === value);
  if (!valid) {
    throw new ProblemError('validation-failed', 'nextToken is not one this list issued', [
      { path: 'nextToken', message: 'is not valid for this list' },
    ]);
  }
  return key as Record<string, unknown>;
}

/** One Query page. */
export async function queryPage(
  input: Omit<QueryCommandInput, 'TableName'>,
): Promise<{ items: Item[]; lastKey?: Record<string, unknown> }> {
  const out = await send(() => db().send(new QueryCommand({ TableName: tableName(), ...input })));
  return { items: out.Items ?? [], lastKey: out.LastEvaluatedKey };
}
