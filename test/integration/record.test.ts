import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localMonth } from '../../functions/domain/time.ts';
import type { AuditEntry, PatientRecordView, RecordContent, StoredRecord } from '../../functions/schemas/record.ts';
import { readMonthCounters } from '../../functions/store/reports.ts';
import { startTestApi, type TestApi } from '../support/local-api.ts';
import { aDemoPatient, aFreshNhsNumber } from '../support/builders.ts';

/**
 * Record access end to end, as a new user meets it: local mode with the demo seed, real HTTP,
 * DynamoDB Local underneath (so "audited exactly once" is DynamoDB's transactions, not a mock's).
 */
type Page<T> = { items: T[]; nextToken?: string };
type Problem = { code: string; detail: string; errors?: { path: string }[] };

const A = 'A99001';
const B = 'A99002';
// Demo patients found by what the tests need of them, not by number.
const OLIVIA = aDemoPatient(A, { record: 'detailed' });
const MOHAMMED = aDemoPatient(A, { record: 'summary', appointments: true });
const CHLOE = aDemoPatient(A, { record: 'none' });
const SIOBHAN = aDemoPatient(B, { record: 'detailed' });

let api: TestApi;
let staffA: string;
let staffB: string;

const patientToken = (practice: string, nhsNumber: string) => api.tokenFor({ role: 'patient', practice, nhsNumber });
async function viewRecord(practice: string, nhsNumber: string) {
  return api.request<PatientRecordView & Problem>('GET', '/record', { token: await patientToken(practice, nhsNumber) });
}
const audit = (token: string, query = '') =>
  api.request<Page<AuditEntry> & Problem>('GET', `/staff/audit${query}`, { token });

/** Every audit entry the practice's staff can see (all pages). */
async function allAudit(token: string, query: Record<string, string> = {}): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let nextToken: string | undefined;
  do {
    const params = new URLSearchParams({ ...query, limit: '100', ...(nextToken ? { nextToken } : {}) });
    const res = await audit(token, `?${params.toString()}`);
    expect(res.status).toBe(200);
    // Record views only: staff reads and changes are in the trail too, tested with practice operations.
    entries.push(...res.json.items.filter((e) => e.action === 'view'));
    nextToken = res.json.nextToken;
  } while (nextToken);
  return entries;
}

/** The practice's `recordViews` counter this month (its shards summed), as the monthly rollup reads it. */
async function recordViewsCounter(practice: string): Promise<number> {
  return (await readMonthCounters(practice, localMonth(new Date(), 'Europe/London'))).use.recordViews;
}

async function register(token: string, nhsNumber: string, name: string, record: 'none' | 'summary' | 'detailed') {
  const res = await api.request('PUT', `/staff/patients/${nhsNumber}`, {
    token,
    body: { name, dateOfBirth: '1970-01-01', services: { appointments: true, prescriptions: true, record } },
  });
  expect([200, 201]).toContain(res.status);
}

const emptyRecord: RecordContent = { allergies: [], problems: [], immunisations: [], testResults: [] };

beforeAll(async () => {
  api = await startTestApi({ seed: true });
  staffA = await api.tokenFor({ role: 'staff', practice: A });
  staffB = await api.tokenFor({ role: 'staff', practice: B });
});
afterAll(async () => {
  await api?.stop();
});

