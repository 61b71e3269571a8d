import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/routes.ts';
import { seedRegistry } from '../../functions/store/registry.ts';
import { rollupPractices } from '../../functions/usecases/report.ts';
import { parseDeployConfig } from '../../lib/deploy-config.ts';
import { startTestApi, type TestApi } from '../support/local-api.ts';

/**
 * The practice registry and the admin role, over real HTTP into local mode: practices are data an
 * admin changes with no deploy, effective on the next request; a deploy (or local start) adds
 * only what the registry lacks; admin reaches no patient or staff route, and they reach no admin route.
 */
const PRACTICE = 'A99001';
const NEW = 'Z11111';

let api: TestApi;
let admin: string;
let staff: string;
let patient: string;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.tokenFor({ role: 'admin' });
  staff = await api.tokenFor({ role: 'staff', practice: PRACTICE });
  patient = await api.tokenFor({ role: 'patient', practice: PRACTICE, nhsNumber: '9990000018' });
});
afterAll(async () => {
  await api?.stop();
});

const concrete = (path: string) =>
  path.replace(/\{(\w+)\}/g, (_m, name: string) =>
    name === 'month' ? '2026-11' : name === 'ods' ? PRACTICE : name === 'nhsNumber' ? '9990000018' : 'x1',
  );

describe('who reaches what', () => {
  it('answers 403 forbidden to an admin token on every patient and staff route', async () => {
    const routes = ROUTES.filter((r) => r.access === 'patient' || r.access === 'staff');
    expect(routes.length).toBeGreaterThan(40);
    for (const route of routes) {
      const res = await api.request(route.method, concrete(route.path), {
        token: admin,
        ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { body: {} }),
      });
      expect([res.status, (res.json as { code?: string }).code], `${route.method} ${route.path}`).toEqual([
        403,
        'forbidden',
      ]);
    }
  });

  it('answers 403 forbidden to patient and staff tokens on every admin route', async () => {
    const routes = ROUTES.filter((r) => r.access === 'admin');
    expect(routes.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      'GET /admin/practices',
      'GET /admin/practices/{ods}',
      'GET /admin/reports/monthly/{month}',
      'PUT /admin/practices/{ods}',
    ]);
    for (const route of routes) {
      for (const token of [patient, staff]) {
        const res = await api.request(route.method, concrete(route.path), {
          token,
          ...(route.method === 'PUT' ? { body: { name: 'Nope' } } : {}),
        });
        expect([res.status, (res.json as { code?: string }).code], `${route.method} ${route.path}`).toEqual([
          403,
          'forbidden',
        ]);
      }
    }
  });

  it('answers 403 to a token for a practice not in the registry, and serves it from the request after an admin adds it', async () => {
    const newStaff = await api.tokenFor({ role: 'staff', practice: NEW });
    const before = await api.request('GET', '/staff/practice', { token: newStaff });
    expect([before.status, (before.json as { code: string }).code]).toEqual([403, 'forbidden']);
    // A write is refused before anything is written: the registry entry is awaited first.
    const patient = {
      name: 'Nora Harbour',
      dateOfBirth: '1970-01-01',
      services: { appointments: true, prescriptions: true, record: 'summary' },
    };
    const refused = await api.request('PUT', '/staff/patients/9990000018', { token: newStaff, body: patient });
    expect([refused.status, (refused.json as { code: string }).code]).toEqual([403, 'forbidden']);

    const added = await api.request('PUT', `/admin/practices/${NEW}`, {
      token: admin,
      body: { name: 'Harbour Health Centre', timeZone: 'Europe/London', regionCode: 'Y58', regionName: 'South West' },
    });
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({ ods: NEW, name: 'Harbour Health Centre', source: 'admin' });
    const served = await api.request('GET', '/staff/practice', { token: newStaff });
    expect(served.status).toBe(200);
    expect(served.json).toMatchObject({ practice: NEW, name: 'Harbour Health Centre' });
    const nothingWritten = await api.request('GET', '/staff/patients/9990000018', { token: newStaff });
    expect(nothingWritten.status).toBe(404);

    const renamed = await api.request('PUT', `/admin/practices/${NEW}`, {
      token: admin,
      body: { name: 'Harbour Health Centre (merged)' },
    });
    expect(renamed.status).toBe(200);
    const next = await api.request('GET', '/staff/practice', { token: newStaff });
    expect(next.json).toMatchObject({ name: 'Harbour Health Centre (merged)' });
  });
});

