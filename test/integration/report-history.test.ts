import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../functions/domain/clock.ts';
import { randomIds } from '../../functions/domain/ids.ts';
import type { PatientServices } from '../../functions/schemas/patients.ts';
import type { UpdateSettingsBody } from '../../functions/schemas/practice.ts';
import { db, tableName } from '../../functions/store/client.ts';
import type { Deps } from '../../functions/usecases/deps.ts';
import { registerPatient } from '../../functions/usecases/patients.ts';
import { updateSettings } from '../../functions/usecases/practice.ts';
import { viewOwnRecord } from '../../functions/usecases/record.ts';
import { rollupMonth, verifyMonth, type RollupResult } from '../../functions/usecases/report.ts';
import { startTestApi, type TestApi } from '../support/local-api.ts';
import { testNhsNumber } from '../support/nhs.ts';

/**
 * A month's report is a fact: a practice runs through four months (the clock injected through the
 * use cases' deps) with its settings changing within and between them; every month is reported,
 * then the settings change again and every month is re-run: the CSV must be byte-identical and the
 * JSON identical apart from generatedAt, and `verify` must agree with the settings that stood.
 */
const PRACTICE = 'A99001';
const LEGACY = 'A99002';

let api: TestApi;
let instant = new Date('2025-02-10T09:00:00Z');
const clock: Clock = { now: () => new Date(instant) };
const deps: Deps = { clock, ids: randomIds };
const at = (iso: string) => {
  instant = new Date(iso);
};

const settings = (patch: UpdateSettingsBody, ods = PRACTICE) =>
  updateSettings({ role: 'staff', sub: 'staff-history', practice: ods }, patch, undefined, deps);
let patients = 0;
async function register(services: PatientServices): Promise<string> {
  const nhsNumber = testNhsNumber(patients++);
  await registerPatient(
    PRACTICE,
    nhsNumber,
    { name: `Patient ${nhsNumber}`, dateOfBirth: '1970-01-01', services },
    undefined,
    deps,
  );
  return nhsNumber;
}
const view = (nhsNumber: string) =>
  viewOwnRecord({ role: 'patient', sub: `sub-${nhsNumber}`, practice: PRACTICE, nhsNumber }, deps);
const everything: PatientServices = { appointments: true, prescriptions: true, record: 'detailed' };

/** The CSV's value of one POMI field. */
const field = (csv: string, name: string) =>
  csv
    .split('\r\n')
    .find((line) => line.split(',').at(-2) === name)
    ?.split(',')
    .at(-1);
const supplierOf = (csv: string) => csv.split('\r\n')[1]!.split(',')[7];
const withoutGeneratedAt = (r: RollupResult) => ({ ...r.report, generatedAt: '' });

const first = new Map<string, RollupResult>();
let page: { body: string; csp: string };

beforeAll(async () => {
  api = await startTestApi();

  // February: nothing changed yet, nothing happened.
  // March (BST from the 30th): settings set, three patients, record views; the list size changes
  // once more at 23:30 BST on the 31st, still March in London.
  at('2025-03-05T10:00:00Z');
  await settings({ listSize: 1000, systemSupplier: 'SUPPLIER-A', annualGrowthTarget: 0.2 });
  const [a, b] = [await register(everything), await register(everything)];
  await register({ appointments: true, prescriptions: false, record: 'none' });
  at('2025-03-20T10:00:00Z');
  await view(a);
  await view(b);
  at('2025-03-31T22:30:00Z');
  await settings({ listSize: 1100 });

  // April: record access withdrawn at 01:30 BST on the 1st; a new supplier; two more patients.
  at('2025-04-01T00:30:00Z');
  await settings({ servicesOffered: { record: false } });
  at('2025-04-10T10:00:00Z');
  await settings({ systemSupplier: 'SUPPLIER-B' });
  await register({ appointments: true, prescriptions: true, record: 'none' });
  await register(everything);

  // May: a new list size and target; record access back.
  at('2025-05-15T10:00:00Z');
  await settings({ listSize: 1200, annualGrowthTarget: 0.05, servicesOffered: { record: true } });
  await view(a);

  // The months reported after they ended (February and March on 2 April, April on 1 May), with
  // later settings already in the table: the history is what makes each month read its own.
  at('2025-04-02T02:00:00Z');
  first.set('2025-02', await rollupMonth(PRACTICE, '2025-02', deps));
  first.set('2025-03', await rollupMonth(PRACTICE, '2025-03', deps));
  at('2025-05-01T00:10:00Z');
  first.set('2025-04', await rollupMonth(PRACTICE, '2025-04', deps));

  // June, the month in progress: another change, reported to date while May's report was never
  // generated; its page, as staff get it.
  at('2025-06-10T10:00:00Z');
  await settings({ listSize: 1250 });
  await register({ appointments: false, prescriptions: true, record: 'summary' });
  first.set('2025-06', await rollupMonth(PRACTICE, '2025-06', deps));
  const staff = await api.tokenFor({ role: 'staff', practice: PRACTICE });
  const res = await api.request('GET', '/staff/reports/monthly/2025-06?format=html', { token: staff });
  expect(res.status).toBe(200);
  page = { body: res.text, csp: res.headers.get('content-security-policy') ?? '' };

  // May, generated late.
  at('2025-06-11T08:00:00Z');
  first.set('2025-05', await rollupMonth(PRACTICE, '2025-05', deps));

  // Later still: every setting changes again, several times.
  for (const [i, day] of ['2025-06-20', '2025-07-03', '2025-08-19'].entries()) {
    at(`${day}T12:00:00Z`);
    await settings({
      listSize: 5000 + i,
      systemSupplier: `LATER-${i}`,
      annualGrowthTarget: 0.5 + i / 10,
      servicesOffered: { appointments: i % 2 === 1, prescriptions: false, record: i % 2 === 0 },
    });
  }
  at('2025-08-20T09:00:00Z');
});

