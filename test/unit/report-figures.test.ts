import { describe, expect, it } from 'vitest';
import {
  buildMonthlyReport,
  emptyMonth,
  growthPct,
  latestSettledMonth,
  monthEndOf,
  onTrack,
  type MonthCounters,
  type ReportInput,
} from '../../functions/domain/report-figures.ts';
import { differences, recountEnabled, recountUse, type ActivityEntry } from '../../functions/domain/report-recount.ts';
import { summarize } from '../../functions/domain/report-summary.ts';
import { addMonths, monthBounds } from '../../functions/domain/time.ts';
import { DEFAULT_SETTINGS } from '../../functions/schemas/practice.ts';

/** A month's counter item: `enabledAny` patients newly enabled for everything, plus some use. */
function monthWith(
  month: string,
  change: { any: number; appts?: number; presc?: number; rec?: number; newEnabled?: number },
  use: Partial<MonthCounters['use']> = {},
): MonthCounters {
  const m = emptyMonth(month);
  m.enabledChange = {
    enabledAny: change.any,
    enabledAppointments: change.appts ?? change.any,
    enabledPrescriptions: change.presc ?? change.any,
    enabledDetailedRecord: change.rec ?? 0,
  };
  m.newEnabled = change.newEnabled ?? Math.max(0, change.any);
  m.use = { ...m.use, ...use };
  return m;
}

const input = (over: Partial<ReportInput>): ReportInput => ({
  ods: 'A99001',
  month: '2026-11',
  now: new Date('2026-12-01T02:00:00Z'),
  settings: { ...DEFAULT_SETTINGS, listSize: 1000 },
  history: [],
  reportedMonths: new Set(),
  reportedListSizes: new Map(),
  ...over,
});

describe('the monthly report figures', () => {
  it('reports enabled patients as at the month’s end, even when generated months later', () => {
    const history = [
      monthWith('2026-10', { any: 40 }),
      monthWith('2026-11', { any: 10 }),
      monthWith('2026-12', { any: 25 }),
      monthWith('2027-01', { any: -5 }),
    ];
    const late = buildMonthlyReport(input({ history, now: new Date('2027-02-10T09:00:00Z') })).report;
    const onTime = buildMonthlyReport(input({ history: history.slice(0, 2) })).report;
    expect(late.enabled).toEqual(onTime.enabled);
    expect(late.enabled).toMatchObject({ anyService: 50, appointments: 50, newInMonth: 10 });
  });

  it('counts use from the month’s own counters; total is actions (items are not actions)', () => {
    const history = [
      monthWith('2026-10', { any: 5 }, { appointmentsBooked: 99 }),
      monthWith(
        '2026-11',
        { any: 0 },
        {
          appointmentsBooked: 7,
          appointmentsCancelled: 2,
          prescriptionsOrdered: 3,
          prescriptionItemsOrdered: 8,
          recordViews: 4,
        },
      ),
    ];
    expect(buildMonthlyReport(input({ history })).report.use).toEqual({
      appointmentsBooked: 7,
      appointmentsCancelled: 2,
      prescriptionsOrdered: 3,
      prescriptionItemsOrdered: 8,
      recordViews: 4,
      byProxy: 0,
      total: 16,
    });
  });

  it('gives percentages of the list size with 2 decimals, null when the list size is 0', () => {
    const history = [monthWith('2026-11', { any: 1, rec: 1 })];
    expect(
      buildMonthlyReport(input({ history, settings: { ...DEFAULT_SETTINGS, listSize: 3 } })).report.enabledPct,
    ).toEqual({
      appointments: 33.33,
      prescriptions: 33.33,
      detailedRecord: 33.33,
      anyService: 33.33,
    });
    expect(
      buildMonthlyReport(input({ history, settings: { ...DEFAULT_SETTINGS, listSize: 0 } })).report.enabledPct,
    ).toEqual({
      appointments: null,
      prescriptions: null,
      detailedRecord: null,
      anyService: null,
    });
  });

  it('names the month’s last day as periodEnd and the read instant as generatedAt', () => {
    const r = buildMonthlyReport(input({ month: '2028-02', now: new Date('2028-02-10T12:00:00Z') })).report;
    expect(r.periodEnd).toBe('2028-02-29');
    expect(r.generatedAt).toBe('2028-02-10T12:00:00.000Z');
  });

  it('re-running a month gives identical figures (generatedAt aside)', () => {
    const history = [monthWith('2026-10', { any: 40 }), monthWith('2026-11', { any: 10 }, { recordViews: 3 })];
    const a = buildMonthlyReport(input({ history, now: new Date('2026-12-01T02:00:00Z') }));
    const b = buildMonthlyReport(input({ history: [...history].reverse(), now: new Date('2026-12-03T08:00:00Z') }));
    expect({ ...a.report, generatedAt: '' }).toEqual({ ...b.report, generatedAt: '' });
    expect(a.trend).toEqual(b.trend);
  });
});

