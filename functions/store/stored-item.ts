import * as z from '../schemas/zod.ts';
import type { Item } from './dynamo.ts';

/**
 * A stored item that does not fit its entity's schema: a fault of ours, answered 500 like any
 * other. The message names the entity and the fields that failed, never their values (which may
 * be patient data) nor the item's key (which holds an NHS number).
 */
export class StoredItemError extends Error {
  constructor(entity: string, issues: readonly { path: readonly PropertyKey[]; code: string }[]) {
    const fields = issues.map((issue) => `${issue.path.map(String).join('.') || '(item)'} (${issue.code})`);
    super(`A stored ${entity} item does not fit its schema: ${fields.join(', ')}`);
    this.name = 'StoredItemError';
  }
}

/**
 * The one way from a stored item to what the code works with: the entity's schema parses it, so
 * the key, index and bookkeeping attributes the schema does not name (PK, SK, GSI keys, `entity`,
 * `expiresAt`…) are dropped, and a field that items stored before it existed lack takes the
 * schema's default. An item that does not fit throws StoredItemError rather than passing on
 * something the contract does not describe. The schema is built on the first item, not at import:
 * a function pays at cold start for none of them, and later only for the entities it reads.
 */
export function storedItem<T>(entity: string, schema: () => z.ZodMiniType<T>): (item: Item) => T {
  let built: z.ZodMiniType<T> | undefined;
  return (item) => {
    built ??= schema();
    const parsed = built.safeParse(item);
    if (!parsed.success) throw new StoredItemError(entity, parsed.error.issues);
    return parsed.data;
  };
}

/**
 * A stored map (a DynamoDB M of any keys), each value fitting `value`; empty when absent. Built
 * from the object kind every bundle already carries: `z.record` would add one more zod kind to
 * the bundle of every handler that reads a patient, about 1 KB each.
 */
export function storedMap<T extends z.ZodMiniType>(value: T) {
  return z._default(z.catchall(z.object({}), value), () => ({}));
}
