import type { IdempotencyClaim } from '../domain/idempotency.ts';
import { DEFAULT_PREFERENCES, type NotificationPreferences } from '../domain/notifications.ts';
import * as z from '../schemas/zod.ts';
import { commitChange, idempotencyKey, idempotencyRecordFrom, type KeptAnswer } from './idempotency.ts';
import { keys } from './keys.ts';
import { storedItem } from './stored-item.ts';
import { getItem, versionedPut, type Item, type GuardedItem } from './dynamo.ts';
import { getItems } from './read.ts';

/**
 * Stored preferences and their version; a field nobody has set yet (no item at all, say) has its
 * default, and preferences never stored are at version 0.
 */
const parsePreferences = /* @__PURE__ */ storedItem('notification preferences', () =>
  z.object({
    email: z._default(z.nullable(z.string()), DEFAULT_PREFERENCES.email),
    mobile: z._default(z.nullable(z.string()), DEFAULT_PREFERENCES.mobile),
    appointmentReminders: z._default(z.boolean(), DEFAULT_PREFERENCES.appointmentReminders),
    statusUpdates: z._default(z.boolean(), DEFAULT_PREFERENCES.statusUpdates),
    version: z._default(z.number(), 0),
  }),
);

function versionedPreferencesFrom(item: Item | undefined): { preferences: NotificationPreferences; version: number } {
  const { version, ...preferences } = parsePreferences(item ?? {});
  return { preferences, version };
}

/** A patient's notification preferences over the defaults (nobody has set any yet: the defaults). */
export function preferencesFrom(item: Item | undefined): NotificationPreferences {
  return versionedPreferencesFrom(item).preferences;
}

/** A patient's preferences: one GetItem in the patient's own partition. */
export async function getPreferences(practice: string, nhsNumber: string): Promise<NotificationPreferences> {
  return preferencesFrom(await getItem(keys.notificationPreferences(practice, nhsNumber)));
}

/**
 * The whole preferences item (the use case merged the change into what it read), only if nobody
 * changed it since that read: two changes of different fields both land, one after the other.
 */
function preferencesPutItem(
  practice: string,
  nhsNumber: string,
  prefs: NotificationPreferences,
  at: Date,
  readVersion: number,
): GuardedItem {
  return versionedPut(
    {
      ...keys.notificationPreferences(practice, nhsNumber),
      entity: 'notification-preferences',
      ...prefs,
      version: readVersion + 1,
      updatedAt: at.toISOString(),
    },
    readVersion || 'absent',
  );
}

export const preferencesKey = keys.notificationPreferences;

/** What a change of preferences is decided on: them, their version, and the key's record (one BatchGetItem). */
export async function readPreferencesContext(practice: string, nhsNumber: string, claim: IdempotencyClaim | undefined) {
  const [item, idemItem] = await getItems([keys.notificationPreferences(practice, nhsNumber), idempotencyKey(claim)]);
  return {
    ...versionedPreferencesFrom(item),
    idempotency: idempotencyRecordFrom(idemItem),
  };
}

/** The preferences as changed, on the version read (one TransactWriteItems with the kept answer). */
export async function commitPreferences(
  change: { practice: string; nhsNumber: string; preferences: NotificationPreferences; at: Date; readVersion: number },
  kept: KeptAnswer | undefined,
): Promise<void> {
  await commitChange(kept, [
    preferencesPutItem(change.practice, change.nhsNumber, change.preferences, change.at, change.readVersion),
  ]);
}
