import { readFileSync } from 'node:fs';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler as getReport } from '../../functions/api/reports/get.ts';
import { fixedClock } from '../../functions/domain/clock.ts';
import { pomiCsv, pomiDate, pomiRows, toCsv, type PomiContext } from '../../functions/domain/report-pomi.ts';
import { rollupMonth } from '../../functions/usecases/report.ts';
import { withPractices } from '../../functions/usecases/deps.ts';
import { randomIds } from '../../functions/domain/ids.ts';
import { apiEvent, lambdaContext, STAFF_CLAIMS } from '../support/events.ts';
import { useRegistry, useUnitEnv } from '../support/unit-env.ts';
import { aQuietMonth } from '../support/reports.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const TABLE = 'patient-online-test';
const GOLDEN = readFileSync(new URL('../fixtures/pomi-A99001-2026-11.csv', import.meta.url), 'utf8');

const RIVERSIDE = {
  ods: 'A99001',
  name: 'Riverside Medical Practice',
  timeZone: 'Europe/London',
  regionCode: 'Y56',
  regionName: 'London',
  subIcbCode: '93C',
  subIcbName: 'NHS North Central London ICB - 93C',
};

/**
 * The practice-month counter shards as the counters left them (October and November 2026, each
 * spread over shards): the report sums them.
 */
const MONTH_ITEMS = [
  {
    PK: 'PRACTICE#A99001',
    SK: 'MONTH#2026-10#1',
    entity: 'practice-month',
    enabledAny: 1600,
    enabledAppointments: 1370,
    enabledPrescriptions: 1150,
    newEnabled: 1600,
    appointmentsBooked: 900,
  },
  {
    PK: 'PRACTICE#A99001',
    SK: 'MONTH#2026-10#6',
    entity: 'practice-month',
    enabledAny: 13,
    enabledAppointments: 10,
    enabledPrescriptions: 10,
    newEnabled: 13,
    appointmentsBooked: 99,
  },
  {
    PK: 'PRACTICE#A99001',
    SK: 'MONTH#2026-11#0',
    entity: 'practice-month',
    enabledAny: 30,
    enabledAppointments: 30,
    enabledPrescriptions: 20,
    newEnabled: 30,
    appointmentsBooked: 300,
    appointmentsCancelled: 30,
    prescriptionsOrdered: 200,
    prescriptionItemsOrdered: 500,
  },
  {
    PK: 'PRACTICE#A99001',
    SK: 'MONTH#2026-11#4',
    entity: 'practice-month',
    enabledAny: 7,
    enabledAppointments: 2,
    enabledPrescriptions: 7,
    newEnabled: 7,
    appointmentsBooked: 41,
    appointmentsCancelled: 8,
    prescriptionsOrdered: 14,
    prescriptionItemsOrdered: 30,
  },
];
const SETTINGS_ITEM = {
  PK: 'PRACTICE#A99001',
  SK: 'SETTINGS',
  settings: { listSize: 9000, servicesOffered: { appointments: true, prescriptions: true, record: false } },
  version: 4,
  // Stored before changes were kept in a history: it stands from when it was set.
  updatedAt: '2026-10-20T08:00:00.000Z',
};

