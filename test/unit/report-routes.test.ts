import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as generate } from '../../functions/api/reports/generate.ts';
import { handler as getReport } from '../../functions/api/reports/get.ts';
import { handler as scheduled, MonthlyRollupFailed } from '../../functions/scheduled/monthly-rollup.ts';
import { COUNTER_SHARDS } from '../../functions/store/counters.ts';
import { apiEvent, invoke, lambdaContext, PATIENT_CLAIMS, STAFF_CLAIMS } from '../support/events.ts';
import { bodyText, objectKey, s3Error, stubS3, type S3Request } from '../support/s3-fetch.ts';
import { useMockedTableAt, useUnitEnv } from '../support/unit-env.ts';
import { useFixedClock, useSystemClock } from '../support/clock.ts';
import { aStoredReport } from '../support/reports.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const TABLE = 'patient-online-test';

/** One shard of a practice-month's counters, as the Query returns it. */
const monthItem = (ods: string, month: string, shard: number, attrs: Record<string, number>) => ({
  PK: `PRACTICE#${ods}`,
  SK: `MONTH#${month}#${shard}`,
  entity: 'practice-month',
  ...attrs,
});
/** A settled month's closing figures, as the rollup stores them (what a report counts from). */
const monthEndItem = (ods: string, month: string, enabled: Record<string, number>) => ({
  PK: `PRACTICE#${ods}`,
  SK: `MONTH#${month}#END`,
  entity: 'practice-month-end',
  enabledAny: 0,
  enabledAppointments: 0,
  enabledPrescriptions: 0,
  enabledDetailedRecord: 0,
  ...enabled,
  firstDataMonth: '2026-10',
});
/** October in one shard, and its closing figures; November spread over three (the report sums them). */
const HISTORY = [
  monthItem('A99001', '2026-10', 3, {
    enabledAny: 20,
    enabledAppointments: 20,
    enabledPrescriptions: 15,
    enabledDetailedRecord: 4,
    newEnabled: 20,
  }),
  monthItem('A99001', '2026-11', 0, {
    enabledAny: 1,
    enabledAppointments: 1,
    newEnabled: 1,
    appointmentsBooked: 3,
    recordViews: 1,
  }),
  monthItem('A99001', '2026-11', 5, {
    enabledAny: 1,
    enabledAppointments: 1,
    newEnabled: 1,
    appointmentsBooked: 2,
    appointmentsCancelled: 1,
    invitationsIssued: 2,
  }),
  monthItem('A99001', '2026-11', 7, {
    recordViews: 2,
    invitationsIssued: 1,
    accountsLinked: 1,
    'messagesSent:appointment-reminder': 2,
    messagesFailed: 1,
  }),
  monthItem('A99001', '2026-11', 2, { 'messagesSent:appointment-reminder': 1, 'messagesSent:prescription-issued': 1 }),
  monthEndItem('A99001', '2026-10', {
    enabledAny: 20,
    enabledAppointments: 20,
    enabledPrescriptions: 15,
    enabledDetailedRecord: 4,
  }),
];
const SETTINGS = {
  PK: 'PRACTICE#A99001',
  SK: 'SETTINGS',
  settings: { listSize: 500 },
  version: 3,
  updatedAt: '2026-12-02T09:00:00.000Z',
  historyKept: true,
};
/** The settings history entry that stood at November's end (the list size changed after it). */
const SETTINGS_ENTRY = {
  PK: 'PRACTICE#A99001',
  SK: 'SETTINGS#2026-10-05T09:00:00.000Z#0000000002',
  settings: { listSize: 440 },
  version: 2,
};
/** The month counters in the Query's sort-key range and order, or the settings history entry. */
const answerQuery = (items: Record<string, unknown>[]) => (input: QueryCommandInput) => {
  const { ':from': from = '', ':to': to = '' } = input.ExpressionAttributeValues as Record<string, string>;
  if (from === 'SETTINGS#') return { Items: [structuredClone(SETTINGS_ENTRY)] };
  const inRange = items.filter((i) => String(i.SK) >= from && String(i.SK) <= to);
  inRange.sort((a, b) => String(a.SK).localeCompare(String(b.SK)));
  if (input.ScanIndexForward === false) inRange.reverse();
  return { Items: structuredClone(inRange) };
};
/** The Query of a November report's months: from the year-ago month-end to November's last shard. */
const novemberMonths = (ods: string) => ({
  ExpressionAttributeValues: { ':pk': `PRACTICE#${ods}`, ':from': 'MONTH#2025-11#END', ':to': 'MONTH#2026-11#\uffff' },
});

const postEvent = (month: string, claims = STAFF_CLAIMS) =>
  apiEvent({ method: 'POST', path: `/staff/reports/monthly/${month}`, params: { month }, claims });
