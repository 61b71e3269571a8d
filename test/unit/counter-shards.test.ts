import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type QueryCommandInput,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CountedAction } from '../../functions/domain/activity.ts';
import { fixedClock } from '../../functions/domain/clock.ts';
import { randomIds } from '../../functions/domain/ids.ts';
import { emptyMessages } from '../../functions/domain/report-figures.ts';
import { bookAppointment } from '../../functions/usecases/appointments.ts';
import { rollupMonth } from '../../functions/usecases/report.ts';
import { COUNTER_SHARDS, countedActionItems, enabledChangeItems } from '../../functions/store/counters.ts';
import { readMonthCounters } from '../../functions/store/reports.ts';
import { transact } from '../../functions/store/transact.ts';
import { useUnitEnv } from '../support/unit-env.ts';
import { aPatient, aSlot } from '../support/builders.ts';

/**
 * The practice-month counters are sharded: each transaction adds to one of COUNTER_SHARDS items
 * (`MONTH#{yyyy-mm}#{shard}`) drawn at random, so concurrent actions of one practice rarely touch
 * the same item; every reader sums a month's shards, so the figures are those of one item.
 */
const ddb = mockClient(DynamoDBDocumentClient);
const TABLE = 'patient-online-test';
const LONDON = 'Europe/London';
const SHARD_SK = /^MONTH#2026-11#[0-7]$/;

type Row = Record<string, unknown> & { PK: string; SK: string };

/**
 * A table in memory behind the mocked client: TransactWriteItems applies the counters' ADDs and
 * Puts; Query answers `PK = :pk AND SK BETWEEN :from AND :to` in sort-key order.
 */
function memoryTable() {
  const rows = new Map<string, Row>();
  const apply = (input: TransactWriteCommandInput) => {
    for (const item of input.TransactItems ?? []) {
      if (item.Put) {
        const row = item.Put.Item as Row;
        rows.set(`${row.PK}|${row.SK}`, structuredClone(row));
      }
      if (item.Update) {
        const { PK, SK } = item.Update.Key as { PK: string; SK: string };
        const row = rows.get(`${PK}|${SK}`) ?? { PK, SK };
        const names = item.Update.ExpressionAttributeNames ?? {};
        const values = item.Update.ExpressionAttributeValues ?? {};
        for (const [placeholder, name] of Object.entries(names)) {
          row[name] = Number(row[name] ?? 0) + Number(values[placeholder.replace('#', ':')]);
        }
        row.entity = values[':entity'];
        rows.set(`${PK}|${SK}`, row);
      }
    }
    return {};
  };
  const query = (input: QueryCommandInput) => {
    const v = input.ExpressionAttributeValues as { ':pk': string; ':from': string; ':to': string };
    const Items = [...rows.values()]
      .filter((r) => r.PK === v[':pk'] && r.SK >= v[':from'] && r.SK <= v[':to'])
      .sort((a, b) => (a.SK < b.SK ? -1 : 1));
    return { Items: structuredClone(Items) };
  };
  ddb.on(TransactWriteCommand).callsFake(apply);
  ddb.on(QueryCommand).callsFake(query);
  ddb.on(BatchGetCommand).resolves({ Responses: { [TABLE]: [] } });
  ddb.on(PutCommand).resolves({});
  return { counterShards: (month: string) => [...rows.values()].filter((r) => r.SK.startsWith(`MONTH#${month}#`)) };
}

const KINDS = ['appointment-booked', 'appointment-cancelled', 'prescription-ordered', 'record-viewed'] as const;
function action(i: number, at: Date): CountedAction {
  const kind = KINDS[i % KINDS.length]!;
  const ref = `ref-${at.toISOString()}-${i}`;
  return kind === 'prescription-ordered' ? { kind, at, ref, items: 1 + (i % 3) } : { kind, at, ref };
}