describe('the POMI CSV', () => {
  beforeAll(() => {
    useUnitEnv();
    useRegistry([RIVERSIDE]);
  });
  afterAll(() => {
    useUnitEnv();
  });
  beforeEach(() => ddb.reset());

  it('matches the golden file, from the counters through the rollup to GET ?format=csv', async () => {
    // The counters in the Query's sort-key range (no month-end stored yet); the settings history is empty.
    ddb.on(QueryCommand).callsFake((input: QueryCommandInput) => {
      const { ':from': from = '', ':to': to = '' } = input.ExpressionAttributeValues as Record<string, string>;
      if (from === 'SETTINGS#') return { Items: [] };
      return { Items: structuredClone(MONTH_ITEMS.filter((item) => item.SK >= from && item.SK <= to)) };
    });
    ddb.on(BatchGetCommand).resolves({ Responses: { [TABLE]: [structuredClone(SETTINGS_ITEM)] } });
    ddb.on(PutCommand).resolves({});
    const result = await withPractices([RIVERSIDE], () =>
      rollupMonth('A99001', '2026-11', {
        clock: fixedClock('2026-12-01T02:00:00Z'),
        ids: randomIds,
      }),
    );
    expect(result.csv).toBe(GOLDEN);

    const stored = ddb.commandCalls(PutCommand)[0]!.args[0].input.Item!;
    ddb.on(GetCommand).resolves({ Item: stored });
    const res = (await getReport(
      apiEvent({
        method: 'GET',
        path: '/staff/reports/monthly/2026-11',
        params: { month: '2026-11' },
        query: { format: 'csv' },
        claims: STAFF_CLAIMS,
      }),
      lambdaContext,
    )) as { statusCode: number; headers: Record<string, string>; body: string };
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="A99001-2026-11.csv"');
    expect(res.body).toBe(GOLDEN);
  });

  it('has the contract header, one row per field, whole numbers only, 2/1 for offered/not', () => {
    const lines = GOLDEN.trimEnd()
      .split('\r\n')
      .map((l) => l.split(','));
    expect(lines[0]!.join(',')).toBe(
      'report_period_end,region_code,region_name,sub_ICB_location_code,sub_ICB_location_name,practice_code,practice_name,system_supplier,field,value',
    );
    expect(lines.slice(1).map((l) => l[8])).toEqual([
      'patient_list_size',
      'Sys_Appts_Enbld',
      'Sys_Presc_Enbld',
      'Sys_DetCodeRec_Enbld',
      'Pat_Appts_Enbld',
      'Pat_Presc_Enbld',
      'Pat_DetCodeRec_Enbld',
      'Pat_Appts_Use',
      'Pat_Presc_Use',
      'Pat_DetCodeRec_Use',
      'Total_Pat_Enbld',
      'New_Pat_Enbld',
      'Total_Use',
    ]);
    for (const line of lines.slice(1)) expect(line[9]).toMatch(/^\d+$/);
  });

  it('writes the period end as dd-Mon-yy, also for February of a leap year', () => {
    expect(pomiDate('2026-11-30')).toBe('30-Nov-26');
    expect(pomiDate('2028-02-29')).toBe('29-Feb-28');
    expect(pomiDate('2030-01-31')).toBe('31-Jan-30');
  });

  it('leaves geography empty when it is not configured, and quotes names with commas', () => {
    const context: PomiContext = {
      practice: { ods: 'A99002', name: 'Hill, View "East" Surgery' },
      systemSupplier: 'PATIENT-ONLINE',
      servicesOffered: { appointments: true, prescriptions: false, record: true },
    };
    const report = aQuietMonth();
    const [first, second] = pomiRows(report, context);
    expect(toCsv([first!])).toBe(
      '30-Nov-26,,,,,A99002,"Hill, View ""East"" Surgery",PATIENT-ONLINE,patient_list_size,0\r\n',
    );
    expect(second!.slice(8)).toEqual(['Sys_Appts_Enbld', '2']);
    expect(pomiRows(report, context)[2]!.slice(8)).toEqual(['Sys_Presc_Enbld', '1']);
  });

  it('puts every practice’s rows under one header in all-practices.csv', () => {
    const report = aQuietMonth({ listSize: 1 });
    const offered = { appointments: true, prescriptions: true, record: true };
    const csv = pomiCsv([
      pomiRows(
        { ...report, practice: 'A99001' },
        { practice: { ods: 'A99001', name: 'A' }, systemSupplier: 'X', servicesOffered: offered },
      ),
      pomiRows(
        { ...report, practice: 'A99002' },
        { practice: { ods: 'A99002', name: 'B' }, systemSupplier: 'X', servicesOffered: offered },
      ),
    ]);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + 13 * 2);
    expect(lines.filter((l) => l.startsWith('report_period_end'))).toHaveLength(1);
  });
});