const getEvent = (month: string, query?: Record<string, string>) =>
  apiEvent({
    method: 'GET',
    path: `/staff/reports/monthly/${month}`,
    params: { month },
    ...(query ? { query } : {}),
    claims: STAFF_CLAIMS,
  });

/** Raw handler output (CSV and HTML bodies are not JSON). */
async function raw(handler: typeof getReport, event: ReturnType<typeof getEvent>) {
  return (await handler(event, lambdaContext)) as { statusCode: number; headers: Record<string, string>; body: string };
}

function givenTable(options: { earlier?: Record<string, unknown>[] } = {}) {
  ddb.on(QueryCommand).callsFake(answerQuery(HISTORY));
  ddb.on(BatchGetCommand).resolves({ Responses: { [TABLE]: [structuredClone(SETTINGS), ...(options.earlier ?? [])] } });
  ddb.on(PutCommand).resolves({});
}

describe('POST /staff/reports/monthly/{month}', () => {
  useMockedTableAt(ddb, '2026-11-26T10:00:00Z');

  it('generates the month to date from the counters and the settings then, with two Queries, one BatchGetItem and one PutItem', async () => {
    givenTable();
    const res = await invoke(generate, postEvent('2026-11'));
    expect(res.statusCode).toBe(200);
    expect(res.json).toEqual({
      practice: 'A99001',
      month: '2026-11',
      periodEnd: '2026-11-30',
      generatedAt: '2026-11-26T10:00:00.000Z',
      listSize: 440,
      enabled: { appointments: 22, prescriptions: 15, detailedRecord: 4, anyService: 22, newInMonth: 2 },
      enabledPct: { appointments: 5, prescriptions: 3.41, detailedRecord: 0.91, anyService: 5 },
      use: {
        appointmentsBooked: 5,
        appointmentsCancelled: 1,
        prescriptionsOrdered: 0,
        prescriptionItemsOrdered: 0,
        recordViews: 3,
        byProxy: 0,
        total: 9,
      },
      onboarding: { invitationsIssued: 3, accountsLinked: 1 },
      messages: {
        sent: {
          'appointment-booked': 0,
          'appointment-reminder': 3,
          'appointment-cancelled-by-practice': 0,
          'prescription-approved': 0,
          'prescription-rejected': 0,
          'prescription-issued': 1,
        },
        failed: 1,
      },
      growth: { monthOnMonthPct: 10, yearOnYearPct: null },
      target: { annualGrowthTarget: 0.1, onTrack: true },
    });
    expect(ddb.calls()).toHaveLength(4);
    const [query, history] = ddb.commandCalls(QueryCommand).map((c) => c.args[0].input);
    expect(query).toMatchObject({
      KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
      ...novemberMonths('A99001'),
      ConsistentRead: true,
    });
    // The last settings change before November's end (midnight, GMT): one item, newest first.
    expect(history).toMatchObject({
      KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': 'PRACTICE#A99001',
        ':from': 'SETTINGS#',
        ':to': 'SETTINGS#2026-11-30T23:59:59.999Z#\uffff',
      },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    });
    const keys = ddb.commandCalls(BatchGetCommand)[0]!.args[0].input.RequestItems![TABLE]!.Keys!;
    expect(keys[0]).toEqual({ PK: 'PRACTICE#A99001', SK: 'SETTINGS' });
    const earlier = [
      '2026-10',
      '2026-09',
      '2026-08',
      '2026-07',
      '2026-06',
      '2026-05',
      '2026-04',
      '2026-03',
      '2026-02',
      '2026-01',
      '2025-12',
      '2025-11',
    ];
    expect(keys.slice(1)).toEqual(earlier.map((m) => ({ PK: 'REPORT#A99001', SK: `MONTH#${m}` })));
    const put = ddb.commandCalls(PutCommand)[0]!.args[0].input;
    expect(put.Item).toMatchObject({
      PK: 'REPORT#A99001',
      SK: 'MONTH#2026-11',
      entity: 'monthly-report',
      report: res.json,
    });
    expect(put.ConditionExpression).toBe('attribute_not_exists(PK) OR generatedAt <= :generatedAt');
  });

  it('reads the same number of items however many actions the month had', async () => {
    givenTable();
    await invoke(generate, postEvent('2026-11'));
    const quiet = ddb.calls().length;
    ddb.reset();
    // Every shard of the month busy: still COUNTER_SHARDS items, whatever the actions.
    const busyShards = Array.from({ length: COUNTER_SHARDS }, (_, shard) =>
      monthItem('A99001', '2026-11', shard, { appointmentsBooked: 125_000, recordViews: 31_250 }),
    );
    ddb.on(QueryCommand).resolves({ Items: [...busyShards, monthEndItem('A99001', '2026-10', {})] });
    ddb.on(BatchGetCommand).resolves({ Responses: { [TABLE]: [structuredClone(SETTINGS)] } });
    ddb.on(PutCommand).resolves({});
    const busy = await invoke(generate, postEvent('2026-11'));
    expect(busy.json).toMatchObject({ use: { appointmentsBooked: 1_000_000, recordViews: 250_000, total: 1_250_000 } });
    expect(ddb.calls()).toHaveLength(quiet);
  });

  it('measures growth from the counters, whether or not the earlier month was reported', async () => {
    givenTable({ earlier: [aStoredReport({ month: '2026-10', report: { listSize: 400 } })] });
    const reported = await invoke(generate, postEvent('2026-11'));
    ddb.reset();
    givenTable();
    const unreported = await invoke(generate, postEvent('2026-11'));
    expect(reported.json).toMatchObject({
      growth: { monthOnMonthPct: 10, yearOnYearPct: null },
      target: { onTrack: true },
    });
    expect(unreported.json).toEqual(reported.json);
  });

  it('answers the stored report when a run that started later stored first', async () => {
    givenTable();
    ddb
      .on(PutCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }));
    ddb.on(GetCommand).resolves({ Item: aStoredReport({ report: { generatedAt: '2026-11-26T10:00:01.000Z' } }) });
    const res = await invoke(generate, postEvent('2026-11'));
    expect(res.statusCode).toBe(200);
    expect(res.json.generatedAt).toBe('2026-11-26T10:00:01.000Z');
  });

  it('answers 400 validation-failed for a month that has not started or is not a month', async () => {
    expect((await invoke(generate, postEvent('2026-12'))).json).toMatchObject({
      status: 400,
      code: 'validation-failed',
      errors: [{ path: 'month' }],
    });
    expect((await invoke(generate, postEvent('2026-13'))).json).toMatchObject({
      status: 400,
      code: 'validation-failed',
    });
    expect(ddb.calls()).toHaveLength(0);
  });

  it('answers 403 forbidden to a patient', async () => {
    expect((await invoke(generate, postEvent('2026-11', PATIENT_CLAIMS))).json).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
  });

  it('answers 503 with Retry-After and no internals when DynamoDB throttles', async () => {
    const throttled = new Error('Rate of requests exceeds the allowed throughput');
    throttled.name = 'ProvisionedThroughputExceededException';
    ddb.on(QueryCommand).rejects(throttled);
    ddb.on(BatchGetCommand).resolves({ Responses: { [TABLE]: [] } });
    const res = await invoke(generate, postEvent('2026-11'));
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
    expect(JSON.stringify(res.json)).not.toMatch(/Throughput|DynamoDB|PRACTICE#/i);
  });
});

