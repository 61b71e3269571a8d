import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { diaryFrom } from '../../functions/store/diary.ts';
import type { Item } from '../../functions/store/dynamo.ts';
import { keys } from '../../functions/store/keys.ts';
import { linkFrom, linkStands } from '../../functions/store/link-guard.ts';
import { findInvitationAccountId } from '../../functions/store/linkage.ts';
import { readPreferencesContext } from '../../functions/store/notification-preferences.ts';
import { isLeavingOrLeft, leaveStateFrom, patientFrom, readLeaveContext } from '../../functions/store/patients.ts';
import { getSettings } from '../../functions/store/practices.ts';
import { queryGrantKeysBy } from '../../functions/store/proxies.ts';
import { entryFrom } from '../../functions/store/registry-entry.ts';
import { readSlotContext } from '../../functions/store/slots.ts';
import { StoredItemError } from '../../functions/store/stored-item.ts';
import { DEFAULT_SETTINGS } from '../../functions/schemas/practice.ts';
import { aPatient, aSlot, NHS_NUMBER, PRACTICE } from '../support/builders.ts';
import { useUnitEnv } from '../support/unit-env.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const TABLE = 'patient-online-test';

/** What the table adds to an item beyond its entity: index keys, a TTL and an attribute no schema names. */
const STORAGE = { GSI1PK: 'INDEX#A99001', GSI1SK: 'X', expiresAt: 1_800_000_000, someFutureAttribute: 'x' };

/**
 * The refusal of a stored item that does not fit: a StoredItemError naming the entity and the
 * field, never the value stored there nor the NHS number in the item's key.
 */
function expectRefused(read: () => unknown, entity: string, field: string, value: unknown) {
  let error: unknown;
  try {
    read();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(StoredItemError);
  const message = (error as Error).message;
  expect(message).toMatch(new RegExp(`^A stored ${entity} item does not fit its schema: ${field} \\(invalid_`));
  expect(message).not.toContain(JSON.stringify(value).replace(/^"|"$/g, ''));
  expect(message).not.toContain(NHS_NUMBER);
}

async function expectRejected(read: () => Promise<unknown>, entity: string, field: string) {
  const error = await read().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoredItemError);
  expect((error as Error).message).toMatch(new RegExp(`^A stored ${entity} item does not fit its schema: ${field} `));
}

const givenBatch = (...items: Item[]) =>
  ddb.on(BatchGetCommand).resolves({ Responses: { [TABLE]: structuredClone(items) } });

const LEAVING = { reason: 'deceased', at: '2026-11-30T10:00:00.000Z', by: 'staff-1' };

describe('a profile leaving online services', () => {
  it('its leave attributes only, the contract Patient without them; a profile that never left has none', () => {
    const item = { ...aPatient(), ...STORAGE, leaving: LEAVING };
    expect(leaveStateFrom(item)).toStrictEqual({ leaving: LEAVING });
    expect(patientFrom(item)).not.toHaveProperty('leaving');
    expect(leaveStateFrom({ ...aPatient(), leftAt: LEAVING.at, leftReason: 'deceased' })).toStrictEqual({
      leftAt: LEAVING.at,
      leftReason: 'deceased',
    });
    expect(leaveStateFrom(aPatient())).toStrictEqual({});
    expect(leaveStateFrom(undefined)).toStrictEqual({});
  });

  it('leaving or left: either marks it; neither, or no profile, does not', () => {
    expect(isLeavingOrLeft({ ...aPatient(), leaving: LEAVING })).toBe(true);
    expect(isLeavingOrLeft({ ...aPatient(), leftAt: LEAVING.at, leftReason: 'other' })).toBe(true);
    expect(isLeavingOrLeft(aPatient())).toBe(false);
    expect(isLeavingOrLeft(undefined)).toBe(false);
  });

  it('a leave that does not fit is refused, naming the field, not its value', () => {
    expectRefused(
      () => leaveStateFrom({ ...aPatient(), leaving: { ...LEAVING, reason: 'emigrated' } }),
      'patient',
      'leaving.reason',
      'emigrated',
    );
    expectRefused(() => leaveStateFrom({ ...aPatient(), leftAt: 1_764_500_000 }), 'patient', 'leftAt', 1_764_500_000);
  });
});

