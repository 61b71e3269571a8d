import { DEFAULT_SETTINGS, type PracticeSettings } from '../schemas/practice.ts';
import * as z from '../schemas/zod.ts';
import type { AuditRecord } from '../domain/record.ts';
import { putAuditItem } from './audit.ts';
import { tableName } from './client.ts';
import { commitChange, type KeptAnswer } from './idempotency.ts';
import { keys } from './keys.ts';
import { storedItem } from './stored-item.ts';
import { getItem, versionedPut, type Item, type GuardedItem } from './dynamo.ts';
import { queryPage } from './read.ts';
import { WriteConflictError } from './write-conflict.ts';

/**
 * A settings item or a history entry. Its settings are stored over the contract defaults: a
 * setting nobody has changed yet (a practice nobody configured, a setting added since they did)
 * has its default; a setting no longer in the contract is dropped. Settings stored before the
 * history was kept lack `historyKept`.
 */
const parseSettings = /* @__PURE__ */ storedItem('practice settings', () =>
  z.object({
    settings: z._default(
      z.object({
        bookingHorizonDays: z._default(z.number(), DEFAULT_SETTINGS.bookingHorizonDays),
        maxActiveAppointments: z._default(z.number(), DEFAULT_SETTINGS.maxActiveAppointments),
        cancellationCutoffMinutes: z._default(z.number(), DEFAULT_SETTINGS.cancellationCutoffMinutes),
        servicesOffered: z._default(
          z.object({
            appointments: z._default(z.boolean(), DEFAULT_SETTINGS.servicesOffered.appointments),
            prescriptions: z._default(z.boolean(), DEFAULT_SETTINGS.servicesOffered.prescriptions),
            record: z._default(z.boolean(), DEFAULT_SETTINGS.servicesOffered.record),
          }),
          () => ({ ...DEFAULT_SETTINGS.servicesOffered }),
        ),
        listSize: z._default(z.number(), DEFAULT_SETTINGS.listSize),
        annualGrowthTarget: z._default(z.number(), DEFAULT_SETTINGS.annualGrowthTarget),
        systemSupplier: z._default(z.string(), DEFAULT_SETTINGS.systemSupplier),
        reminderHoursBefore: z._default(z.number(), DEFAULT_SETTINGS.reminderHoursBefore),
        auditRetentionYears: z._default(z.nullable(z.number()), DEFAULT_SETTINGS.auditRetentionYears),
      }),
      () => ({ ...DEFAULT_SETTINGS, servicesOffered: { ...DEFAULT_SETTINGS.servicesOffered } }),
    ),
    version: z._default(z.number(), 0),
    updatedAt: z.optional(z.string()),
    historyKept: z._default(z.boolean(), false),
  }),
);

/** A settings item or history entry as the code works with it. */
function storedSettingsFrom(item: Item): VersionedSettings {
  const { historyKept, ...stored } = parseSettings(item);
  return { ...stored, recorded: historyKept };
}

/** The settings of a settings item or a history entry (no item: the defaults). */
export function settingsFrom(item: Item | undefined): PracticeSettings {
  return parseSettings(item ?? {}).settings;
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
  /** When the stored settings were last changed (absent: never). */
  updatedAt?: string;
  /** False for settings stored before changes were kept in the history (their change has no entry). */
  recorded: boolean;
}

/** A settings item (none: the defaults, at version 0, with nothing that the history lacks). */
function versionedFrom(item: Item | undefined): VersionedSettings {
  return item ? storedSettingsFrom(item) : { ...storedSettingsFrom({}), recorded: true };
}

/** Practice settings: one GetItem. */
export async function getSettings(ods: string): Promise<VersionedSettings> {
  return versionedFrom(await getItem(keys.practiceSettings(ods)));
}

/** A history entry: the whole settings as they stood from `at` on (never overwritten). */
function historyPutItem(ods: string, settings: PracticeSettings, at: string, version: number): GuardedItem {
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: {
          ...keys.settingsHistory(ods, at, version),
          entity: 'practice-settings-history',
          settings,
          version,
          at,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    onConditionFailed: () => new WriteConflictError(0),
  };
}

