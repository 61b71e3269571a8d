import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { handler as adminReport } from '../../functions/api/admin/get-report.ts';
import { handler as staffReport } from '../../functions/api/reports/get.ts';
import type { MonthEnd, TrendPoint } from '../../functions/domain/report-figures.ts';
import type { PomiContext } from '../../functions/domain/report-pomi.ts';
import type { ActivityEntry } from '../../functions/domain/report-recount.ts';
import { PomiContext as PomiContextSchema, TrendPoint as TrendPointSchema } from '../../functions/schemas/report.ts';
import type * as z from '../../functions/schemas/zod.ts';
import type { Item } from '../../functions/store/dynamo.ts';
import { keys } from '../../functions/store/keys.ts';
import {
  activityFrom,
  listPracticePatients,
  monthEndFrom,
  storedReportFrom,
  type StoredReport,
} from '../../functions/store/reports.ts';
import { StoredItemError } from '../../functions/store/stored-item.ts';
import { summaryFrom, type StoredSummary } from '../../functions/store/summaries.ts';
import { aPatient, NHS_NUMBER, PRACTICE } from '../support/builders.ts';
import { apiEvent, invoke, STAFF_CLAIMS } from '../support/events.ts';
import { useCapturedErrorLogs } from '../support/output.ts';
import { aStoredReport } from '../support/reports.ts';
import { useUnitEnv } from '../support/unit-env.ts';

const ddb = mockClient(DynamoDBDocumentClient);

/** What the table adds to an item beyond its entity: index keys and an attribute no schema names. */
const STORAGE = { GSI1PK: 'INDEX#A99001', GSI1SK: 'X', expiresAt: 1_800_000_000, someFutureAttribute: 'x' };

/** An item without some of the attributes at these paths (`use.byProxy`: a nested one). */
function without(item: Record<string, unknown>, ...paths: string[]): Record<string, unknown> {
  const copy = structuredClone(item);
  for (const path of paths) {
    const names = path.split('.');
    const last = names.pop()!;
    const parent = names.reduce((value: Record<string, unknown>, name) => value[name] as Record<string, unknown>, copy);
    delete parent[last];
  }
  return copy;
}

/** The StoredItemError a mapper throws for this item (failing the test if it throws none). */
function refusal(from: (item: Item) => unknown, item: Item): StoredItemError {
  try {
    from(item);
  } catch (error) {
    expect(error).toBeInstanceOf(StoredItemError);
    return error as StoredItemError;
  }
  throw new Error('the item was not refused');
}

const summary = {
  month: '2026-11',
  periodEnd: '2026-11-30',
  generatedAt: '2026-12-03T02:00:00.000Z',
  practices: 2,
  listSize: 900,
  enabled: { appointments: 40, prescriptions: 30, detailedRecord: 8, anyService: 44, newInMonth: 3 },
  enabledPct: { appointments: 4.44, prescriptions: 3.33, detailedRecord: 0.89, anyService: 4.89 },
  use: {
    appointmentsBooked: 9,
    appointmentsCancelled: 1,
    prescriptionsOrdered: 2,
    prescriptionItemsOrdered: 3,
    recordViews: 4,
    byProxy: 1,
    total: 16,
  },
  usePerService: { appointments: 10, prescriptions: 2, detailedRecord: 4 },
  growth: { monthOnMonthPct: 10, yearOnYearPct: null },
  practiceCodes: ['A99001', 'B99002'],
};
const summaryItem = (stored: Record<string, unknown>) => ({
  ...keys.summaryReport('2026-11'),
  entity: 'report-summary',
  ...STORAGE,
  summary: stored,
});

describe('the report schemas describe the domain types', () => {
  it('TrendPoint and PomiContext parse to exactly the types the figures and the CSV use', () => {
    expectTypeOf<z.infer<typeof TrendPointSchema>>().branded.toEqualTypeOf<TrendPoint>();
    expectTypeOf<z.infer<typeof PomiContextSchema>>().toEqualTypeOf<PomiContext>();
    expectTypeOf(storedReportFrom).returns.toEqualTypeOf<StoredReport>();
    expectTypeOf(summaryFrom).returns.toEqualTypeOf<StoredSummary>();
  });
});