describe('GET /staff/reports/monthly/{month}', () => {
  let stored: Record<string, unknown>;

  beforeAll(async () => {
    useUnitEnv();
    useFixedClock('2026-11-26T10:00:00Z');
    ddb.reset();
    givenTable();
    await invoke(generate, postEvent('2026-11'));
    stored = ddb.commandCalls(PutCommand)[0]!.args[0].input.Item!;
    useSystemClock();
  });
  beforeEach(() => {
    ddb.reset();
    ddb.on(GetCommand).resolves({ Item: structuredClone(stored) });
  });

  it('answers the stored report as JSON by default, with one GetItem', async () => {
    const res = await invoke(getReport, getEvent('2026-11'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.json).toEqual(stored.report);
    expect(ddb.calls()).toHaveLength(1);
    expect(ddb.commandCalls(GetCommand)[0]!.args[0].input.Key).toEqual({ PK: 'REPORT#A99001', SK: 'MONTH#2026-11' });
  });

  it('answers one self-contained HTML page with charts: inline SVG, no script, nothing fetched', async () => {
    const res = await raw(getReport, getEvent('2026-11', { format: 'html' }));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.body).toMatch(/^<!doctype html>/);
    expect(res.body.match(/<svg /g)?.length).toBeGreaterThanOrEqual(4);
    expect(res.body).toContain('Riverside Medical Practice');
    expect(res.body).toContain('To date');
    expect(res.body).not.toMatch(/<script|<link|<img|@import|url\(|\ssrc=|\shref=/i);
    expect(res.body).not.toMatch(/https?:\/\//);
  });

  it('answers 404 not-found for a month never generated', async () => {
    ddb.on(GetCommand).resolves({});
    const res = await invoke(getReport, getEvent('2026-10'));
    expect(res.json).toMatchObject({ status: 404, code: 'not-found' });
  });

  it('answers 400 validation-failed for an unknown format or query field', async () => {
    expect((await invoke(getReport, getEvent('2026-11', { format: 'pdf' }))).json).toMatchObject({
      code: 'validation-failed',
      errors: [{ path: 'format' }],
    });
    expect((await invoke(getReport, getEvent('2026-11', { month: '2026-11' }))).json).toMatchObject({
      code: 'validation-failed',
    });
  });
});

describe('the scheduled monthly rollup', () => {
  let requests: S3Request[];
  beforeAll(() => {
    useUnitEnv();
    process.env.REPORTS_BUCKET = 'reports-bucket';
  });
  beforeEach(() => {
    ddb.reset();
    ({ requests } = stubS3());
    useFixedClock('2026-12-01T02:00:00Z');
  });
  afterEach(() => {
    useSystemClock();
    vi.unstubAllGlobals();
  });

  it('reports the month just ended for every practice and writes the files to the bucket', async () => {
    givenTable();
    const result = await scheduled({});
    expect(result).toEqual({ months: ['2026-11'], practices: 2, files: 8 });
    // Written concurrently: which finishes first is not fixed.
    expect(requests.map(objectKey).sort()).toEqual(
      [
        'reports/2026-11/A99001.json',
        'reports/2026-11/A99001.csv',
        'reports/2026-11/A99001.html',
        'reports/2026-11/A99002.json',
        'reports/2026-11/A99002.csv',
        'reports/2026-11/A99002.html',
        'reports/2026-11/all-practices.csv',
        'reports/2026-11/summary.json',
      ].sort(),
    );
    for (const request of requests) {
      expect(request.method).toBe('PUT');
      expect(request.url.host).toBe('reports-bucket.s3.eu-west-2.amazonaws.com');
    }
    const byKey = new Map(requests.map((r) => [objectKey(r), r]));
    expect(
      Object.fromEntries(
        [...byKey].map(([key, r]) => [key.replace(/^reports\/2026-11\/[A-Z0-9]+\./, '*.'), r.headers['content-type']]),
      ),
    ).toEqual({
      '*.json': 'application/json',
      '*.csv': 'text/csv; charset=utf-8',
      '*.html': 'text/html; charset=utf-8',
      'reports/2026-11/all-practices.csv': 'text/csv; charset=utf-8',
      'reports/2026-11/summary.json': 'application/json',
    });
    const summary = JSON.parse(bodyText(byKey.get('reports/2026-11/summary.json')!)) as {
      practices: number;
      month: string;
    };
    expect(summary).toMatchObject({ practices: 2, month: '2026-11' });
    const all = bodyText(byKey.get('reports/2026-11/all-practices.csv')!);
    expect(all.trimEnd().split('\r\n')).toHaveLength(1 + 2 * 13);
  });

  it('re-runs a month an operator names', async () => {
    givenTable();
    const result = await scheduled({ month: '2026-10' });
    expect(result.months).toEqual(['2026-10']);
  });

  it('throws when a practice failed, so the run is retried, after writing what succeeded (no summary)', async () => {
    givenTable();
    const outage = new Error('boom');
    ddb.on(QueryCommand, novemberMonths('A99002')).rejects(outage);
    await expect(scheduled({})).rejects.toBeInstanceOf(MonthlyRollupFailed);
    expect(requests.map(objectKey)).toEqual([
      'reports/2026-11/A99001.json',
      'reports/2026-11/A99001.csv',
      'reports/2026-11/A99001.html',
    ]);
  });

  it('retries a practice that failed on its own, leaving the others alone, and then stores the all-practices summary', async () => {
    givenTable();
    const monthQuery = novemberMonths;
    ddb.on(QueryCommand, monthQuery('A99002')).rejectsOnce(new Error('boom')).callsFake(answerQuery(HISTORY));
    const result = await scheduled({});
    expect(result).toEqual({ months: ['2026-11'], practices: 2, files: 8 });
    const monthQueriesOf = (ods: string) => ddb.commandCalls(QueryCommand, monthQuery(ods)).length;
    expect([monthQueriesOf('A99001'), monthQueriesOf('A99002')]).toEqual([1, 2]);
    const summary = ddb.commandCalls(PutCommand).find((c) => c.args[0].input.Item?.PK === 'REPORTS');
    expect(summary?.args[0].input.Item).toMatchObject({
      SK: 'MONTH#2026-11',
      summary: { practices: 2, practiceCodes: ['A99001', 'A99002'] },
    });
  });

  it('throws when the bucket cannot be written', async () => {
    givenTable();
    stubS3(() => ({ status: 403, body: s3Error('AccessDenied', 'Access Denied') }));
    await expect(scheduled({})).rejects.toThrow('AccessDenied');
  });
});