afterAll(async () => {
  await api?.stop();
});

describe('a month’s report takes the settings that stood at its end', () => {
  it('uses the defaults before the first recorded change', () => {
    const february = first.get('2025-02')!;
    expect(february.report.listSize).toBe(0);
    expect(february.report.target.annualGrowthTarget).toBe(0.1);
    expect(supplierOf(february.csv)).toBe('PATIENT-ONLINE');
    expect(field(february.csv, 'Sys_DetCodeRec_Enbld')).toBe('2');
  });

  it('takes a change at 23:30 BST on the last day into that month, and one at 01:30 BST on the 1st into the next', () => {
    const march = first.get('2025-03')!;
    expect(march.report).toMatchObject({
      listSize: 1100,
      target: { annualGrowthTarget: 0.2 },
      enabled: { anyService: 3 },
      use: { recordViews: 2 },
    });
    expect(supplierOf(march.csv)).toBe('SUPPLIER-A');
    expect(field(march.csv, 'Sys_DetCodeRec_Enbld')).toBe('2');
    const april = first.get('2025-04')!;
    expect(april.report.listSize).toBe(1100);
    expect(supplierOf(april.csv)).toBe('SUPPLIER-B');
    expect(field(april.csv, 'Sys_DetCodeRec_Enbld')).toBe('1');
    expect(first.get('2025-05')!.report).toMatchObject({ listSize: 1200, target: { annualGrowthTarget: 0.05 } });
    expect(field(first.get('2025-05')!.csv, 'Sys_DetCodeRec_Enbld')).toBe('2');
    expect(first.get('2025-06')!.report.listSize).toBe(1250);
  });

  it('re-runs every past month after later changes with byte-identical CSV and the same JSON', async () => {
    for (const month of ['2025-02', '2025-03', '2025-04', '2025-05']) {
      const again = await rollupMonth(PRACTICE, month, deps);
      expect(again.csv, month).toBe(first.get(month)!.csv);
      expect(JSON.stringify(withoutGeneratedAt(again)), month).toBe(
        JSON.stringify(withoutGeneratedAt(first.get(month)!)),
      );
      expect(again.report.generatedAt).not.toBe(first.get(month)!.report.generatedAt);
    }
  });

  it('re-runs the month that was in progress with the settings at its end', async () => {
    const june = await rollupMonth(PRACTICE, '2025-06', deps);
    expect(june.report.listSize).toBe(5000);
    expect(supplierOf(june.csv)).toBe('LATER-0');
  });

  it('verifies the settings too: a report that disagrees with the history is a difference', async () => {
    for (const month of ['2025-03', '2025-04', '2025-05']) {
      expect((await verifyMonth(first.get(month)!, deps)).differences, month).toEqual([]);
    }
    const march = first.get('2025-03')!;
    const tampered = {
      report: { ...march.report, listSize: 5002 },
      context: { ...march.context, systemSupplier: 'LATER-2' },
    };
    expect((await verifyMonth(tampered, deps)).differences).toEqual([
      { field: 'settings.listSize', reported: 5002, recounted: 1100 },
      { field: 'settings.systemSupplier', reported: 'LATER-2', recounted: 'SUPPLIER-A' },
    ]);
  });
});

