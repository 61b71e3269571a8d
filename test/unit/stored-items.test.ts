import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { handler as staffDay } from '../../functions/api/appointments/staff-day.ts';
import { appointmentFrom } from '../../functions/store/appointments.ts';
import { idempotencyRecordFrom } from '../../functions/store/idempotency.ts';
import { preferencesFrom } from '../../functions/store/notification-preferences.ts';
import { patientFrom } from '../../functions/store/patients.ts';
import { settingsFrom } from '../../functions/store/practices.ts';
import { medicationFrom, prescriptionFrom } from '../../functions/store/prescriptions.ts';
import { grantFrom } from '../../functions/store/grant-record.ts';
import type { Item } from '../../functions/store/dynamo.ts';
import { StoredItemError } from '../../functions/store/stored-item.ts';
import { allPages, queryAll, queryList } from '../../functions/store/read.ts';
import { slotFrom } from '../../functions/store/slots.ts';
import { DEFAULT_SETTINGS } from '../../functions/schemas/practice.ts';
import { apiEvent, invoke, STAFF_CLAIMS } from '../support/events.ts';
import { aPatient, aSlot } from '../support/builders.ts';
import { useUnitEnv } from '../support/unit-env.ts';
import { useCapturedErrorLogs } from '../support/output.ts';

const ddb = mockClient(DynamoDBDocumentClient);

/** What the table adds to every entity: keys, index attributes, bookkeeping the contract never shows. */
const STORAGE = {
  PK: 'PATIENT#A99001#9990000018',
  SK: 'X#1',
  GSI1PK: 'INDEX#A99001',
  GSI1SK: '2026-12-01T09:30:00.000Z#1',
  GSI2PK: 'OTHER#A99001',
  GSI2SK: 'X',
  expiresAt: 1_800_000_000,
  someFutureAttribute: 'not in any schema',
};

const appointment = {
  appointmentId: 'a1',
  slotId: 's1',
  practice: 'A99001',
  nhsNumber: '9990000018',
  start: '2026-12-01T09:30:00.000Z',
  end: '2026-12-01T09:40:00.000Z',
  clinician: 'Dr Amira Shah',
  type: 'GP',
  channel: 'in-person',
  status: 'booked',
  bookedAt: '2026-11-20T10:00:00.000Z',
  bookedBy: 'patient',
};

const medication = {
  medicationId: 'm1',
  practice: 'A99001',
  nhsNumber: '9990000018',
  name: 'Amlodipine 5mg tablets',
  dosage: 'One tablet daily',
  quantity: 28,
  reviewDate: '2027-01-01',
  minDaysBetweenOrders: 21,
  createdAt: '2026-01-01T00:00:00.000Z',
  version: 2,
};

const prescription = {
  prescriptionId: 'rx1',
  practice: 'A99001',
  nhsNumber: '9990000018',
  status: 'requested',
  items: [{ medicationId: 'm1', name: 'Amlodipine 5mg tablets', dosage: 'One tablet daily', quantity: 28 }],
  requestedAt: '2026-11-20T10:00:00.000Z',
};

const grant = {
  practice: 'A99001',
  nhsNumber: '9990000018',
  proxyNhsNumber: '9990000026',
  patientName: 'Ada Patel',
  proxyName: 'Ben Patel',
  relationship: 'parent',
  services: { appointments: true, prescriptions: false, record: 'none' },
  grantedAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  version: 1,
};

/** An item without some of its attributes. */
const without = (item: Item, ...names: string[]): Item =>
  Object.fromEntries(Object.entries(item).filter(([name]) => !names.includes(name)));

const patient = without(aPatient(), 'PK', 'SK', 'entity');

/**
 * Each aggregate's mapper: what it answers for a stored item (entity attribute included), and one
 * attribute that, stored with the wrong type, makes the item unusable.
 */
