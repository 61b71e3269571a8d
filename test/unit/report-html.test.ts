import { describe, expect, it } from 'vitest';
import { formatPercent, niceTicks, renderReportPage, tickLabels } from '../../functions/render/report-html.ts';
import { buildMonthlyReport, emptyMonth } from '../../functions/domain/report-figures.ts';
import { DEFAULT_SETTINGS } from '../../functions/schemas/practice.ts';

const distinct = (labels: string[]) => new Set(labels).size === labels.length;

describe('percent labels on the report page', () => {
  it('shows a few patients of a large list with enough decimals, never as 0%', () => {
    expect(formatPercent(0.04)).toBe('0.04%');
    expect(formatPercent(0.5)).toBe('0.5%');
    expect(formatPercent(0.004)).toBe('<0.01%');
    expect(formatPercent(0)).toBe('0%');
  });

  it('uses one decimal from 1% up, and never rounds a nearly full list to 100%', () => {
    expect(formatPercent(27.33)).toBe('27.3%');
    expect(formatPercent(26)).toBe('26%');
    expect(formatPercent(99.96)).toBe('99.96%');
    expect(formatPercent(100)).toBe('100%');
    expect(formatPercent(-12.34)).toBe('-12.3%');
    expect(formatPercent(null)).toBe('—');
  });
});

describe('axis ticks on the report page', () => {
  it('steps by 1, 2 or 5 × 10ⁿ from 0 to the first tick at or above the maximum', () => {
    expect(niceTicks(27.33)).toEqual([0, 10, 20, 30]);
    expect(niceTicks(1775, { integer: true })).toEqual([0, 500, 1000, 1500, 2000]);
    expect(niceTicks(0.04)).toEqual([0, 0.01, 0.02, 0.03, 0.04]);
    expect(niceTicks(0.01)).toEqual([0, 0.005, 0.01]);
  });

  it('counts in whole numbers, without gaps, however small the counts', () => {
    expect(niceTicks(3, { integer: true })).toEqual([0, 1, 2, 3]);
    expect(niceTicks(5, { integer: true })).toEqual([0, 2, 4, 6]);
    expect(niceTicks(1, { integer: true })).toEqual([0, 1]);
    expect(niceTicks(0, { integer: true })).toEqual([0, 1]);
  });

  it('labels every tick of an axis with the same decimals, so no two labels repeat', () => {
    expect(tickLabels(niceTicks(0.04), '%')).toEqual(['0.00%', '0.01%', '0.02%', '0.03%', '0.04%']);
    expect(tickLabels(niceTicks(0.01), '%')).toEqual(['0.000%', '0.005%', '0.010%']);
    expect(tickLabels(niceTicks(1775, { integer: true }), '')).toEqual(['0', '500', '1,000', '1,500', '2,000']);
    for (const max of [0.003, 0.04, 0.7, 3, 27.33, 99.5, 4321]) {
      expect(distinct(tickLabels(niceTicks(max), '%'))).toBe(true);
      expect(distinct(tickLabels(niceTicks(max, { integer: true }), ''))).toBe(true);
    }
  });
});

describe('the report page for a new practice (4 of 9,000 patients enabled)', () => {
  const month = emptyMonth('2026-11');
  month.enabledChange = { enabledAny: 4, enabledAppointments: 3, enabledPrescriptions: 3, enabledDetailedRecord: 1 };
  month.newEnabled = 4;
  month.use = { ...month.use, appointmentsBooked: 1, prescriptionsOrdered: 1, recordViews: 1 };
  const built = buildMonthlyReport({
    ods: 'A99001',
    month: '2026-11',
    now: new Date('2026-11-26T10:00:00Z'),
    settings: { ...DEFAULT_SETTINGS, listSize: 9000 },
    history: [month],
    reportedMonths: new Set(),
    reportedListSizes: new Map(),
  });
  const page = renderReportPage({
    ...built,
    context: {
      practice: {
        ods: 'A99001',
        name: 'Riverside',
        regionCode: 'Y56',
        regionName: 'London',
        subIcbCode: '93C',
        subIcbName: 'NCL',
      },
      systemSupplier: 'PATIENT-ONLINE',
      servicesOffered: DEFAULT_SETTINGS.servicesOffered,
    },
    toDate: true,
  });

  it('writes the shares with their decimals', () => {
    expect(page).toContain('0.04% of 9,000 registered');
    expect(page).toContain('3 · 0.03%');
    expect(page).not.toMatch(/>\d+ · 0%</);
  });

  it('sets a text value such as "Not yet known" in the smaller, wrapping font', () => {
    expect(page).toMatch(/class="card-value text flat">Not yet known</);
  });

  it('dashes a line drawn over an identical one and says so in the legend', () => {
    expect(page).toContain('stroke="#007f3b" stroke-width="2.5" stroke-dasharray="8 8"');
    expect(page).toContain('(dashed: same as Appointments)');
  });
});

describe('the report page: getting patients online', () => {
  const october = emptyMonth('2026-10');
  october.enabledChange = {
    enabledAny: 40,
    enabledAppointments: 40,
    enabledPrescriptions: 30,
    enabledDetailedRecord: 5,
  };
  october.onboarding = { invitationsIssued: 25, accountsLinked: 9 };
  october.use = { ...october.use, appointmentsBooked: 6 };
  const november = emptyMonth('2026-11');
  november.enabledChange = { enabledAny: 2, enabledAppointments: 2, enabledPrescriptions: 0, enabledDetailedRecord: 0 };
  november.onboarding = { invitationsIssued: 17, accountsLinked: 11 };
  november.use = { ...november.use, appointmentsBooked: 20, recordViews: 3 };
  const built = buildMonthlyReport({
    ods: 'A99001',
    month: '2026-11',
    now: new Date('2026-12-01T02:00:00Z'),
    settings: { ...DEFAULT_SETTINGS, listSize: 9000 },
    history: [october, november],
    reportedMonths: new Set(['2026-10']),
    reportedListSizes: new Map([['2026-10', 9000]]),
  });
  const page = renderReportPage({
    ...built,
    context: {
      practice: { ods: 'A99001', name: 'Riverside' },
      systemSupplier: 'PATIENT-ONLINE',
      servicesOffered: DEFAULT_SETTINGS.servicesOffered,
    },
    toDate: false,
  });
  const section = page.slice(page.indexOf('<h2>Getting patients online</h2>'));
  const row = (month: string) =>
    new RegExp(`<th scope="row">${month}</th>((?:<td[^>]*>[^<]*</td>)+)</tr>`).exec(section)?.[1];
  const cells = (html: string | undefined) => [...(html ?? '').matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);

  it('shows the month as steps: registered, invited, linked, used', () => {
    expect(section).toMatch(/Registered for online services.*42/s);
    expect(section).toMatch(/Invited \(registration letters\).*17/s);
    expect(section).toMatch(/Linked their own sign-in.*11/s);
    expect(section).toMatch(/Used: online actions.*23/s);
  });

  it('shows the same steps for each of the 12 months, with months without data said so', () => {
    expect(section).toContain('<caption>Getting patients online over 12 months</caption>');
    expect(cells(row('Oct 2026'))).toEqual(['40', '25', '9', '6']);
    expect(cells(row('Nov 2026'))).toEqual(['42', '17', '11', '23']);
    expect(section).toMatch(/<th scope="row">Dec 2025<\/th><td colspan="4">no data/);
  });
});