describe('growth and target', () => {
  // 13 months of history: 100 enabled at the end of Nov 2025, then +10 a month.
  const history = [
    monthWith('2025-11', { any: 100 }),
    ...Array.from({ length: 12 }, (_, i) => monthWith(addMonths('2025-12', i), { any: 10 })),
  ];
  const allReported = new Set(Array.from({ length: 12 }, (_, i) => addMonths('2026-11', -(i + 1))));

  it('measures year-on-year growth against the same month a year before, reported or not', () => {
    const reported = buildMonthlyReport(input({ history, reportedMonths: allReported }));
    const { report, baseline } = buildMonthlyReport(input({ history }));
    expect({ ...report, generatedAt: '' }).toEqual({ ...reported.report, generatedAt: '' });
    expect(report.enabled.anyService).toBe(220);
    expect(baseline).toEqual({ previousMonth: 210, previousYear: 100 });
    expect(report.growth).toEqual({ monthOnMonthPct: 4.76, yearOnYearPct: 120 });
    expect(report.target).toEqual({ annualGrowthTarget: 0.1, onTrack: true });
  });

  it('has no growth before the practice’s first data', () => {
    const { report } = buildMonthlyReport(input({ history: [monthWith('2026-11', { any: 5 })] }));
    expect(report.growth).toEqual({ monthOnMonthPct: null, yearOnYearPct: null });
    expect(report.target.onTrack).toBeNull();
  });

  it('judges the target on month-on-month growth compounded when the practice is under a year old', () => {
    const { report } = buildMonthlyReport(input({ history: history.slice(2) }));
    expect(report.growth.yearOnYearPct).toBeNull();
    // (1 + 10/210)^12 − 1 ≈ 75% a year ≥ 10%
    expect(report.target.onTrack).toBe(true);
  });

  it('is behind target when growth is below it', () => {
    expect(onTrack(0.1, { monthOnMonthPct: null, yearOnYearPct: 9.99 })).toBe(false);
    expect(onTrack(0.1, { monthOnMonthPct: null, yearOnYearPct: 10 })).toBe(true);
    expect(onTrack(0.1, { monthOnMonthPct: 0.5, yearOnYearPct: null })).toBe(false);
    expect(onTrack(0, { monthOnMonthPct: -1, yearOnYearPct: null })).toBe(false);
    expect(growthPct(5, 0)).toBeNull();
  });

  it('draws 12 months of trend ending with the month, using earlier reports’ list sizes', () => {
    const { trend } = buildMonthlyReport(
      input({ history, reportedMonths: new Set(['2026-01']), reportedListSizes: new Map([['2026-01', 500]]) }),
    );
    expect(trend.map((t) => t.month)).toEqual(Array.from({ length: 12 }, (_, i) => addMonths('2025-12', i)));
    expect(trend[1]).toMatchObject({ month: '2026-01', listSize: 500, enabledPct: { anyService: 24 } });
    expect(trend[1]!.noData).toBeUndefined();
    expect(trend[11]).toMatchObject({ listSize: 1000, enabled: { anyService: 220 }, enabledPct: { anyService: 22 } });
    expect(trend[11]!.noData).toBeUndefined();
  });

  it('marks the trend’s months without a stored report, and those before the first data, as without data', () => {
    const { trend } = buildMonthlyReport(
      input({ history: history.slice(6), reportedMonths: new Set(['2026-06', '2026-08']) }),
    );
    expect(trend.map((t) => [t.month, t.noData ?? 'data'])).toEqual([
      ['2025-12', 'before-first-data'],
      ['2026-01', 'before-first-data'],
      ['2026-02', 'before-first-data'],
      ['2026-03', 'before-first-data'],
      ['2026-04', 'before-first-data'],
      ['2026-05', 'not-generated'],
      ['2026-06', 'data'],
      ['2026-07', 'not-generated'],
      ['2026-08', 'data'],
      ['2026-09', 'not-generated'],
      ['2026-10', 'not-generated'],
      ['2026-11', 'data'],
    ]);
  });
});