const MAPPERS: {
  name: string;
  from: (item: Item) => unknown;
  entity: string;
  fields: Record<string, unknown>;
  broken: Record<string, unknown>;
}[] = [
  {
    name: 'appointment',
    from: appointmentFrom,
    entity: 'appointment',
    fields: appointment,
    broken: { status: 'lost' },
  },
  {
    name: 'slot',
    from: slotFrom,
    entity: 'slot',
    fields: {
      slotId: 's1',
      practice: 'A99001',
      start: '2026-12-01T09:30:00.000Z',
      end: '2026-12-01T09:40:00.000Z',
      clinician: 'Dr Amira Shah',
      type: 'GP',
      channel: 'in-person',
      status: 'booked',
      appointmentId: 'a1',
      bookableOnline: false,
    },
    broken: { start: 1_764_581_400_000 },
  },
  { name: 'patient', from: patientFrom, entity: 'patient', fields: patient, broken: { services: 'all' } },
  { name: 'medication', from: medicationFrom, entity: 'medication', fields: medication, broken: { quantity: '28' } },
  {
    name: 'prescription request',
    from: prescriptionFrom,
    entity: 'prescription',
    fields: { ...prescription, previousLastOrderedAt: { m1: '2026-10-01T00:00:00.000Z' } },
    broken: { items: 'm1' },
  },
  { name: 'proxy grant', from: grantFrom, entity: 'proxy-grant', fields: grant, broken: { version: '1' } },
];