describe('a clinician diary', () => {
  const stored = {
    ...keys.diary(PRACTICE, 'amira shah', '2026-12'),
    ...STORAGE,
    entity: 'diary',
    practice: PRACTICE,
    clinicianKey: 'amira shah',
    month: '2026-12',
    version: 4,
    intervals: { s1: `${(1_764_581_400_000).toString(36)}:${(600_000).toString(36)}` },
    held: { s2: 'p1' },
    leases: { p1: 1_764_581_500_000 },
  };

  it('its intervals decoded, reservations and leases as maps, the item’s other attributes dropped', () => {
    expect(diaryFrom(structuredClone(stored))).toStrictEqual({
      version: 4,
      intervals: new Map([['s1', { start: 1_764_581_400_000, end: 1_764_582_000_000 }]]),
      held: new Map([['s2', 'p1']]),
      leases: new Map([['p1', 1_764_581_500_000]]),
    });
  });

  it('none stored (never written, or expired): empty, at version 0', () => {
    expect(diaryFrom(undefined)).toStrictEqual({
      version: 0,
      intervals: new Map(),
      held: new Map(),
      leases: new Map(),
    });
  });

  it('a diary that does not fit is refused, naming the field, not its value', () => {
    expectRefused(() => diaryFrom({ ...stored, intervals: { s1: 'yesterday' } }), 'diary', 'intervals.s1', 'yesterday');
    expectRefused(
      () => diaryFrom({ ...stored, leases: { p1: '1764581500000' } }),
      'diary',
      'leases.p1',
      '1764581500000',
    );
    expectRefused(() => diaryFrom({ ...stored, version: '4' }), 'diary', 'version', '4');
  });
});

describe('a practice registry entry', () => {
  const practice = { ods: 'A99001', name: 'Riverside Surgery', timeZone: 'Europe/London' };
  const stored = {
    ...keys.practiceRegistry('A99001'),
    ...STORAGE,
    entity: 'practice',
    ...practice,
    source: 'admin',
    version: 3,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
  };

  it('the practice apart from the entry’s own attributes (keys and unknown attributes dropped); own attributes that do not fit refused, naming the field, not its value', () => {
    expect(entryFrom(structuredClone(stored))).toStrictEqual({
      practice,
      source: 'admin',
      version: 3,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-11-01T00:00:00.000Z',
    });
    expect(entryFrom({ ...stored, auditRetentionYears: 8 })).toMatchObject({ auditRetentionYears: 8 });
    expectRefused(() => entryFrom({ ...stored, createdAt: undefined }), 'practice registry', 'createdAt', 'undefined');
    expectRefused(() => entryFrom({ ...stored, version: '3' }), 'practice registry', 'version', '3');
    expectRefused(() => entryFrom({ ...stored, source: 'import' }), 'practice registry', 'source', 'import');
    expectRefused(
      () => entryFrom({ ...stored, auditRetentionYears: 'eight' }),
      'practice registry',
      'auditRetentionYears',
      'eight',
    );
  });

  it('a practice that breaks the configuration’s rules is not served (no entry), where bad bookkeeping is a fault', () => {
    expect(entryFrom({ ...stored, ods: 'nope' })).toBeUndefined();
    expect(entryFrom(undefined)).toBeUndefined();
    expect(() => entryFrom({ ...stored, updatedAt: null })).toThrow(StoredItemError);
  });
});