describe('a report counted from a stored month-end', () => {
  const month = '2026-11';
  /** What the store reads with an anchor: the months after it, and the report's own 12. */
  const readFrom = (history: MonthCounters[], anchorMonth: string) =>
    history.filter((m) => m.month > anchorMonth || m.month >= addMonths(month, -11));
  const gappy = (from: string, count: number) =>
    Array.from({ length: count }, (_, i) => addMonths(from, i))
      .filter((_, i) => i % 5 !== 3)
      .map((m, i) => monthWith(m, { any: (i % 4) - 1 + (i % 3), rec: i % 2 }, { appointmentsBooked: i }));

  it.each([
    ['36 months of history', gappy('2023-12', 36)],
    ['data only from inside the trend', gappy('2026-04', 8)],
    ['no data at all', []],
  ])(
    'gives the same report, trend and baselines as the whole history, whichever month it anchors on (%s)',
    (_, history) => {
      const whole = buildMonthlyReport(input({ month, history }));
      for (let back = 30; back >= 0; back--) {
        const anchorMonth = addMonths(month, -back);
        const anchor = monthEndOf(history, anchorMonth);
        const anchored = buildMonthlyReport(input({ month, history: readFrom(history, anchorMonth), anchor }));
        expect(anchored, `anchored on ${anchorMonth}`).toEqual(whole);
      }
    },
  );

  it('stores the first data month only once it has come', () => {
    const history = [monthWith('2026-05', { any: 3 }), monthWith('2026-07', { any: 2 })];
    expect(monthEndOf(history, '2026-04')).toEqual({
      month: '2026-04',
      enabled: { appointments: 0, prescriptions: 0, detailedRecord: 0, anyService: 0 },
    });
    expect(monthEndOf(history, '2026-06')).toMatchObject({ firstDataMonth: '2026-05', enabled: { anyService: 3 } });
  });

  it('takes a month as settled two days after its end in the practice’s time zone', () => {
    expect(latestSettledMonth(new Date('2026-12-01T02:00:00Z'), 'Europe/London')).toBe('2026-10');
    expect(latestSettledMonth(new Date('2026-12-02T23:59:59Z'), 'Europe/London')).toBe('2026-10');
    expect(latestSettledMonth(new Date('2026-12-03T00:00:00Z'), 'Europe/London')).toBe('2026-11');
    // 00:00 on 1 July in London is 23:00 on 30 June UTC.
    expect(latestSettledMonth(new Date('2026-07-02T23:00:00Z'), 'Europe/London')).toBe('2026-06');
  });
});