describe('GET /record with the demo data', () => {
  it('shows a detailed-level patient every section of their record', async () => {
    const res = await viewRecord(A, OLIVIA);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.json.level).toBe('detailed');
    expect(res.json.demographics).toEqual({ nhsNumber: OLIVIA, name: 'Olivia Bennett', dateOfBirth: '1984-03-12' });
    expect(res.json.allergies).toContainEqual({
      code: '91936005',
      display: 'Allergy to penicillin',
      date: '2003-06-14',
    });
    expect(res.json.problems).toContainEqual(expect.objectContaining({ code: '195967001', display: 'Asthma' }));
    expect(res.json.immunisations).toContainEqual(expect.objectContaining({ code: '86198006' }));
    expect(res.json.testResults!.length).toBeGreaterThan(0);
    // Current repeat medications come from the repeat list (the prescriptions seed), without ordering bookkeeping.
    expect(res.json.medications.length).toBeGreaterThan(0);
    for (const med of res.json.medications)
      expect(Object.keys(med).sort()).toEqual(['dosage', 'medicationId', 'name', 'quantity']);
  });

  it('shows a summary-level patient demographics, allergies and medications only', async () => {
    const res = await viewRecord(A, MOHAMMED);
    expect(res.status).toBe(200);
    expect(res.json.level).toBe('summary');
    expect(res.json.allergies).toEqual([{ code: '293586001', display: 'Allergy to aspirin', date: '1998-11-23' }]);
    expect(res.json.medications.length).toBeGreaterThan(0);
    expect(res.json).not.toHaveProperty('problems');
    expect(res.json).not.toHaveProperty('immunisations');
    expect(res.json).not.toHaveProperty('testResults');
    expect(res.text).not.toContain('diabetes');
  });

  it('refuses a patient whose record access is "none" with 403 service-not-enabled, and does not audit it', async () => {
    const before = await recordViewsCounter(A);
    const res = await viewRecord(A, CHLOE);
    expect(res.status).toBe(403);
    expect(res.json.code).toBe('service-not-enabled');
    expect(await allAudit(staffA, { nhsNumber: CHLOE })).toEqual([]);
    expect(await recordViewsCounter(A)).toBe(before);
  });

  it('shows staff each view in the practice audit trail, newest first', async () => {
    const entries = await allAudit(staffA);
    expect(entries.slice(0, 2)).toEqual([
      {
        at: expect.any(String) as string,
        actor: `patient-${MOHAMMED}`,
        role: 'patient',
        nhsNumber: MOHAMMED,
        action: 'view',
        level: 'summary',
      },
      {
        at: expect.any(String) as string,
        actor: `patient-${OLIVIA}`,
        role: 'patient',
        nhsNumber: OLIVIA,
        action: 'view',
        level: 'detailed',
      },
    ]);
    const times = entries.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
  });
});

describe('a patient only ever reads their own record', () => {
  it('gives a patient registered at A99002 with the same NHS number only A99002’s record', async () => {
    await register(staffB, OLIVIA, 'Olivia Bennett-Hughes', 'detailed');
    const loaded = await api.request<StoredRecord>('PUT', `/staff/patients/${OLIVIA}/record`, {
      token: staffB,
      body: { ...emptyRecord, allergies: [{ code: '300916003', display: 'Latex allergy' }] },
    });
    expect(loaded.status).toBe(200);

    const atB = await viewRecord(B, OLIVIA);
    expect(atB.status).toBe(200);
    expect(atB.json.demographics.name).toBe('Olivia Bennett-Hughes');
    expect(atB.json.allergies).toEqual([{ code: '300916003', display: 'Latex allergy' }]);
    expect(atB.json.problems).toEqual([]);
    expect(atB.text).not.toContain('penicillin');

    const atA = await viewRecord(A, OLIVIA);
    expect(atA.json.demographics.name).toBe('Olivia Bennett');
    expect(atA.text).not.toContain('Latex');
  });

  it('ignores nothing silently: a query naming another patient is refused with 400', async () => {
    const res = await api.request<Problem>('GET', `/record?nhsNumber=${MOHAMMED}`, {
      token: await patientToken(A, OLIVIA),
    });
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('validation-failed');
  });

  it('answers 403 forbidden to a staff token and 401 without a token', async () => {
    const asStaff = await api.request<Problem>('GET', '/record', { token: staffA });
    expect(asStaff.status).toBe(403);
    expect(asStaff.json.code).toBe('forbidden');
    expect((await api.request('GET', '/record')).status).toBe(401);
  });
});

describe('GET /staff/audit', () => {
  it('shows another practice’s staff none of this practice’s views', async () => {
    const atB = await allAudit(staffB);
    // A99002 has seen exactly one view so far: Olivia's at A99002 (above).
    expect(atB).toEqual([
      {
        at: expect.any(String) as string,
        actor: `patient-${OLIVIA}`,
        role: 'patient',
        nhsNumber: OLIVIA,
        action: 'view',
        level: 'detailed',
      },
    ]);
    const atA = await allAudit(staffA, { nhsNumber: OLIVIA });
    expect(atA.length).toBe(2); // her two views at A99001
  });

  it('pages newest first and filters by patient and time window', async () => {
    const first = await audit(staffA, '?limit=1');
    expect(first.json.items).toHaveLength(1);
    expect(first.json.nextToken).toBeDefined();
    const second = await audit(staffA, `?limit=1&nextToken=${encodeURIComponent(first.json.nextToken!)}`);
    expect(second.json.items).toHaveLength(1);
    expect(second.json.items[0]!.at <= first.json.items[0]!.at).toBe(true);
    expect(second.json.items[0]).not.toEqual(first.json.items[0]);

    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await audit(staffA, `?from=${encodeURIComponent(future)}`)).json.items).toEqual([]);
    const today = (
      await allAudit(staffA, { nhsNumber: MOHAMMED, from: new Date(Date.now() - 3_600_000).toISOString() })
    ).length;
    expect(today).toBe(1);
  });

  it('refuses bad filters with 400 and a patient with 403', async () => {
    expect((await audit(staffA, '?from=2026-11-02&to=2026-11-01')).status).toBe(400);
    expect((await audit(staffA, '?nhsNumber=123')).status).toBe(400);
    expect((await audit(await patientToken(A, OLIVIA))).status).toBe(403);
  });
});