/**
 * The settings replaced, if nobody changed them since `current` was read, together with the
 * history entry of the change, as transaction items (the caller may add an idempotency record); a
 * lost race is a conflict, and the use case re-reads. The change is dated no earlier than the
 * previous one, so a writer whose clock is behind cannot order its change before the one it
 * replaced. Settings stored before the history was kept get their own entry first, dated when
 * they were set, so the months since then keep reporting them.
 */
export function settingsWriteItems(
  ods: string,
  current: VersionedSettings,
  settings: PracticeSettings,
  now: Date,
): GuardedItem[] {
  const at = [now.toISOString(), current.updatedAt ?? ''].sort().at(-1)!;
  const version = current.version + 1;
  const earlier =
    !current.recorded && current.version > 0 && current.updatedAt
      ? [historyPutItem(ods, current.settings, current.updatedAt, current.version)]
      : [];
  const retention = settings.auditRetentionYears;
  return [
    ...(retention !== current.settings.auditRetentionYears ? [auditRetentionMirrorItem(ods, retention)] : []),
    versionedPut(
      {
        ...keys.practiceSettings(ods),
        entity: 'practice-settings',
        settings,
        version,
        updatedAt: at,
        historyKept: true,
      },
      current.version || 'absent',
    ),
    ...earlier,
    historyPutItem(ods, settings, at, version),
  ];
}

/**
 * The audit retention setting, mirrored onto the practice's registry entry, which every request
 * reads anyway: an audit entry's expiry is known when it is written, at no extra read. The
 * entry's version moves on, so an admin's change made from an earlier read conflicts and re-reads
 * rather than dropping the mirror.
 */
function auditRetentionMirrorItem(ods: string, years: number | null): GuardedItem {
  return {
    item: {
      Update: {
        TableName: tableName(),
        Key: keys.practiceRegistry(ods),
        UpdateExpression: `${years === null ? 'REMOVE #r' : 'SET #r = :r'} ADD version :one`,
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: { '#r': 'auditRetentionYears' },
        ExpressionAttributeValues: { ':one': 1, ...(years === null ? {} : { ':r': years }) },
      },
    },
    onConditionFailed: () => new WriteConflictError(0),
  };
}

/**
 * The history entry that stood at `end` (exclusive): the last one before it, with one Query
 * (newest first, Limit 1) however many changes there were. Undefined before the first.
 */
export async function queryHistoryEntry(ods: string, end: Date): Promise<Item | undefined> {
  const range = keys.settingsHistoryBefore(end);
  const page = await queryPage({
    KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': keys.practiceSettings(ods).PK, ':from': range.from, ':to': range.to },
    ScanIndexForward: false,
    Limit: 1,
    ConsistentRead: true,
  });
  return page.items[0];
}

/**
 * The settings as they stood at `end` (exclusive), from the history entry before it and the current
 * settings item: the entry's settings; without one, settings stored before the history was kept
 * if they were set before `end`; else the defaults.
 */
export function settingsAsOf(entry: Item | undefined, currentItem: Item | undefined, end: Date): PracticeSettings {
  if (entry) return settingsFrom(entry);
  const current = versionedFrom(currentItem);
  if (!current.recorded && current.updatedAt !== undefined && new Date(current.updatedAt) < end) {
    return current.settings;
  }
  return settingsFrom(undefined);
}

/** The settings as they stood at `end` (exclusive): one Query and one GetItem, sent together. */
export async function getSettingsAsOf(ods: string, end: Date): Promise<PracticeSettings> {
  const [entry, currentItem] = await Promise.all([queryHistoryEntry(ods, end), getItem(keys.practiceSettings(ods))]);
  return settingsAsOf(entry, currentItem, end);
}

/**
 * A change of the settings in one TransactWriteItems with the kept answer: the settings and their
 * history entry (settingsWriteItems), and the staff audit entry.
 */
export async function commitSettings(
  change: { ods: string; current: VersionedSettings; settings: PracticeSettings; now: Date; audit: AuditRecord },
  kept: KeptAnswer | undefined,
): Promise<void> {
  await commitChange(kept, [
    ...settingsWriteItems(change.ods, change.current, change.settings, change.now),
    putAuditItem(change.ods, change.audit),
  ]);
}
