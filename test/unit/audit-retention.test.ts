import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, UpdateSettingsBody } from '../../functions/schemas/practice.ts';
import { auditExpiry, putAuditItem } from '../../functions/store/audit.ts';
import { settingsWriteItems, type VersionedSettings } from '../../functions/store/practices.ts';
import type { RegistryEntry } from '../../functions/store/registry-entry.ts';
import { registryWriteItem } from '../../functions/store/registry.ts';
import { useUnitEnv } from '../support/unit-env.ts';

/**
 * `auditRetentionYears`: the setting's rules, and the items that carry it: an audit entry's
 * expiry, the mirror on the practice's registry entry (which every request reads anyway), and an
 * admin's change of the practice that keeps that mirror.
 */
const entry = {
  auditId: 'a1',
  at: '2028-02-29T09:30:00.000Z',
  actor: 'staff-1',
  role: 'staff',
  action: 'view',
} as const;
const current = (auditRetentionYears: number | null): VersionedSettings => ({
  settings: { ...DEFAULT_SETTINGS, auditRetentionYears },
  version: 3,
  updatedAt: '2026-11-01T00:00:00.000Z',
  recorded: true,
});
const storedItem = (item: { Put?: { Item?: Record<string, unknown> } }) => item.Put!.Item!;

describe('the auditRetentionYears setting', () => {
  beforeAll(useUnitEnv);

  it('is unset by default', () => {
    expect(DEFAULT_SETTINGS.auditRetentionYears).toBeNull();
  });

  it.each([1, 8, 100, null])('accepts %j', (value) => {
    expect(UpdateSettingsBody.safeParse({ auditRetentionYears: value }).success).toBe(true);
  });

  it.each([0, 101, 7.5, -3])('refuses %j, saying what it takes', (value) => {
    const parsed = UpdateSettingsBody.safeParse({ auditRetentionYears: value });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      [
        'auditRetentionYears',
        'must be a whole number of years from 1 to 100, or null to keep audit entries indefinitely',
      ],
    ]);
  });
});

describe('an audit entry’s expiry', () => {
  beforeAll(useUnitEnv);

  it('is the same instant N years on, in epoch seconds (a 29 February runs on to 1 March)', () => {
    expect(auditExpiry('2026-12-01T10:00:00.000Z', 8)).toBe(Date.parse('2034-12-01T10:00:00.000Z') / 1000);
    expect(auditExpiry(entry.at, 1)).toBe(Date.parse('2029-03-01T09:30:00.000Z') / 1000);
  });

  it('is written when the caller knows the retention, and left out when it is unset', () => {
    expect(storedItem(putAuditItem('A99001', entry, 8).item).expiresAt).toBe(auditExpiry(entry.at, 8));
    expect(storedItem(putAuditItem('A99001', entry, null).item)).not.toHaveProperty('expiresAt');
  });

  it('otherwise follows the practice’s registry entry when the transaction commits', () => {
    const guarded = putAuditItem('A99001', entry);
    expect(storedItem(guarded.item)).not.toHaveProperty('expiresAt');
    expect(storedItem(guarded.atCommit!({ auditRetentionYears: 6 })).expiresAt).toBe(auditExpiry(entry.at, 6));
    expect(storedItem(guarded.atCommit!({ auditRetentionYears: undefined }))).not.toHaveProperty('expiresAt');
  });
});

describe('a settings change', () => {
  beforeAll(useUnitEnv);
  const now = new Date('2026-12-01T10:00:00Z');
  const mirror = (items: ReturnType<typeof settingsWriteItems>) =>
    items.map((i) => i.item.Update).find((u) => u?.Key?.SK === 'REGISTRY');

  it('mirrors a new retention onto the registry entry, moving its version on', () => {
    const update = mirror(
      settingsWriteItems('A99001', current(null), { ...DEFAULT_SETTINGS, auditRetentionYears: 10 }, now),
    );
    expect(update).toMatchObject({
      Key: { PK: 'PRACTICE#A99001', SK: 'REGISTRY' },
      UpdateExpression: 'SET #r = :r ADD version :one',
      ExpressionAttributeValues: { ':r': 10, ':one': 1 },
      ConditionExpression: 'attribute_exists(PK)',
    });
  });

  it('removes the mirror when the retention is cleared, and leaves it alone when unchanged', () => {
    const cleared = mirror(
      settingsWriteItems('A99001', current(10), { ...DEFAULT_SETTINGS, auditRetentionYears: null }, now),
    );
    expect(cleared?.UpdateExpression).toBe('REMOVE #r ADD version :one');
    const unchanged = settingsWriteItems('A99001', current(10), { ...current(10).settings, listSize: 9 }, now);
    expect(mirror(unchanged)).toBeUndefined();
  });

  it('is kept by an admin’s change of the practice’s details', () => {
    const entryWithMirror: RegistryEntry = {
      practice: { ods: 'A99001', name: 'Riverside', timeZone: 'Europe/London' },
      source: 'config',
      version: 4,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      auditRetentionYears: 10,
    };
    const put = registryWriteItem(
      { ods: 'A99001', name: 'Riverside Health', timeZone: 'Europe/London' },
      entryWithMirror,
      now,
    );
    expect(storedItem(put.item)).toMatchObject({ name: 'Riverside Health', auditRetentionYears: 10, version: 5 });
  });
});