describe('audited and counted exactly once per view', () => {
  it('writes one audit entry and one counter increment for each of many concurrent views', async () => {
    const nhsNumber = aFreshNhsNumber();
    await register(staffA, nhsNumber, 'Concurrent Viewer', 'detailed');
    const token = await patientToken(A, nhsNumber);
    const before = await recordViewsCounter(A);

    const results = await Promise.all(
      Array.from({ length: 8 }, () => api.request<Problem>('GET', '/record', { token })),
    );
    const statuses = results.map((r) => r.status);
    // A view that lost every retry on the shared counter is refused whole (503), never half-written.
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    const succeeded = statuses.filter((s) => s === 200).length;
    expect(succeeded).toBeGreaterThan(0);

    const entries = await allAudit(staffA, { nhsNumber });
    expect(entries).toHaveLength(succeeded);
    expect(await recordViewsCounter(A)).toBe(before + succeeded);
  });

  it('refuses every view with 403 while the practice does not offer record access, writing nothing', async () => {
    const before = { counter: await recordViewsCounter(B), audit: (await allAudit(staffB)).length };
    const off = await api.request('PUT', '/staff/practice/settings', {
      token: staffB,
      body: { servicesOffered: { record: false } },
    });
    expect(off.status).toBe(200);
    try {
      const res = await viewRecord(B, SIOBHAN);
      expect(res.status).toBe(403);
      expect(res.json.code).toBe('service-not-enabled');
      expect(res.text).not.toContain('Hypothyroidism');
      expect(await recordViewsCounter(B)).toBe(before.counter);
      expect((await allAudit(staffB)).length).toBe(before.audit);
    } finally {
      await api.request('PUT', '/staff/practice/settings', {
        token: staffB,
        body: { servicesOffered: { record: true } },
      });
    }
    const again = await viewRecord(B, SIOBHAN);
    expect(again.status).toBe(200);
    expect(again.json.problems).toContainEqual(
      expect.objectContaining({ code: '40930008', display: 'Hypothyroidism' }),
    );
    expect(await recordViewsCounter(B)).toBe(before.counter + 1);
  });
});

describe('PUT /staff/patients/{nhsNumber}/record', () => {
  it('replaces the whole record: sections left empty are emptied', async () => {
    const nhsNumber = aFreshNhsNumber();
    await register(staffA, nhsNumber, 'Replace Me', 'detailed');
    const put = (body: RecordContent) =>
      api.request<StoredRecord & Problem>('PUT', `/staff/patients/${nhsNumber}/record`, { token: staffA, body });
    expect(
      (
        await put({
          ...emptyRecord,
          problems: [{ code: '38341003', display: 'Hypertension', date: '2009-08-05' }],
          testResults: [{ display: 'BP 150/95' }],
        })
      ).status,
    ).toBe(200);
    const second = await put({ ...emptyRecord, allergies: [{ code: '91936005', display: 'Allergy to penicillin' }] });
    expect(second.status).toBe(200);
    expect(second.json).toMatchObject({
      nhsNumber,
      allergies: [{ code: '91936005', display: 'Allergy to penicillin' }],
      problems: [],
    });

    const view = await viewRecord(A, nhsNumber);
    expect(view.json).toMatchObject({
      allergies: [{ code: '91936005' }],
      problems: [],
      immunisations: [],
      testResults: [],
    });
    expect(view.json.updatedAt).toBe(second.json.updatedAt);
  });

  it('answers 404 for a patient not registered at the caller’s practice, and refuses invalid content', async () => {
    const notHere = await api.request<Problem>('PUT', `/staff/patients/${MOHAMMED}/record`, {
      token: staffB,
      body: emptyRecord,
    });
    expect(notHere.status).toBe(404);
    expect(notHere.json.code).toBe('not-found');

    const bad = await api.request<Problem>('PUT', `/staff/patients/${OLIVIA}/record`, {
      token: staffA,
      body: { ...emptyRecord, problems: [{ code: '38341004', display: 'Hypertension' }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toEqual([expect.objectContaining({ path: 'problems.0.code' })]);
    // The refused load left Olivia's record as it was.
    expect((await viewRecord(A, OLIVIA)).json.problems).toContainEqual(expect.objectContaining({ code: '195967001' }));
  });
});
