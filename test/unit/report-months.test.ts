import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../functions/domain/clock.ts';
import { randomIds } from '../../functions/domain/ids.ts';
import { isToDate, previousMonth } from '../../functions/domain/report-figures.ts';
import { bookAppointment } from '../../functions/usecases/appointments.ts';
import { registerPatient } from '../../functions/usecases/patients.ts';
import { generateMonthlyReport, rollupPractices } from '../../functions/usecases/report.ts';
import type { PatientServices } from '../../functions/schemas/patients.ts';
import { useUnitEnv } from '../support/unit-env.ts';

/**
 * Months are calendar months in the practice's time zone (Europe/London), across BST and GMT:
 * where an action is counted, which month the schedule reports, which month is "in progress".
 */
const ddb = mockClient(DynamoDBDocumentClient);
const TABLE = 'patient-online-test';
const LONDON = 'Europe/London';
const deps = (at: string) => ({ clock: fixedClock(at), ids: randomIds });
const staff = { role: 'staff' as const, sub: 'staff-A99001', practice: 'A99001' };
const patient = { role: 'patient' as const, sub: 'patient-9990000018', practice: 'A99001', nhsNumber: '9990000018' };

const SERVICES: PatientServices = { appointments: true, prescriptions: true, record: 'summary' };
const patientItem = {
  PK: 'PATIENT#A99001#9990000018',
  SK: 'PROFILE',
  practice: 'A99001',
  nhsNumber: '9990000018',
  name: 'Ada Patel',
  dateOfBirth: '1980-01-01',
  services: SERVICES,
  registeredAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  version: 3,
  bookings: {},
};
const slotItem = (start: string) => ({
  PK: 'PRACTICE#A99001',
  SK: 'SLOT#s1',
  slotId: 's1',
  practice: 'A99001',
  start,
  end: new Date(Date.parse(start) + 600_000).toISOString(),
  clinician: 'Dr Amira Shah',
  type: 'GP',
  channel: 'in-person',
  status: 'free',
});

/** Where the counted action of the (only) transaction went: counter shard's SK and activity partition. */
function countedMonths(): { counter: string; activity: string } {
  const items = ddb.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
  const counter = items.find(
    (i) =>
      String(i.Update?.Key?.SK).startsWith('MONTH#') &&
      i.Update?.ExpressionAttributeValues?.[':entity'] === 'practice-month',
  );
  const activity = items.find((i) => i.Put?.Item?.entity === 'activity');
  return { counter: String(counter!.Update!.Key!.SK), activity: String(activity!.Put!.Item!.PK) };
}