describe('the registry', () => {
  it('lists the practices by ODS code a page at a time, with opaque page tokens', async () => {
    const first = await api.request<{ items: { ods: string }[]; nextToken?: string }>(
      'GET',
      '/admin/practices?limit=1',
      {
        token: admin,
      },
    );
    expect(first.status).toBe(200);
    expect(first.json.items.map((p) => p.ods)).toEqual(['A99001']);
    expect(first.json.nextToken).toBeDefined();
    expect(first.json.nextToken).not.toMatch(/GSI1|REGISTRY|PRACTICE#/);
    const second = await api.request<{ items: { ods: string }[] }>(
      'GET',
      `/admin/practices?limit=1&nextToken=${encodeURIComponent(first.json.nextToken!)}`,
      { token: admin },
    );
    expect(second.json.items.map((p) => p.ods)).toEqual(['A99002']);
    const forged = await api.request('GET', '/admin/practices?nextToken=e30', { token: admin });
    expect(forged.status).toBe(400);
  });

  it('answers one practice, and 404 for a practice the stack does not serve', async () => {
    const one = await api.request('GET', `/admin/practices/${PRACTICE}`, { token: admin });
    expect(one.status).toBe(200);
    expect(one.json).toMatchObject({ ods: PRACTICE, timeZone: 'Europe/London', source: 'config' });
    const none = await api.request('GET', '/admin/practices/Q12345', { token: admin });
    expect([none.status, (none.json as { code: string }).code]).toEqual([404, 'not-found']);
  });

  it('keeps what an admin changed when the configuration seeds it again (deploy or local start)', async () => {
    await api.request('PUT', `/admin/practices/A99002`, { token: admin, body: { name: 'Hillview Surgery (admin)' } });
    const config = api.mode.practices;
    const outcome = await seedRegistry(config, new Date());
    expect(outcome).toEqual({ added: 0, present: config.length });
    const after = await api.request('GET', '/admin/practices/A99002', { token: admin });
    expect(after.json).toMatchObject({ name: 'Hillview Surgery (admin)', source: 'admin' });
  });

  it('refuses what the deploy configuration refuses, with the same messages', async () => {
    const bad = { name: 'Mars Surgery', timeZone: 'Mars/Olympus_Mons' };
    const res = await api.request<{ errors: { path: string; message: string }[] }>('PUT', '/admin/practices/A99003', {
      token: admin,
      body: bad,
    });
    expect(res.status).toBe(400);
    const config = parseDeployConfig({
      practices: [{ ods: 'A99003', ...bad }],
      callbackUrls: ['https://a.example/cb'],
    });
    expect(config.ok).toBe(false);
    const deployMessage = !config.ok ? config.errors[0]!.replace(/^patientOnline\.practices\[0\]\.timeZone: /, '') : '';
    expect(res.json.errors).toEqual([{ path: 'timeZone', message: deployMessage }]);

    const badOds = await api.request<{ errors: { path: string; message: string }[] }>('PUT', '/admin/practices/a9', {
      token: admin,
      body: { name: 'x' },
    });
    expect(badOds.status).toBe(400);
    expect(badOds.json.errors[0]!.message).toBe(
      'an ODS practice code: a letter and five letters or digits, e.g. A99001',
    );
  });
});

describe('GET /admin/reports/monthly/{month}', () => {
  it('answers 404 until the rollup has done every practice, then the summary as JSON and every practice as CSV', async () => {
    const before = await api.request('GET', '/admin/reports/monthly/2026-10', { token: admin });
    expect([before.status, (before.json as { code: string }).code]).toEqual([404, 'not-found']);

    const run = await rollupPractices({ month: '2026-10' });
    expect(run.failures).toEqual([]);
    expect(run.summaries).toEqual(['2026-10']);
    const practices = run.results.length;
    expect(practices).toBeGreaterThanOrEqual(3);

    const json = await api.request<Record<string, unknown>>('GET', '/admin/reports/monthly/2026-10', { token: admin });
    expect(json.status).toBe(200);
    expect(json.json).toMatchObject({ month: '2026-10', practices, listSize: 0 });
    expect(json.json).not.toHaveProperty('practiceCodes');

    const csv = await api.request('GET', '/admin/reports/monthly/2026-10?format=csv', { token: admin });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^report_period_end,region_code/);
    expect(lines).toHaveLength(1 + 13 * practices);
  });
});