describe('stored items become entities through their schema', () => {
  it.each(MAPPERS)(
    '$name: its fields only (keys, index and unknown attributes dropped); an item that does not fit is refused, naming the field, not its value',
    (m) => {
      expect(m.from(structuredClone({ ...STORAGE, entity: m.entity, ...m.fields }))).toStrictEqual(m.fields);
      const item = structuredClone({ ...STORAGE, entity: m.entity, ...m.fields, ...m.broken });
      const field = Object.keys(m.broken)[0]!;
      let error: unknown;
      try {
        m.from(item);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(StoredItemError);
      const message = (error as Error).message;
      expect(message).toMatch(
        new RegExp(`^A stored ${m.name} item does not fit its schema: ${field}(\\.\\S+)? \\(invalid_`),
      );
      expect(message).not.toContain(String(Object.values(m.broken)[0]));
      expect(message).not.toContain('9990000018');
    },
  );

  it('fills what items stored before a field existed lack with its default, and refuses it stored with another type', () => {
    expect(slotFrom(without(aSlot(), 'bookableOnline'))).toMatchObject({ bookableOnline: true });
    expect(() => slotFrom({ ...aSlot(), bookableOnline: 'no' })).toThrow(StoredItemError);
    expect(patientFrom(without(aPatient(), 'version', 'bookings'))).toMatchObject({
      version: 0,
      bookings: {},
    });
    expect(() => patientFrom({ ...aPatient(), version: '3' })).toThrow(StoredItemError);
    expect(prescriptionFrom({ ...STORAGE, entity: 'prescription', ...prescription })).toMatchObject({
      previousLastOrderedAt: {},
    });
    expect(() =>
      prescriptionFrom({ ...STORAGE, entity: 'prescription', ...prescription, previousLastOrderedAt: [] }),
    ).toThrow(StoredItemError);
  });

  it('settings: defaults for what is unset, a setting the contract no longer has dropped, a wrong type refused', () => {
    const stored = {
      ...STORAGE,
      settings: { maxActiveAppointments: 4, servicesOffered: { record: false }, retired: 1 },
    };
    expect(settingsFrom(stored)).toStrictEqual({
      ...DEFAULT_SETTINGS,
      maxActiveAppointments: 4,
      servicesOffered: { ...DEFAULT_SETTINGS.servicesOffered, record: false },
    });
    expect(settingsFrom(undefined)).toStrictEqual(DEFAULT_SETTINGS);
    expect(() => settingsFrom({ settings: { listSize: '5000' } })).toThrow(StoredItemError);
  });

  it('notification preferences: the defaults over what is unset, a wrong type refused', () => {
    expect(preferencesFrom({ ...STORAGE, version: 3, updatedAt: 'x', email: 'pat@example.com' })).toStrictEqual({
      email: 'pat@example.com',
      mobile: null,
      appointmentReminders: true,
      statusUpdates: true,
    });
    expect(() => preferencesFrom({ statusUpdates: 'yes' })).toThrow(StoredItemError);
  });

  it('idempotency record: the stored answer, its body parsed back; a record without a fingerprint refused', () => {
    const record = { ...STORAGE, entity: 'idempotency', fingerprint: 'f', status: 201, body: '{"a":1}', expiresAt: 5 };
    expect(idempotencyRecordFrom(record)).toStrictEqual({
      fingerprint: 'f',
      status: 201,
      body: { a: 1 },
      expiresAt: 5,
    });
    expect(() => idempotencyRecordFrom({ ...record, fingerprint: undefined })).toThrow(StoredItemError);
  });
});

describe('reading pages', () => {
  beforeAll(useUnitEnv);
  afterEach(() => ddb.reset());

  it('queryAll follows LastEvaluatedKey to the last page', async () => {
    const lastKey = { PK: 'P', SK: 'B' };
    ddb
      .on(QueryCommand)
      .resolvesOnce({ Items: [{ n: 1 }, { n: 2 }], LastEvaluatedKey: lastKey })
      .resolvesOnce({ Items: [{ n: 3 }] });
    await expect(
      queryAll({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': 'P' } }),
    ).resolves.toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    const calls = ddb.commandCalls(QueryCommand).map((c) => c.args[0].input.ExclusiveStartKey);
    expect(calls).toEqual([undefined, lastKey]);
  });

  it('queryList starts from the cursor, maps each item (leaving out what maps to nothing) and hands back the next cursor', async () => {
    ddb.on(QueryCommand).resolves({ Items: [{ n: 1 }, { n: 2 }, { n: 3 }], LastEvaluatedKey: { PK: 'P', SK: 'C' } });
    const page = await queryList(
      { KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': 'P' }, Limit: 3 },
      { partition: { PK: 'P' }, nextToken: JSON.stringify({ PK: 'P', SK: 'A' }) },
      (item) => (item.n === 2 ? undefined : { n: item.n }),
    );
    expect(page).toStrictEqual({ items: [{ n: 1 }, { n: 3 }], nextToken: JSON.stringify({ PK: 'P', SK: 'C' }) });
    expect(ddb.commandCalls(QueryCommand)[0]!.args[0].input.ExclusiveStartKey).toEqual({ PK: 'P', SK: 'A' });
  });

  it('queryList refuses a cursor of another partition before reading', async () => {
    await expect(
      queryList({}, { partition: { PK: 'P' }, nextToken: JSON.stringify({ PK: 'Q', SK: 'A' }) }, (item) => item),
    ).rejects.toMatchObject({ code: 'validation-failed' });
    expect(ddb.commandCalls(QueryCommand)).toHaveLength(0);
  });

  it('allPages reads a list page after page, in order', async () => {
    const pages: Record<string, { items: number[]; nextToken?: string }> = {
      first: { items: [1, 2], nextToken: 't2' },
      t2: { items: [3], nextToken: 't3' },
      t3: { items: [4] },
    };
    await expect(allPages((token) => Promise.resolve(pages[token ?? 'first']!))).resolves.toEqual([1, 2, 3, 4]);
  });
});

describe('GET /staff/appointments with a stored item that does not fit', () => {
  const logged = useCapturedErrorLogs(ddb);

  it('answers 500 with nothing of the page, and logs which entity and field, without the data', async () => {
    ddb.on(QueryCommand).resolves({
      Items: [
        { ...STORAGE, entity: 'appointment', ...appointment, patientName: 'Ada Patel' },
        {
          ...STORAGE,
          entity: 'appointment',
          ...appointment,
          appointmentId: 'a2',
          status: 'misplaced',
          patientName: 'Ada Patel',
        },
      ],
    });
    const res = await invoke(
      staffDay,
      apiEvent({ method: 'GET', path: '/staff/appointments', query: { date: '2026-12-01' }, claims: STAFF_CLAIMS }),
    );
    expect(res.statusCode).toBe(500);
    expect(res.json).toMatchObject({ code: 'internal' });
    expect(JSON.stringify(res.json)).not.toMatch(/Ada|9990000018|a2/);
    const log = logged();
    expect(log).toContain('A stored appointment item does not fit its schema: status (invalid_value)');
    expect(log).not.toMatch(/Ada Patel|9990000018|misplaced/);
  });
});