describe('a stored monthly report', () => {
  it('is its report, CSV, trend and context only: keys, index and unknown attributes dropped', () => {
    const stored = aStoredReport({ ...STORAGE });
    const { report, csv, trend, context } = structuredClone(stored);
    Object.assign(stored.report as object, { retiredFigure: 1 });
    Object.assign(stored.context as object, { retiredField: 'x' });
    expect(storedReportFrom(stored)).toStrictEqual({ report, csv, trend, context });
  });

  it('stored before proxies, onboarding and messages were counted: none of them, and the trend as it was', () => {
    const current = aStoredReport();
    const old = without(
      current,
      'report.use.byProxy',
      'report.onboarding',
      'report.messages',
      'trend.0.use.byProxy',
      'trend.0.onboarding',
    );
    const parsed = storedReportFrom(old);
    expect(parsed.report).toStrictEqual(current.report);
    expect(parsed.trend).toStrictEqual([
      { ...(old.trend as TrendPoint[])[0], use: (current.trend as TrendPoint[])[0]!.use },
    ]);
    expect(parsed.trend[0]).not.toHaveProperty('onboarding');
  });

  it('keeps a trend month drawn as a gap, and refuses a gap of an unknown kind', () => {
    const stored = aStoredReport();
    (stored.trend as TrendPoint[])[0]!.noData = 'not-generated';
    expect(storedReportFrom(stored).trend[0]!.noData).toBe('not-generated');
    (stored.trend as Record<string, unknown>[])[0]!.noData = 'lost';
    expect(refusal(storedReportFrom, stored).message).toMatch(/trend\.0\.noData \(invalid_value\)/);
  });

  it('that does not fit is refused, naming the field and never its value or the practice', () => {
    const stored = aStoredReport({ report: { listSize: '4521' as unknown as number } });
    const { message } = refusal(storedReportFrom, stored);
    expect(message).toMatch(/^A stored monthly report item does not fit its schema: report.listSize \(invalid_type\)/);
    expect(message).not.toMatch(/4521|A99001|Riverside/);
    expect(refusal(storedReportFrom, without(aStoredReport(), 'context.practice.ods')).message).toContain(
      'context.practice.ods (invalid_type)',
    );
    expect(refusal(storedReportFrom, without(aStoredReport(), 'csv')).message).toContain('csv (invalid_type)');
  });
});

describe('a stored all-practices summary', () => {
  it('is its figures and the practices it covers: keys and unknown attributes dropped', () => {
    expect(summaryFrom(summaryItem({ ...summary, retired: 1 }))).toStrictEqual(summary);
  });

  it('stored before proxies were counted: none by proxy', () => {
    expect(summaryFrom(summaryItem(without(summary, 'use.byProxy'))).use.byProxy).toBe(0);
  });

  it('that does not fit is refused, naming the field', () => {
    expect(refusal(summaryFrom, summaryItem(without(summary, 'practiceCodes'))).message).toBe(
      'A stored report summary item does not fit its schema: summary.practiceCodes (invalid_type)',
    );
    expect(() => summaryFrom({ ...keys.summaryReport('2026-11') })).toThrow(StoredItemError);
  });
});