describe('the stack-wide summary', () => {
  it('adds up practices, takes percentages of the combined list and growth over practices with a base', () => {
    const a = buildMonthlyReport(
      input({
        history: [
          monthWith('2026-10', { any: 100 }),
          monthWith('2026-11', { any: 10 }, { appointmentsBooked: 5, recordViews: 1 }),
        ],
        reportedMonths: new Set(['2026-10']),
      }),
    );
    const b = buildMonthlyReport(
      input({
        ods: 'A99002',
        settings: { ...DEFAULT_SETTINGS, listSize: 3000 },
        history: [monthWith('2026-11', { any: 90 }, { prescriptionsOrdered: 2, prescriptionItemsOrdered: 5 })],
      }),
    );
    const summary = summarize('2026-11', new Date('2026-12-01T02:00:00Z'), [
      { name: 'Riverside', report: a.report, baseline: a.baseline },
      { name: 'Hillview', report: b.report, baseline: b.baseline },
    ]);
    expect(summary).toMatchObject({
      month: '2026-11',
      periodEnd: '2026-11-30',
      practices: 2,
      listSize: 4000,
      enabled: { anyService: 200 },
      enabledPct: { anyService: 5 },
      use: { appointmentsBooked: 5, prescriptionsOrdered: 2, prescriptionItemsOrdered: 5, recordViews: 1, total: 8 },
      usePerService: { appointments: 5, prescriptions: 2, detailedRecord: 1 },
      // Only Riverside has a previous month: 110 against 100.
      growth: { monthOnMonthPct: 10, yearOnYearPct: null },
    });
    expect(summary.byPractice.map((p) => p.practice)).toEqual(['A99001', 'A99002']);
  });
});

describe('the recount (rollup --verify)', () => {
  const oct = monthBounds('2026-10', 'Europe/London');
  const on = { appointments: true, prescriptions: true, detailedRecord: false };
  const off = { appointments: false, prescriptions: false, detailedRecord: false };

  it('counts use one activity entry at a time, ignoring changes of services', () => {
    const entries: ActivityEntry[] = [
      { kind: 'appointment-booked', at: '2026-10-01T08:00:00Z', ref: 'a1' },
      { kind: 'appointment-cancelled', at: '2026-10-02T08:00:00Z', ref: 'a1' },
      { kind: 'prescription-ordered', at: '2026-10-03T08:00:00Z', ref: 'p1', items: 3 },
      { kind: 'record-viewed', at: '2026-10-04T08:00:00Z', ref: 'v1' },
      {
        kind: 'services-changed',
        at: '2026-10-05T08:00:00Z',
        ref: '9990000018',
        before: off,
        after: on,
        firstEnabled: true,
      },
    ];
    expect(recountUse(entries)).toEqual({
      appointmentsBooked: 1,
      appointmentsCancelled: 1,
      prescriptionsOrdered: 1,
      prescriptionItemsOrdered: 3,
      recordViews: 1,
      byProxy: 0,
    });
  });

  it('rebuilds who was enabled at the month’s end by undoing later changes, newest first', () => {
    const patients = [
      { nhsNumber: 'A', flags: off, firstEnabledAt: '2026-09-30T23:30:00Z' }, // 00:30 BST on 1 Oct: October
      { nhsNumber: 'B', flags: on, firstEnabledAt: '2026-11-01T00:10:00Z' }, // November (GMT)
      { nhsNumber: 'C', flags: on, firstEnabledAt: '2026-09-30T22:30:00Z' }, // 23:30 BST on 30 Sep: September
    ];
    const later: Extract<ActivityEntry, { kind: 'services-changed' }>[] = [
      { kind: 'services-changed', at: '2026-11-01T00:10:00Z', ref: 'B', before: off, after: on, firstEnabled: true },
      {
        kind: 'services-changed',
        at: '2026-11-02T09:00:00Z',
        ref: 'A',
        before: { ...on, detailedRecord: true },
        after: on,
        firstEnabled: false,
      },
      { kind: 'services-changed', at: '2026-11-03T09:00:00Z', ref: 'A', before: on, after: off, firstEnabled: false },
    ];
    expect(recountEnabled(patients, later, oct)).toEqual({
      appointments: 2,
      prescriptions: 2,
      detailedRecord: 1,
      anyService: 2,
      newInMonth: 1,
    });
  });

  it('lists every figure that differs, readably', () => {
    const report = buildMonthlyReport(
      input({ history: [monthWith('2026-11', { any: 2 }, { appointmentsBooked: 3 })] }),
    ).report;
    const recount = { enabled: { ...report.enabled }, use: { ...report.use, appointmentsBooked: 2 } };
    expect(differences(report, recount)).toEqual([
      { field: 'use.appointmentsBooked', reported: 3, recounted: 2 },
      { field: 'use.total', reported: 3, recounted: 2 },
    ]);
    expect(differences(report, { enabled: report.enabled, use: report.use })).toEqual([]);
  });
});