describe('settings stored before their history was kept', () => {
  it('stand from when they were set, and keep standing for those months after the next change', async () => {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          PK: `PRACTICE#${LEGACY}`,
          SK: 'SETTINGS',
          entity: 'practice-settings',
          settings: { listSize: 700, systemSupplier: 'OLD-SUPPLIER' },
          version: 3,
          updatedAt: '2025-03-10T09:00:00.000Z',
        },
      }),
    );
    const before = await rollupMonth(LEGACY, '2025-02', deps);
    const since = await rollupMonth(LEGACY, '2025-03', deps);
    expect(before.report.listSize).toBe(0);
    expect(since.report.listSize).toBe(700);
    expect(supplierOf(since.csv)).toBe('OLD-SUPPLIER');

    await settings({ listSize: 800 }, LEGACY);
    expect((await rollupMonth(LEGACY, '2025-03', deps)).csv).toBe(since.csv);
    expect((await rollupMonth(LEGACY, '2025-02', deps)).csv).toBe(before.csv);
    expect((await rollupMonth(LEGACY, '2025-08', deps)).report.listSize).toBe(800);
  });
});

describe('the report page of a practice with three months of data (March, April, June)', () => {
  const months = ['Jul 2024', 'Aug 2024', 'Sep 2024', 'Oct 2024', 'Nov 2024', 'Dec 2024', 'Jan 2025', 'Feb 2025'];

  it('stays script-free under its strict CSP', () => {
    expect(page.csp).toContain("default-src 'none'");
    expect(page.body).not.toMatch(/<script|<link|<img|@import|url\(|\ssrc=|\shref=|\son[a-z]+=/i);
  });

  it('labels the months with the whole year', () => {
    for (const month of [...months, 'Mar 2025', 'Apr 2025', 'May 2025', 'Jun 2025']) {
      const [name, year] = month.split(' ');
      expect(page.body).toMatch(
        new RegExp(
          `text-anchor="middle"><tspan x="[\\d.]+">${name}</tspan><tspan x="[\\d.]+" dy="15">${year}</tspan></text>`,
        ),
      );
    }
    expect(page.body).not.toMatch(/>[A-Z][a-z]{2} \d{2}</);
  });

  it('draws the months without data as gaps saying so, never as a point or bar at zero', () => {
    // Each chart: eight months before the first data and May (no report stored).
    expect(page.body.match(/class="nodata"[^>]*>no data</g)).toHaveLength(2 * 9);
    for (const month of [...months, 'May 2025']) {
      expect(page.body).not.toMatch(new RegExp(`<title>[^<]+, ${month}: [^<]+</title></(circle|rect)>`));
    }
    expect(page.body).toMatch(/<title>Any service, Mar 2025: [^<]+<\/title><\/circle>/);
    // The enabled line stops before May and starts again in June.
    const anyService = /<path d="([^"]+)" fill="none" stroke="#212b32"/.exec(page.body)![1]!;
    expect(anyService.match(/M/g)).toHaveLength(2);
  });

  it('has a table of each chart’s figures, with the gaps in words', () => {
    const tables = page.body.match(/<table class="chart-data">.*?<\/table>/g)!;
    expect(tables).toHaveLength(2);
    for (const table of tables) {
      expect(table.match(/<tr><th scope="row">/g)).toHaveLength(12);
      expect(table).toContain('<th scope="row">May 2025</th><td colspan');
      expect(table).toContain('no data (no report stored)');
      expect(table).toContain('no data (before the practice’s first data)');
    }
    expect(tables[0]).toMatch(/<th scope="row">Mar 2025<\/th><td class="num">3 · 0.27%<\/td>/);
    expect(tables[1]).toMatch(
      /<th scope="row">Mar 2025<\/th>(<td class="num">[^<]*<\/td>){2}<td class="num">2<\/td><td class="num">2<\/td>/,
    );
  });

  it('writes each bar’s total above it, so it prints', () => {
    expect(page.body.match(/class="bar-value"[^>]*>\d+</g)).toHaveLength(3);
  });

  it('names the missing month and how to generate it', () => {
    expect(page.body).toContain('no report was stored for May 2025');
    expect(page.body).toContain('npm run rollup -- --month 2025-05 --practice A99001');
    expect(page.body).toContain('POST /staff/reports/monthly/2025-05');
    expect(page.body).toContain('the scheduled run on the 1st of each month');
  });

  it('says "to date (period ends …)" for the month in progress, also in the POMI section', () => {
    const mentions = page.body.match(/to date \(period ends 30 June 2025\)/g)!;
    expect(mentions.length).toBeGreaterThanOrEqual(3);
    expect(page.body).toMatch(/POMI return<\/h2><p class="note">[^<]*to date \(period ends 30 June 2025\)/);
    expect(page.body).not.toContain('report period end');
  });
});