describe('practice-month counter shards', () => {
  beforeAll(useUnitEnv);
  beforeEach(() => ddb.reset());
  afterEach(() => vi.restoreAllMocks());

  it('adds each transaction to one of the 8 shards of its month, drawn per transaction', () => {
    const at = new Date('2026-11-26T10:00:00Z');
    const shards = Array.from({ length: 400 }, (_, i) => {
      const [counter] = countedActionItems('A99001', LONDON, [action(i, at)]);
      return String(counter!.item.Update!.Key!.SK);
    });
    for (const sk of shards) expect(sk).toMatch(SHARD_SK);
    // 400 draws miss one of 8 shards with probability below 1e-22.
    expect(new Set(shards).size).toBe(COUNTER_SHARDS);

    const [month, totals] = enabledChangeItems(
      'A99001',
      '2026-11',
      { enabledAppointments: 1, enabledPrescriptions: 0, enabledDetailedRecord: 0, enabledAny: 1 },
      true,
    );
    expect(month!.item.Update!.Key).toEqual({ PK: 'PRACTICE#A99001', SK: expect.stringMatching(SHARD_SK) as string });
    // The running totals are sharded too: bulk registration does not contend on one item.
    expect(totals!.item.Update!.Key).toEqual({
      PK: 'PRACTICE#A99001',
      SK: expect.stringMatching(/^ENABLED#[0-7]$/) as string,
    });
    const totalsShards = new Set(
      Array.from({ length: 400 }, () => {
        const [, t] = enabledChangeItems(
          'A99001',
          '2026-11',
          { enabledAppointments: 1, enabledPrescriptions: 0, enabledDetailedRecord: 0, enabledAny: 1 },
          false,
        );
        return String(t!.item.Update!.Key!.SK);
      }),
    );
    expect(totalsShards.size).toBe(COUNTER_SHARDS);
  });

  it('reports exactly N actions written one transaction each over the shards, and nothing of the months around', async () => {
    const table = memoryTable();
    const N = 203;
    const november = new Date('2026-11-10T09:00:00Z');
    const write = (at: Date, i: number) => transact(countedActionItems('A99001', LONDON, [action(i, at)]));
    for (let i = 0; i < N; i++) await write(new Date(november.getTime() + i * 60_000), i);
    // Either side of November in London: counted in October and December, not in November.
    for (let i = 0; i < 9; i++) await write(new Date('2026-10-31T23:59:00Z'), i); // 23:59 GMT, 31 Oct
    for (let i = 0; i < 9; i++) await write(new Date('2026-12-01T00:00:00Z'), i);
    await transact(
      enabledChangeItems(
        'A99001',
        '2026-11',
        { enabledAppointments: 1, enabledPrescriptions: 1, enabledDetailedRecord: 0, enabledAny: 1 },
        true,
      ),
    );
    expect(table.counterShards('2026-11').length).toBeGreaterThan(1);
    expect(table.counterShards('2026-11').length).toBeLessThanOrEqual(COUNTER_SHARDS);

    const expected = {
      appointmentsBooked: 51,
      appointmentsCancelled: 51,
      prescriptionsOrdered: 51,
      prescriptionItemsOrdered: Array.from({ length: N }, (_, i) => i)
        .filter((i) => i % 4 === 2)
        .reduce((sum, i) => sum + 1 + (i % 3), 0),
      recordViews: 50,
      byProxy: 0,
    };
    const { report } = await rollupMonth('A99001', '2026-11', {
      clock: fixedClock('2026-12-01T02:00:00Z'),
      ids: randomIds,
    });
    expect(report.use).toEqual({ ...expected, total: N });
    expect(report.enabled).toMatchObject({ appointments: 1, prescriptions: 1, anyService: 1, newInMonth: 1 });

    expect(await readMonthCounters('A99001', '2026-11')).toEqual({
      month: '2026-11',
      use: expected,
      enabledChange: { enabledAppointments: 1, enabledPrescriptions: 1, enabledDetailedRecord: 0, enabledAny: 1 },
      newEnabled: 1,
      onboarding: { invitationsIssued: 0, accountsLinked: 0 },
      messages: emptyMessages(),
    });
    expect((await readMonthCounters('A99001', '2026-10')).use.appointmentsBooked).toBe(3);
    expect(await readMonthCounters('A99001', '2027-01')).toMatchObject({ month: '2027-01', newEnabled: 0 });
  });

  it('draws the shard again when a conflict makes a booking retry', async () => {
    const patient = aPatient();
    const slot = aSlot();
    ddb.on(BatchGetCommand).resolves({ Responses: { [TABLE]: [patient, slot] } });
    ddb
      .on(TransactWriteCommand)
      .rejectsOnce(
        new TransactionCanceledException({
          message: 'Transaction cancelled',
          $metadata: {},
          CancellationReasons: [{ Code: 'None' }, { Code: 'None' }, { Code: 'None' }, { Code: 'TransactionConflict' }],
        }),
      )
      .resolves({});
    // The first draw is shard 0; every later one (the retry's back-off, then its shard) is 7.
    vi.spyOn(Math, 'random').mockReturnValueOnce(0).mockReturnValue(0.99);
    const patientCaller = {
      role: 'patient' as const,
      sub: 'patient-9990000018',
      practice: 'A99001',
      nhsNumber: '9990000018',
    };
    await bookAppointment(patientCaller, { slotId: 's1' }, undefined, {
      clock: fixedClock('2026-11-26T10:00:00Z'),
      ids: randomIds,
    });
    const counterSks = ddb
      .commandCalls(TransactWriteCommand)
      .flatMap((c) => c.args[0].input.TransactItems!.map((i) => String(i.Update?.Key?.SK)))
      .filter((sk) => sk.startsWith('MONTH#'));
    expect(counterSks).toEqual(['MONTH#2026-11#0', 'MONTH#2026-11#7']);
  });
});
