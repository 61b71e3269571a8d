import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type ApiResponse, type TestApi } from '../support/local-api.ts';

const NHS = '9990000107';
const REGISTRATION = {
  name: 'Priya Patel',
  dateOfBirth: '1988-08-08',
  services: { appointments: true, prescriptions: true, record: 'summary' },
};

const expectProblem = (res: ApiResponse, status: number, code: string) => {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  expect(res.json).toMatchObject({ status, code });
};

describe('HTTP hygiene in local mode', () => {
  let api: TestApi;
  let staff: string;
  let patient: string;
  beforeAll(async () => {
    api = await startTestApi();
    staff = await api.tokenFor({ role: 'staff', practice: 'A99001' });
    patient = await api.tokenFor({ role: 'patient', practice: 'A99001', nhsNumber: NHS });
  });
  afterAll(() => api?.stop());

  describe('Cache-Control: no-store on every answer of an authenticated route', () => {
    it('on successes: 201 and 200 PUT /staff/patients/{nhsNumber}, GET /staff/patients/{nhsNumber}, GET /me', async () => {
      const created = await api.request('PUT', `/staff/patients/${NHS}`, { token: staff, body: REGISTRATION });
      expect(created.status).toBe(201);
      expect(created.headers.get('location')).toBe(`/staff/patients/${NHS}`);
      const updated = await api.request('PUT', `/staff/patients/${NHS}`, { token: staff, body: REGISTRATION });
      expect(updated.status).toBe(200);
      const read = await api.request('GET', `/staff/patients/${NHS}`, { token: staff });
      const me = await api.request('GET', '/me', { token: patient });
      for (const res of [created, updated, read, me]) expect(res.headers.get('cache-control')).toBe('no-store');
      expect([read.status, me.status]).toEqual([200, 200]);
    });

    it('on problems: 401 (before the function), 403, 404, 400', async () => {
      const answers = [
        await api.request('GET', '/me'),
        await api.request('GET', '/me', { token: staff }),
        await api.request('GET', '/staff/patients/9990000018', { token: staff }),
        await api.request('GET', '/staff/patients/123', { token: staff }),
      ];
      expect(answers.map((res) => res.status)).toEqual([401, 403, 404, 400]);
      for (const res of answers) expect(res.headers.get('cache-control')).toBe('no-store');
    });

    it('not on a public route', async () => {
      expect((await api.request('GET', '/health')).headers.get('cache-control')).toBeNull();
    });
  });

  it('answers 405 method-not-allowed with Allow for a known path and another method', async () => {
    const collection = await api.request('DELETE', '/appointments', { token: patient });
    expectProblem(collection, 405, 'method-not-allowed');
    expect(collection.headers.get('allow')).toBe('GET, POST');
    const templated = await api.request('PATCH', `/staff/patients/${NHS}`, { token: staff, body: {} });
    expectProblem(templated, 405, 'method-not-allowed');
    expect(templated.headers.get('allow')).toBe('DELETE, GET, PUT');
    expectProblem(await api.request('GET', '/staff/patients'), 404, 'not-found');
  });

  it('answers 431 request-header-fields-too-large as problem+json for headers over 16 KiB', async () => {
    const res = await api.request('GET', '/health', { headers: { 'x-padding': 'a'.repeat(20 * 1024) } });
    expectProblem(res, 431, 'request-header-fields-too-large');
    expect((await api.request('GET', '/health')).status).toBe(200);
  });

  it('answers 415 unsupported-media-type for a body in a charset other than UTF-8', async () => {
    const res = await api.request('PUT', `/staff/patients/${NHS}`, {
      token: staff,
      body: REGISTRATION,
      headers: { 'content-type': 'application/json; charset=latin1' },
    });
    expectProblem(res, 415, 'unsupported-media-type');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