describe('what the rollup and --verify read', () => {
  beforeAll(useUnitEnv);
  afterEach(() => ddb.reset());

  const monthEnd = {
    ...keys.practiceMonthEnd(PRACTICE, '2026-10'),
    entity: 'practice-month-end',
    enabledAppointments: 20,
    enabledPrescriptions: 15,
    enabledDetailedRecord: 4,
    enabledAny: 21,
  };

  it('a month-end: its month from its key, its totals, its first data month when stored', () => {
    const expected: MonthEnd = {
      month: '2026-10',
      enabled: { appointments: 20, prescriptions: 15, detailedRecord: 4, anyService: 21 },
    };
    expect(monthEndFrom(monthEnd)).toStrictEqual(expected);
    expect(monthEndFrom({ ...monthEnd, firstDataMonth: '2026-03' })).toStrictEqual({
      ...expected,
      firstDataMonth: '2026-03',
    });
    expect(refusal(monthEndFrom, without(monthEnd, 'enabledAny')).message).toBe(
      'A stored month end item does not fit its schema: enabledAny (invalid_type)',
    );
  });

  it('an activity entry: its kind’s fields only; an unknown kind or a wrong field refused without the entry’s data', () => {
    const entry = {
      ...keys.activityEntry(PRACTICE, '2026-11', '2026-11-20T10:00:00.000Z', NHS_NUMBER, 'services-changed'),
      entity: 'activity',
      expiresAt: 1_900_000_000,
      kind: 'services-changed',
      at: '2026-11-20T10:00:00.000Z',
      ref: NHS_NUMBER,
      before: { appointments: false, prescriptions: false, detailedRecord: false },
      after: { appointments: true, prescriptions: false, detailedRecord: false },
      firstEnabled: true,
    };
    const expected: ActivityEntry = {
      kind: 'services-changed',
      at: entry.at,
      ref: NHS_NUMBER,
      before: entry.before,
      after: entry.after,
      firstEnabled: true,
    };
    expect(activityFrom(entry)).toStrictEqual(expected);
    const booked = { ...STORAGE, kind: 'appointment-booked', at: entry.at, ref: 'a1', proxy: true };
    expect(activityFrom(booked)).toStrictEqual({ kind: 'appointment-booked', at: entry.at, ref: 'a1', proxy: true });
    const sent = { kind: 'message-sent', messageKind: 'appointment-reminder', at: entry.at, ref: 'm1' };
    expect(activityFrom(sent)).toStrictEqual(sent);
    for (const broken of [
      { ...entry, kind: 'services-forgotten' },
      { ...entry, after: 'all' },
      { ...sent, messageKind: 'postcard' },
    ]) {
      const { message } = refusal(activityFrom, broken);
      expect(message).toMatch(/^A stored activity entry item does not fit its schema: /);
      expect(message).not.toMatch(/9990000018|forgotten|postcard|all/);
    }
  });

  it('listPracticePatients: each profile’s number, enabled flags and first enablement; a profile that does not fit refused', async () => {
    const index = { GSI1PK: keys.practicePatientsPartition(PRACTICE), GSI1SK: NHS_NUMBER };
    ddb.on(QueryCommand).resolves({
      Items: [
        { ...aPatient(), ...index, firstEnabledAt: '2026-01-01T00:00:00.000Z' },
        {
          ...aPatient({
            nhsNumber: '9990000026',
            services: { appointments: false, prescriptions: false, record: 'detailed' },
          }),
          ...index,
        },
      ],
    });
    await expect(listPracticePatients(PRACTICE)).resolves.toStrictEqual([
      {
        nhsNumber: NHS_NUMBER,
        flags: { appointments: true, prescriptions: true, detailedRecord: false },
        firstEnabledAt: '2026-01-01T00:00:00.000Z',
      },
      { nhsNumber: '9990000026', flags: { appointments: false, prescriptions: false, detailedRecord: true } },
    ]);
    ddb.on(QueryCommand).resolves({ Items: [{ ...aPatient({ services: 'all' }), ...index }] });
    await expect(listPracticePatients(PRACTICE)).rejects.toThrow(
      'A stored patient item does not fit its schema: services (invalid_type)',
    );
  });
});

describe('a report route reading a stored item that does not fit', () => {
  const logged = useCapturedErrorLogs(ddb);

  it('GET /staff/reports/monthly/{month} answers 500 with nothing of the report, and logs the entity and field only', async () => {
    ddb.on(GetCommand).resolves({ Item: aStoredReport({ report: { listSize: -4521 } }) });
    const res = await invoke(
      staffReport,
      apiEvent({
        method: 'GET',
        path: '/staff/reports/monthly/2026-11',
        params: { month: '2026-11' },
        claims: STAFF_CLAIMS,
      }),
    );
    expect(res.statusCode).toBe(500);
    expect(res.json).toMatchObject({ code: 'internal' });
    expect(JSON.stringify(res.json)).not.toMatch(/4521|Riverside/);
    const log = logged();
    expect(log).toContain('A stored monthly report item does not fit its schema: report.listSize (too_small)');
    expect(log).not.toMatch(/4521|Riverside/);
  });

  it('GET /admin/reports/monthly/{month} answers 500 for a summary that does not fit', async () => {
    ddb.on(GetCommand).resolves({ Item: summaryItem({ ...summary, practices: 'two' }) });
    const res = await invoke(
      adminReport,
      apiEvent({
        method: 'GET',
        path: '/admin/reports/monthly/2026-11',
        params: { month: '2026-11' },
        claims: { sub: 'admin', role: 'admin' },
      }),
    );
    expect(res.statusCode).toBe(500);
    expect(res.json).toMatchObject({ code: 'internal' });
    expect(logged()).toContain(
      'A stored report summary item does not fit its schema: summary.practices (invalid_type)',
    );
  });
});
