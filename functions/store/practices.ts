import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_SETTINGS, type PracticeSettings } from '../schemas/practice.ts';
import { db, tableName } from './client.ts';
import { keys } from './keys.ts';
import { getItem, type Item } from './read.ts';
import { send, WriteConflictError, type GuardedItem } from './transact.ts';

/** Stored settings over the contract defaults (a practice nobody configured yet has the defaults). */
export function settingsFrom(item: Item | undefined): PracticeSettings {
  const stored = (item?.settings ?? {}) as Partial<PracticeSettings>;
  return {
    ...DEFAULT_SETTINGS,
    ...stored,
    servicesOffered: { ...DEFAULT_SETTINGS.servicesOffered, ...stored.servicesOffered },
  };
}

export const settingsKey = keys.practiceSettings;

/**
 * A transaction item that holds only while the practice offers `service` online, so a write can
 * check the setting without a read. Like `settingsFrom`, an unset value means the contract default.
 */
export function serviceOfferedGuard(
  practice: string,
  service: keyof PracticeSettings['servicesOffered'],
  whenNot: () => Error,
): GuardedItem {
  const isOffered = '#s.#o.#svc = :offered';
  return {
    item: {
      ConditionCheck: {
        TableName: tableName(),
        Key: keys.practiceSettings(practice),
        ConditionExpression: DEFAULT_SETTINGS.servicesOffered[service]
          ? `attribute_not_exists(#s.#o.#svc) OR ${isOffered}`
          : isOffered,
        ExpressionAttributeNames: { '#s': 'settings', '#o': 'servicesOffered', '#svc': service },
        ExpressionAttributeValues: { ':offered': true },
      },
    },
    onConditionFailed: whenNot,
  };
}

export interface VersionedSettings {
  settings: PracticeSettings;
  version: number;
}

/** Practice settings: one GetItem. */
export async function getSettings(ods: string): Promise<VersionedSettings> {
  const item = await getItem(keys.practiceSettings(ods));
  return { settings: settingsFrom(item), version: Number(item?.version ?? 0) };
}

/**
 * The settings replaced, if nobody changed them since `version` was read, as a transaction item
 * (with an idempotency record); a lost race is a conflict, and the use case re-reads.
 */
export function settingsPutItem(ods: string, next: VersionedSettings, now: Date): GuardedItem {
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: {
          ...keys.practiceSettings(ods),
          entity: 'practice-settings',
          settings: next.settings,
          version: next.version + 1,
          updatedAt: now.toISOString(),
        },
        ConditionExpression: next.version === 0 ? 'attribute_not_exists(PK)' : 'version = :v',
        ExpressionAttributeValues: next.version === 0 ? undefined : { ':v': next.version },
      },
    },
    onConditionFailed: () => new WriteConflictError(0),
  };
}

/** The same replacement on its own: one conditional PutItem. */
export async function putSettings(ods: string, next: VersionedSettings, now: Date): Promise<void> {
  try {
    await send(() => db().send(new PutCommand(settingsPutItem(ods, next, now).item.Put!)));
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new WriteConflictError(0);
    throw error;
  }
}