describe('report months across BST and GMT (Europe/London)', () => {
  beforeAll(useUnitEnv);
  beforeEach(() => ddb.reset());

  it.each([
    {
      when: '00:30 BST on 1 October',
      at: '2026-09-30T23:30:00Z',
      slot: '2026-10-05T09:00:00.000Z',
      month: '2026-10',
      name: 'October',
    },
    {
      when: '23:30 GMT on 30 November',
      at: '2026-11-30T23:30:00Z',
      slot: '2026-12-03T09:00:00.000Z',
      month: '2026-11',
      name: 'November',
    },
  ])('counts a booking made at $when in $name', async ({ at, slot, month }) => {
    ddb.on(BatchGetCommand).resolves({ Responses: { [TABLE]: [structuredClone(patientItem), slotItem(slot)] } });
    ddb.on(TransactWriteCommand).resolves({});
    await bookAppointment(patient, { slotId: 's1' }, undefined, deps(at));
    expect(countedMonths()).toEqual({
      counter: expect.stringMatching(new RegExp(`^MONTH#${month}#[0-7]$`)) as string,
      activity: `ACTIVITY#A99001#${month}`,
    });
  });

  it('books a patient first enabled at 00:30 BST on 1 October into October, with an activity entry for verify', async () => {
    ddb.on(BatchGetCommand).resolves({ Responses: { [TABLE]: [] } });
    ddb.on(TransactWriteCommand).resolves({});
    await registerPatient(
      'A99001',
      '9990000026',
      {
        name: 'Mo Rahman',
        dateOfBirth: '1957-11-02',
        services: { appointments: true, prescriptions: false, record: 'detailed' },
      },
      undefined,
      deps('2026-09-30T23:30:00Z'),
    );
    const items = ddb.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    const monthUpdate = items.find((i) => /^MONTH#2026-10#[0-7]$/.test(String(i.Update?.Key?.SK)));
    expect(monthUpdate?.Update?.ExpressionAttributeValues).toMatchObject({ ':entity': 'practice-month' });
    const entry = items.find((i) => i.Put?.Item?.kind === 'services-changed')?.Put?.Item;
    expect(entry).toMatchObject({
      PK: 'ACTIVITY#A99001#2026-10',
      ref: '9990000026',
      before: { appointments: false, prescriptions: false, detailedRecord: false },
      after: { appointments: true, prescriptions: false, detailedRecord: true },
      firstEnabled: true,
    });
    // The profile is listed for the recount of enabled patients.
    const profile = items.find((i) => i.Put?.Item?.SK === 'PROFILE')?.Put?.Item;
    expect(profile).toMatchObject({ GSI1PK: 'PATIENTS#A99001', GSI1SK: '9990000026' });
  });

  it('writes no activity entry when nothing that is reported changes', async () => {
    ddb.on(BatchGetCommand).resolves({
      Responses: { [TABLE]: [{ ...structuredClone(patientItem), firstEnabledAt: '2026-01-01T00:00:00Z' }] },
    });
    ddb.on(TransactWriteCommand).resolves({});
    await registerPatient(
      'A99001',
      '9990000018',
      { name: 'Ada Patel-Smith', dateOfBirth: '1980-01-01', services: SERVICES },
      undefined,
      deps('2026-10-10T10:00:00Z'),
    );
    const items = ddb.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(items).toHaveLength(1);
  });

  it('has the schedule report the month that has just ended in London, in GMT and in BST', () => {
    expect(previousMonth(new Date('2026-11-01T02:00:00Z'), LONDON)).toBe('2026-10'); // 02:00 GMT
    expect(previousMonth(new Date('2026-04-01T01:00:00Z'), LONDON)).toBe('2026-03'); // 02:00 BST
    // A late run at 00:30 BST on 1 October: September has ended in London though not yet in UTC.
    expect(previousMonth(new Date('2026-09-30T23:30:00Z'), LONDON)).toBe('2026-09');
  });

  it('rolls every practice up for that month', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    ddb.on(BatchGetCommand).resolves({ Responses: { [TABLE]: [] } });
    ddb.on(PutCommand).resolves({});
    const run = await rollupPractices({}, deps('2026-09-30T23:30:00Z'));
    expect(run.failures).toEqual([]);
    expect(run.results.map((r) => [r.report.practice, r.report.month])).toEqual([
      ['A99001', '2026-09'],
      ['A99002', '2026-09'],
    ]);
    const queried = ddb
      .commandCalls(QueryCommand)
      .map((c) => String(c.args[0].input.ExpressionAttributeValues?.[':to']));
    // per practice: September's 12 months and, with no month-end stored yet, the months before
    // them; and the settings that stood at September's end (local midnight, BST: 23:00 UTC)
    expect(queried.filter((to) => to.startsWith('MONTH#')).sort()).toEqual([
      'MONTH#2025-09#END',
      'MONTH#2025-09#END',
      'MONTH#2026-09#\uffff',
      'MONTH#2026-09#\uffff',
    ]);
    expect(queried.filter((to) => to.startsWith('SETTINGS#'))).toEqual([
      'SETTINGS#2026-09-30T22:59:59.999Z#\uffff',
      'SETTINGS#2026-09-30T22:59:59.999Z#\uffff',
    ]);
  });

  it('reports October to date at 00:30 BST on 1 October, and refuses November', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    ddb.on(BatchGetCommand).resolves({ Responses: { [TABLE]: [] } });
    ddb.on(PutCommand).resolves({});
    const { value: october } = await generateMonthlyReport(staff, '2026-10', undefined, deps('2026-09-30T23:30:00Z'));
    expect(october).toMatchObject({ month: '2026-10', periodEnd: '2026-10-31' });
    expect(isToDate(october, LONDON)).toBe(true);
    await expect(
      generateMonthlyReport(staff, '2026-11', undefined, deps('2026-09-30T23:30:00Z')),
    ).rejects.toMatchObject({
      code: 'validation-failed',
      errors: [{ path: 'month' }],
    });
  });

  it('calls a report final from local midnight on the 1st (GMT) or 23:00 UTC the day before (BST)', () => {
    expect(isToDate({ month: '2026-10', generatedAt: '2026-10-31T23:59:59.999Z' }, LONDON)).toBe(true); // GMT since 25 Oct
    expect(isToDate({ month: '2026-10', generatedAt: '2026-11-01T00:00:00.000Z' }, LONDON)).toBe(false);
    expect(isToDate({ month: '2026-09', generatedAt: '2026-09-30T22:59:59.999Z' }, LONDON)).toBe(true); // BST
    expect(isToDate({ month: '2026-09', generatedAt: '2026-09-30T23:00:00.000Z' }, LONDON)).toBe(false);
  });
});
