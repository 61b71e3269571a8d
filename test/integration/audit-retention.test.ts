import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Practice, PracticeSettings } from '../../functions/schemas/practice.ts';
import { db, tableName } from '../../functions/store/client.ts';
import { keys } from '../../functions/store/keys.ts';
import { registeredPatient, startTestApi, type TestApi } from '../support/local-api.ts';
import { testNhsNumber } from '../support/nhs.ts';

/**
 * A practice's `auditRetentionYears`: unset, audit entries are kept indefinitely (no expiry);
 * set, every entry written from then on carries the table's TTL attribute, that many years after
 * it was made; cleared with null, entries written after that are kept indefinitely again.
 */
type Problem = { code: string; errors?: { path: string; message: string }[] };
type AuditItem = { auditId: string; at: string; action: string; role?: string; expiresAt?: number };

const PRACTICE = 'A99002';
const PATIENT = testNhsNumber(70);
const YEAR_MS = 365.25 * 24 * 3_600_000;

let api: TestApi;
let staff: string;
let patient: string;

const putSettings = (body: unknown) =>
  api.request<PracticeSettings & Problem>('PUT', '/staff/practice/settings', { token: staff, body });

/** The practice's audit entries as stored, newest first. */
async function storedAudit(): Promise<AuditItem[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.auditPartition(PRACTICE) },
      ScanIndexForward: false,
      ConsistentRead: true,
    }),
  );
  return (out.Items ?? []) as AuditItem[];
}

/** Views the patient's record and answers the audit entry it wrote. */
async function viewRecord(): Promise<AuditItem> {
  const before = new Set((await storedAudit()).map((e) => e.auditId));
  expect((await api.request('GET', '/record', { token: patient })).status).toBe(200);
  const written = (await storedAudit()).filter((e) => !before.has(e.auditId));
  expect(written.map((e) => e.action)).toEqual(['view']);
  return written[0]!;
}

const yearsUntilExpiry = (entry: AuditItem) => (entry.expiresAt! * 1000 - Date.parse(entry.at)) / YEAR_MS;

beforeAll(async () => {
  api = await startTestApi();
  staff = await api.tokenFor({ role: 'staff', practice: PRACTICE });
  patient = await registeredPatient(api, {
    staff,
    practice: PRACTICE,
    nhsNumber: PATIENT,
    name: 'Retention Patient',
    dateOfBirth: '1980-02-29',
    services: { appointments: true, prescriptions: true, record: 'detailed' },
  });
});

afterAll(async () => {
  await api?.stop();
});

describe('practice setting auditRetentionYears', () => {
  it('is unset by default, and audit entries are then kept indefinitely', async () => {
    const practice = await api.request<Practice>('GET', '/staff/practice', { token: staff });
    expect(practice.json.settings.auditRetentionYears).toBeNull();
    expect((await viewRecord()).expiresAt).toBeUndefined();
  });

  it('gives every audit entry written while it is set an expiry that many years after it was made', async () => {
    const set = await putSettings({ auditRetentionYears: 8 });
    expect(set.status).toBe(200);
    expect(set.json.auditRetentionYears).toBe(8);
    const seen = await api.request<Practice>('GET', '/practice', { token: patient });
    expect(seen.json.settings.auditRetentionYears).toBe(8);

    const view = await viewRecord();
    expect(yearsUntilExpiry(view)).toBeCloseTo(8, 1);
    expect(new Date(view.expiresAt! * 1000).toISOString().slice(4)).toBe(
      new Date(Date.parse(view.at))
        .toISOString()
        .slice(4)
        .replace(/\.\d{3}Z$/, '.000Z'),
    );
    // Staff work is audited the same way.
    expect((await api.request('GET', `/staff/patients/${PATIENT}/record`, { token: staff })).status).toBe(200);
    const [staffRead] = await storedAudit();
    expect(staffRead).toMatchObject({ action: 'view', role: 'staff' });
    expect(yearsUntilExpiry(staffRead!)).toBeCloseTo(8, 1);
  });

  it('keeps the setting when an admin changes the practice’s details', async () => {
    const admin = await api.tokenFor({ role: 'admin' });
    const changed = await api.request('PUT', `/admin/practices/${PRACTICE}`, {
      token: admin,
      body: { name: 'Hillview Surgery (renamed)' },
    });
    expect(changed.status).toBe(200);
    const [adminEntry] = await storedAudit();
    expect(adminEntry).toMatchObject({ action: 'change-registry' });
    expect(yearsUntilExpiry(adminEntry!)).toBeCloseTo(8, 1);
    expect(yearsUntilExpiry(await viewRecord())).toBeCloseTo(8, 1);
  });

  it('is cleared with null: entries written after that are kept indefinitely, earlier ones keep their expiry', async () => {
    const earlier = (await storedAudit()).filter((e) => e.expiresAt !== undefined).length;
    const cleared = await putSettings({ auditRetentionYears: null });
    expect(cleared.status).toBe(200);
    expect(cleared.json.auditRetentionYears).toBeNull();
    expect((await viewRecord()).expiresAt).toBeUndefined();
    // A change is audited under the setting that stood when it was asked for: setting it (above)
    // wrote no expiry, clearing it writes one.
    const expiring = (await storedAudit()).filter((e) => e.expiresAt !== undefined);
    expect(expiring.map((e) => e.action).filter((a) => a === 'change-settings')).toHaveLength(1);
    expect(expiring).toHaveLength(earlier + 1);
  });

  it.each([0, 101, 2.5, '5', -1])('refuses %j with 400 validation-failed, saying what it takes', async (value) => {
    const res = await putSettings({ auditRetentionYears: value });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.json.code).toBe('validation-failed');
    expect(res.json.errors?.map((e) => e.path)).toEqual(['auditRetentionYears']);
    expect(res.json.errors?.[0]?.message).toMatch(
      typeof value === 'number' ? /whole number of years from 1 to 100/ : /number/,
    );
  });
});