describe('read through the store (DynamoDB mocked)', () => {
  beforeAll(useUnitEnv);
  afterEach(() => ddb.reset());

  it('practice settings: their version and when they changed; settings stored before the history are not recorded', async () => {
    const item = {
      ...keys.practiceSettings(PRACTICE),
      entity: 'practice-settings',
      settings: { listSize: 700 },
      version: 3,
      updatedAt: '2025-03-10T09:00:00.000Z',
    };
    ddb.on(GetCommand).resolves({ Item: item });
    await expect(getSettings(PRACTICE)).resolves.toStrictEqual({
      settings: { ...DEFAULT_SETTINGS, listSize: 700 },
      version: 3,
      updatedAt: '2025-03-10T09:00:00.000Z',
      recorded: false,
    });
    ddb.on(GetCommand).resolves({ Item: { ...item, historyKept: true } });
    await expect(getSettings(PRACTICE)).resolves.toMatchObject({ recorded: true });
    ddb.on(GetCommand).resolves({});
    await expect(getSettings(PRACTICE)).resolves.toStrictEqual({
      settings: DEFAULT_SETTINGS,
      version: 0,
      recorded: true,
    });
    ddb.on(GetCommand).resolves({ Item: { ...item, version: '3' } });
    await expectRejected(() => getSettings(PRACTICE), 'practice settings', 'version');
    ddb.on(GetCommand).resolves({ Item: { ...item, settings: 'all' } });
    await expectRejected(() => getSettings(PRACTICE), 'practice settings', 'settings');
  });

  it('notification preferences: their version (none stored: 0), a version of another type refused', async () => {
    const key = keys.notificationPreferences(PRACTICE, NHS_NUMBER);
    givenBatch({ ...key, entity: 'notification-preferences', email: 'pat@example.com', version: 2, updatedAt: 'x' });
    await expect(readPreferencesContext(PRACTICE, NHS_NUMBER, undefined)).resolves.toMatchObject({
      preferences: { email: 'pat@example.com', mobile: null, appointmentReminders: true, statusUpdates: true },
      version: 2,
    });
    givenBatch();
    await expect(readPreferencesContext(PRACTICE, NHS_NUMBER, undefined)).resolves.toMatchObject({ version: 0 });
    givenBatch({ ...key, entity: 'notification-preferences', version: '2' });
    await expectRejected(
      () => readPreferencesContext(PRACTICE, NHS_NUMBER, undefined),
      'notification preferences',
      'version',
    );
  });

  it('a leave: the one under way, or done; a leave that does not fit refused', async () => {
    givenBatch({ ...aPatient(), leaving: LEAVING });
    await expect(readLeaveContext(PRACTICE, NHS_NUMBER, undefined)).resolves.toMatchObject({
      leaving: LEAVING,
      left: false,
    });
    givenBatch({ ...aPatient(), leftAt: LEAVING.at, leftReason: 'deceased' });
    await expect(readLeaveContext(PRACTICE, NHS_NUMBER, undefined)).resolves.toMatchObject({ left: true });
    givenBatch({ ...aPatient(), leaving: 'yes' });
    await expectRejected(() => readLeaveContext(PRACTICE, NHS_NUMBER, undefined), 'patient', 'leaving');
  });

  it('a slot’s clinician key marks it entered in its diaries; one of another type is refused', async () => {
    givenBatch({ ...aSlot(), clinicianKey: 'amira shah' });
    await expect(readSlotContext(PRACTICE, 's1', undefined)).resolves.toMatchObject({ inDiary: true });
    givenBatch(aSlot());
    await expect(readSlotContext(PRACTICE, 's1', undefined)).resolves.toMatchObject({ inDiary: false });
    givenBatch({ ...aSlot(), clinicianKey: 7 });
    await expectRejected(() => readSlotContext(PRACTICE, 's1', undefined), 'slot', 'clinicianKey');
  });

  it('a sign-in link: stands only as stored; a link that does not fit is refused, not taken as gone', async () => {
    const signIn = { sub: 'sub-1', practice: PRACTICE, nhsNumber: NHS_NUMBER, linkedAt: '2026-11-01T00:00:00.000Z' };
    const item = { ...keys.signInLink('sub-1'), entity: 'sign-in-link', ...signIn, invitationId: 'i1' };
    expect(linkFrom(item)).toStrictEqual(signIn);
    ddb.on(GetCommand).resolves({ Item: item });
    await expect(linkStands(signIn)).resolves.toBe(true);
    await expect(linkStands({ ...signIn, linkedAt: '2026-11-02T00:00:00.000Z' })).resolves.toBe(false);
    ddb.on(GetCommand).resolves({});
    await expect(linkStands(signIn)).resolves.toBe(false);
    ddb.on(GetCommand).resolves({ Item: { ...item, linkedAt: 1 } });
    await expectRejected(() => linkStands(signIn), 'sign-in link', 'linkedAt');
  });

  it('an invitation found on its index: its account id through the invitation’s schema', async () => {
    const invitation = {
      ...keys.invitation('ACC-1'),
      ...STORAGE,
      entity: 'invitation',
      invitationId: 'i1',
      accountId: 'ACC-1',
      practice: PRACTICE,
      nhsNumber: NHS_NUMBER,
      keyHash: 'h',
      createdAt: '2026-11-01T00:00:00.000Z',
      expiresAt: '2026-12-01T00:00:00.000Z',
      state: 'open',
    };
    ddb.on(QueryCommand).resolves({ Items: [invitation] });
    await expect(findInvitationAccountId(PRACTICE, 'i1')).resolves.toBe('ACC-1');
    ddb.on(QueryCommand).resolves({ Items: [] });
    await expect(findInvitationAccountId(PRACTICE, 'i1')).resolves.toBeUndefined();
    ddb.on(QueryCommand).resolves({ Items: [{ ...invitation, accountId: 42 }] });
    await expectRejected(() => findInvitationAccountId(PRACTICE, 'i1'), 'invitation', 'accountId');
  });

  it('whom a proxy acts for: the patients of their grants, through the grant’s schema', async () => {
    const grant = {
      ...keys.proxyGrant(PRACTICE, NHS_NUMBER, '9990000026'),
      entity: 'proxy-grant',
      practice: PRACTICE,
      nhsNumber: NHS_NUMBER,
      proxyNhsNumber: '9990000026',
      patientName: 'Ada Patel',
      proxyName: 'Ben Patel',
      relationship: 'parent',
      services: { appointments: true, prescriptions: false, record: 'none' },
      grantedAt: '2026-11-01T00:00:00.000Z',
      updatedAt: '2026-11-01T00:00:00.000Z',
      version: 1,
    };
    ddb.on(QueryCommand).resolves({ Items: [grant] });
    await expect(queryGrantKeysBy(PRACTICE, '9990000026')).resolves.toEqual([NHS_NUMBER]);
    ddb.on(QueryCommand).resolves({ Items: [{ ...grant, nhsNumber: 9990000018 }] });
    await expectRejected(() => queryGrantKeysBy(PRACTICE, '9990000026'), 'proxy grant', 'nhsNumber');
  });
});
