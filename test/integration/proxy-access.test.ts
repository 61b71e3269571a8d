import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteDefinition } from '../../functions/routes/route-spec.ts';
import { ROUTES } from '../../functions/routes.ts';
import type { Appointment } from '../../functions/schemas/appointments.ts';
import type { PrescriptionRequest } from '../../functions/schemas/prescriptions.ts';
import type { Me, ProxyGrant } from '../../functions/schemas/proxies.ts';
import type { AuditEntry, PatientRecordView, RecordAccess } from '../../functions/schemas/record.ts';
import type { MonthlyReport } from '../../functions/schemas/report.ts';
import { db, tableName } from '../../functions/store/client.ts';
import { verifyMonth } from '../../functions/usecases/report.ts';
import { startTestApi, type ApiResponse, type TestApi } from '../support/local-api.ts';
import { testNhsNumber } from '../support/nhs.ts';

/**
 * Proxy access over real HTTP into local mode on DynamoDB Local: staff grant one patient access to
 * another's services, the proxy acts with `Acting-For`, and every patient route answers exactly
 * what the grant allows, whoever asks.
 */
const A = 'A99001';
const B = 'A99002';
const ALL = { appointments: true, prescriptions: true, record: 'detailed' } as const;
const NONE = { appointments: false, prescriptions: false, record: 'none' } as const;

type Problem = { code: string; status: number; errors?: { path: string; message: string }[] };
type Page<T> = { items: T[] };

let api: TestApi;
let staffA: string;
let staffB: string;
let next = 600;
const newNumber = () => testNhsNumber(next++);

/** Today and yesterday as calendar dates in London (the demo practices' time zone). */
const londonDate = (offsetDays = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );

async function ok<T = Record<string, unknown>>(
  method: string,
  path: string,
  token: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const res = await api.write<T>(method, path, { token, body, headers });
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${res.text}`);
  return res.json;
}

async function register(nhsNumber: string, name: string, services: object = ALL, token = staffA) {
  await ok('PUT', `/staff/patients/${nhsNumber}`, token, { name, dateOfBirth: '1980-05-17', services });
}

function grant(patient: string, proxy: string, body: object, headers: Record<string, string> = {}, token = staffA) {
  return api.request<ProxyGrant & Problem>('PUT', `/staff/patients/${patient}/proxies/${proxy}`, {
    token,
    body,
    headers,
  });
}

const patientToken = (nhsNumber: string, practice = A) => api.tokenFor({ role: 'patient', practice, nhsNumber });

/** The patient acted for, every kind of caller in the matrix, and the grants that make them so. */
const P = newNumber();
const cases = {
  self: { nhsNumber: P },
  granted: { nhsNumber: newNumber() },
  'proxy without that service': { nhsNumber: newNumber() },
  revoked: { nhsNumber: newNumber() },
  expired: { nhsNumber: newNumber() },
  stranger: { nhsNumber: newNumber() },
  'other practice': { nhsNumber: newNumber(), practice: B },
} as const;
type CaseName = keyof typeof cases;
const tokens = {} as Record<CaseName, string>;

let slots: string[] = [];
const freeSlot = () => {
  const slot = slots.shift();
  if (!slot) throw new Error('the suite ran out of slots: publish more');
  return slot;
};

beforeAll(async () => {
  api = await startTestApi();
  [staffA, staffB] = await Promise.all([
    api.tokenFor({ role: 'staff', practice: A }),
    api.tokenFor({ role: 'staff', practice: B }),
  ]);
  await ok('PUT', '/staff/practice/settings', staffA, { maxActiveAppointments: 50 });
  await register(P, 'Jane Smith');
  await ok('PUT', `/staff/patients/${P}/record`, staffA, {
    allergies: [{ code: '91936005', display: 'Allergy to penicillin' }],
    problems: [{ display: 'Asthma' }],
    immunisations: [],
    testResults: [],
  });
  for (const [name, who] of Object.entries(cases) as [CaseName, { nhsNumber: string; practice?: string }][]) {
    if (name !== 'self') await register(who.nhsNumber, `Proxy ${name}`);
    // The other practice's caller is registered there too: a sign-in of that practice.
    if (who.practice === B) await register(who.nhsNumber, `Proxy ${name}`, ALL, staffB);
    tokens[name] = await patientToken(who.nhsNumber, who.practice ?? A);
  }
  const give = async (proxy: string, services: object, until?: string) =>
    expect((await grant(P, proxy, { relationship: 'daughter', services, ...(until ? { until } : {}) })).status).toBe(
      201,
    );
  await give(cases.granted.nhsNumber, { appointments: true, prescriptions: true, record: 'summary' });
  await give(cases['proxy without that service'].nhsNumber, NONE);
  await give(cases.revoked.nhsNumber, ALL);
  await ok('DELETE', `/staff/patients/${P}/proxies/${cases.revoked.nhsNumber}`, staffA);
  await give(cases.expired.nhsNumber, ALL, londonDate(-1));
  // Granted at A99001: the same person's sign-in at A99002 must not carry it.
  await give(cases['other practice'].nhsNumber, ALL);

  const start = new Date(Date.now() + 2 * 86_400_000);
  start.setUTCHours(8, 0, 0, 0);
  const published = await ok<{ items: { slotId: string }[] }>('POST', '/staff/slots', staffA, {
    slots: Array.from({ length: 80 }, (_, i) => ({
      start: new Date(start.getTime() + i * 300_000).toISOString(),
      end: new Date(start.getTime() + (i + 1) * 300_000).toISOString(),
      clinician: 'Dr Proxy',
      type: 'GP',
      channel: 'telephone',
    })),
  });
  slots = published.items.map((s) => s.slotId);
}, 60_000);

afterAll(async () => {
  await api?.stop();
});

// ── The matrix: every patient route × every kind of caller ──────────────────────────────────

interface Prepared {
  path: string;
  body?: unknown;
}

const own = () => tokens.self;
const bookSelf = async () => ok<Appointment>('POST', '/appointments', own(), { slotId: freeSlot() });
const newMedication = async () =>
  ok<{ medicationId: string }>('POST', `/staff/patients/${P}/medications`, staffA, {
    name: 'Salbutamol inhaler',
    dosage: 'Two puffs when needed',
    quantity: 1,
    reviewDate: '2099-01-01',
  });
const orderSelf = async () =>
  ok<PrescriptionRequest>('POST', '/prescriptions', own(), { medicationIds: [(await newMedication()).medicationId] });

/**
 * A fresh request per route that the patient themselves may make, and the status it gets. Keyed by
 * operationId: a patient route missing here fails the suite, so a new one joins the matrix.
 */
const PREPARE: Record<string, { status: number; prepare: () => Prepared | Promise<Prepared> }> = {
  getMe: { status: 200, prepare: () => ({ path: '/me' }) },
  getPractice: { status: 200, prepare: () => ({ path: '/practice' }) },
  listSlots: {
    status: 200,
    prepare: () => {
      const from = new Date(Date.now() + 86_400_000).toISOString();
      const to = new Date(Date.now() + 5 * 86_400_000).toISOString();
      return { path: `/slots?from=${from}&to=${to}&limit=5` };
    },
  },
  bookAppointment: { status: 201, prepare: () => ({ path: '/appointments', body: { slotId: freeSlot() } }) },
  listAppointments: { status: 200, prepare: () => ({ path: '/appointments?when=all' }) },
  getAppointment: {
    status: 200,
    prepare: async () => ({ path: `/appointments/${(await bookSelf()).appointmentId}` }),
  },
  cancelAppointment: {
    status: 200,
    prepare: async () => ({
      path: `/appointments/${(await bookSelf()).appointmentId}/cancel`,
      body: { reason: 'Feeling better' },
    }),
  },
  rescheduleAppointment: {
    status: 200,
    prepare: async () => ({
      path: `/appointments/${(await bookSelf()).appointmentId}/reschedule`,
      body: { slotId: freeSlot() },
    }),
  },
  listMedications: { status: 200, prepare: () => ({ path: '/medications' }) },
  orderPrescription: {
    status: 201,
    prepare: async () => ({ path: '/prescriptions', body: { medicationIds: [(await newMedication()).medicationId] } }),
  },
  listPrescriptions: { status: 200, prepare: () => ({ path: '/prescriptions' }) },
  getPrescription: {
    status: 200,
    prepare: async () => ({ path: `/prescriptions/${(await orderSelf()).prescriptionId}` }),
  },
  withdrawPrescription: {
    status: 200,
    prepare: async () => ({ path: `/prescriptions/${(await orderSelf()).prescriptionId}/withdraw` }),
  },
  getRecord: { status: 200, prepare: () => ({ path: '/record' }) },
  listRecordAccess: { status: 200, prepare: () => ({ path: '/me/record-access' }) },
  // Preferences are personal: a proxy gets 403 whatever their grant.
  getNotificationPreferences: { status: 200, prepare: () => ({ path: '/me/notifications' }) },
  updateNotificationPreferences: {
    status: 200,
    prepare: () => ({ path: '/me/notifications', body: { appointmentReminders: true } }),
  },
  // A dev token with practice and NHS number is a permanently linked sign-in.
  linkAccount: {
    status: 409,
    prepare: () => ({
      path: '/me/link',
      body: { practice: A, accountId: 'ABCD-EFGH-JKLM', linkageKey: 'ABCD-EFGH-JKLM-NPQR', dateOfBirth: '1980-05-17' },
    }),
  },
};

const PATIENT_ROUTES = ROUTES.filter((r) => r.access === 'patient');

/** What a caller of each kind must get from a route, from the route's own declaration. */
function expected(route: RouteDefinition, who: CaseName, selfStatus: number): { status: number; code?: string } {
  if (who === 'self') return { status: selfStatus };
  if (!route.actingFor) return { status: 403, code: 'forbidden' };
  if (who === 'granted') return { status: selfStatus };
  if (who === 'proxy without that service') {
    return route.actingFor === 'any' ? { status: selfStatus } : { status: 403, code: 'service-not-enabled' };
  }
  return { status: 403, code: 'forbidden' };
}

/** Every NHS number anywhere in a body: an answer for P may name P and the proxy who acted, nobody else. */
function nhsNumbersIn(body: unknown): Set<string> {
  const found = new Set<string>();
  JSON.stringify(body ?? null, (key, value: unknown) => {
    if (typeof value === 'string' && /^\d{10}$/.test(value)) found.add(value);
    return value;
  });
  return found;
}

describe('Acting-For on every patient route', () => {
  it('has a prepared request for every patient route in the route table', () => {
    expect(PATIENT_ROUTES.map((r) => r.operationId).filter((id) => !PREPARE[id])).toEqual([]);
  });

  describe.each(PATIENT_ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))('%s', (_name, route) => {
    it.each(Object.keys(cases) as CaseName[])(
      'as %s: exactly what the grant allows, nothing of anyone else',
      async (who) => {
        const plan = PREPARE[route.operationId]!;
        const prepared = await plan.prepare();
        const headers: Record<string, string> = who === 'self' ? {} : { 'acting-for': P };
        const res = await api.write<Problem>(route.method, prepared.path, {
          token: tokens[who],
          body: prepared.body,
          headers,
        });
        const want = expected(route, who, plan.status);
        expect(res.status, res.text).toBe(want.status);
        if (want.code) expect(res.json.code).toBe(want.code);
        if (res.status < 300) {
          // The patient, and the one proxy whose actions for them are on record.
          const allowed = new Set([P, cases.granted.nhsNumber]);
          for (const nhs of nhsNumbersIn(res.json)) expect(allowed, `${nhs} in ${res.text}`).toContain(nhs);
        }
        // A refused write changed nothing: the patient can still make the very same request.
        if (res.status === 403 && route.method !== 'GET') {
          const again = await api.write(route.method, prepared.path, { token: own(), body: prepared.body });
          expect(again.status, again.text).toBe(plan.status);
        }
      },
    );
  });
});

// ── What a proxy sees and what is recorded ───────────────────────────────────────────────────

describe('GET /me', () => {
  it('lists the live grants only, each with what the proxy may use now', async () => {
    const me = (await api.request<Me>('GET', '/me', { token: tokens.granted })).json;
    expect(me.nhsNumber).toBe(cases.granted.nhsNumber);
    expect(me.actingFor).toEqual([
      {
        nhsNumber: P,
        name: 'Jane Smith',
        relationship: 'daughter',
        services: { appointments: true, prescriptions: true, record: 'summary' },
      },
    ]);
    for (const who of ['revoked', 'expired', 'stranger'] as const) {
      expect((await api.request<Me>('GET', '/me', { token: tokens[who] })).json.actingFor, who).toEqual([]);
    }
  });

  it('with Acting-For answers the patient acted for, with the services the proxy may use', async () => {
    const res = await api.request<Me>('GET', '/me', { token: tokens.granted, headers: { 'acting-for': P } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ nhsNumber: P, name: 'Jane Smith', actingFor: [] });
    expect(res.json.services).toEqual({ appointments: true, prescriptions: true, record: 'summary' });
  });

  it('answers 400 for a malformed Acting-For, and naming oneself is acting as oneself', async () => {
    const bad = await api.request<Problem>('GET', '/me', { token: tokens.granted, headers: { 'acting-for': '123' } });
    expect(bad.status).toBe(400);
    expect(bad.json.errors?.[0]?.path).toBe('Acting-For');
    const self = await api.request<Me>('GET', '/me', { token: own(), headers: { 'acting-for': P } });
    expect(self.json.nhsNumber).toBe(P);
  });
});

describe('what a proxy does is recorded as theirs', () => {
  const asProxy = { 'acting-for': P };
  const proxyNhs = () => cases.granted.nhsNumber;

  it('bookings and cancellations say proxy and who', async () => {
    const booked = await ok<Appointment>('POST', '/appointments', tokens.granted, { slotId: freeSlot() }, asProxy);
    expect(booked).toMatchObject({ nhsNumber: P, bookedBy: 'proxy', bookedByNhsNumber: proxyNhs() });
    const cancelled = await ok<Appointment>(
      'POST',
      `/appointments/${booked.appointmentId}/cancel`,
      tokens.granted,
      { reason: 'Mum is better' },
      asProxy,
    );
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelledBy: 'proxy', cancelledByNhsNumber: proxyNhs() });
    const own = await bookSelf();
    expect(own.bookedBy).toBe('patient');
    expect(own.bookedByNhsNumber).toBeUndefined();
  });

  it('a prescription request says who requested it', async () => {
    const { medicationId } = await newMedication();
    const rx = await ok<PrescriptionRequest>(
      'POST',
      '/prescriptions',
      tokens.granted,
      { medicationIds: [medicationId] },
      asProxy,
    );
    expect(rx.requestedBy).toEqual({ nhsNumber: proxyNhs(), proxy: true });
    expect((await orderSelf()).requestedBy).toBeUndefined();
  });

  it('a record view is at no more than the granted level, audited with both people, and shown to the patient by name', async () => {
    const view = await api.request<PatientRecordView>('GET', '/record', { token: tokens.granted, headers: asProxy });
    expect(view.status).toBe(200);
    expect(view.json.level).toBe('summary');
    expect(view.json.problems).toBeUndefined();
    const audit = await api.request<Page<AuditEntry>>('GET', `/staff/audit?nhsNumber=${P}`, { token: staffA });
    expect(audit.json.items.find((e) => e.action === 'view')).toMatchObject({
      nhsNumber: P,
      proxyNhsNumber: proxyNhs(),
    });
    const seen = await api.request<Page<RecordAccess>>('GET', '/me/record-access', { token: own() });
    expect(seen.json.items[0]).toMatchObject({ viewer: 'proxy', name: 'Proxy granted', level: 'summary' });
  });

  it('counts as online use, and apart as use.byProxy; rollup --verify recounts it', async () => {
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()).slice(0, 7);
    const report = await ok<MonthlyReport>('POST', `/staff/reports/monthly/${month}`, staffA);
    expect(report.use.byProxy).toBeGreaterThanOrEqual(4);
    expect(report.use.total).toBeGreaterThan(report.use.byProxy);
    const verification = await verifyMonth({ report });
    expect(verification.differences).toEqual([]);
    const html = await api.request('GET', `/staff/reports/monthly/${month}?format=html`, { token: staffA });
    expect(html.text).toContain('by a proxy');
  });
});

describe('rollup --verify and the onboarding figures', () => {
  it('recounts invitations issued and sign-ins linked, and names a difference', async () => {
    const patient = newNumber();
    await register(patient, 'Otto Other', ALL, staffB);
    await ok('POST', `/staff/patients/${patient}/invitations`, staffB, {});
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()).slice(0, 7);
    const report = await ok<MonthlyReport>('POST', `/staff/reports/monthly/${month}`, staffB);
    expect(report.onboarding.invitationsIssued).toBe(1);
    expect((await verifyMonth({ report })).differences).toEqual([]);
    const at = new Date().toISOString();
    // An invitation no transaction counted: only a bug (or tampering) could leave one.
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          PK: `ACTIVITY#${B}#${month}`,
          SK: `${at}#stray#invitation-issued`,
          entity: 'activity',
          kind: 'invitation-issued',
          at,
          ref: 'stray',
        },
      }),
    );
    expect((await verifyMonth({ report })).differences).toEqual([
      { field: 'onboarding.invitationsIssued', reported: 1, recounted: 2 },
    ]);
  });
});

// ── Granting: the rules, idempotency and races ───────────────────────────────────────────────

describe('PUT /staff/patients/{nhsNumber}/proxies/{proxyNhsNumber}', () => {
  it('never grants a service not enabled for the patient (400 naming each field)', async () => {
    const patient = newNumber();
    const proxy = newNumber();
    await register(patient, 'Sam Summary', { appointments: false, prescriptions: true, record: 'summary' });
    await register(proxy, 'Carer');
    const res = await grant(patient, proxy, { relationship: 'carer', services: ALL });
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('validation-failed');
    expect(res.json.errors?.map((e) => e.path).sort()).toEqual(['services.appointments', 'services.record']);
  });

  it('refuses the patient as their own proxy, and anyone not registered here (400)', async () => {
    const unregistered = newNumber();
    expect((await grant(P, P, { relationship: 'self', services: NONE })).json.errors?.[0]?.path).toBe('proxyNhsNumber');
    const res = await grant(P, unregistered, { relationship: 'son', services: NONE });
    expect(res.status).toBe(400);
    expect(res.json.errors?.[0]?.path).toBe('proxyNhsNumber');
    // A patient of another practice is not registered at this one.
    expect((await grant(P, cases.stranger.nhsNumber, { relationship: 'son', services: NONE }, {}, staffB)).status).toBe(
      400,
    );
  });

  it('answers 201 then 200, replays under the same Idempotency-Key, and lists the grant', async () => {
    const proxy = newNumber();
    await register(proxy, 'Paul Proxy');
    const body = { relationship: 'son', services: { appointments: true, prescriptions: false, record: 'none' } };
    const first = await grant(P, proxy, body, { 'idempotency-key': `grant-${proxy}` });
    expect(first.status).toBe(201);
    const replay = await grant(P, proxy, body, { 'idempotency-key': `grant-${proxy}` });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.json).toEqual(first.json);
    const changed = await grant(P, proxy, { ...body, until: '2099-12-31' });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({ until: '2099-12-31', live: true, proxyName: 'Paul Proxy' });
    const list = await api.request<Page<ProxyGrant>>('GET', `/staff/patients/${P}/proxies`, { token: staffA });
    expect(list.json.items.find((g) => g.proxyNhsNumber === proxy)).toMatchObject({ relationship: 'son' });
    expect(list.json.items.find((g) => g.proxyNhsNumber === cases.expired.nhsNumber)?.live).toBe(false);
    expect(list.json.items.some((g) => g.proxyNhsNumber === cases.revoked.nhsNumber)).toBe(false);
  });

  it('of two racing first grants, one is 201 and the other 200', async () => {
    const proxy = newNumber();
    await register(proxy, 'Rita Race');
    const body = { relationship: 'aunt', services: NONE };
    const statuses = (await Promise.all([grant(P, proxy, body), grant(P, proxy, body)])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 201]);
  });

  it('racing grants and revocations end consistent: the list and the proxy’s access agree', async () => {
    const proxy = newNumber();
    await register(proxy, 'Ray Racer');
    const proxyToken = await patientToken(proxy);
    const body = { relationship: 'partner', services: ALL };
    for (let round = 0; round < 5; round++) {
      const answers = await Promise.all([
        api.write('PUT', `/staff/patients/${P}/proxies/${proxy}`, { token: staffA, body }),
        api.write('DELETE', `/staff/patients/${P}/proxies/${proxy}`, { token: staffA }),
        api.write('PUT', `/staff/patients/${P}/proxies/${proxy}`, { token: staffA, body }),
      ]);
      for (const a of answers) expect([200, 201, 204]).toContain(a.status);
      const listed = (
        await api.request<Page<ProxyGrant>>('GET', `/staff/patients/${P}/proxies`, { token: staffA })
      ).json.items.some((g) => g.proxyNhsNumber === proxy);
      const me = await api.request<Me>('GET', '/me', { token: proxyToken });
      const acts = await api.request('GET', '/appointments', { token: proxyToken, headers: { 'acting-for': P } });
      expect(me.json.actingFor.some((a) => a.nhsNumber === P)).toBe(listed);
      expect(acts.status).toBe(listed ? 200 : 403);
    }
  });
});

describe('ending proxy access', () => {
  async function pair() {
    const patient = newNumber();
    const proxy = newNumber();
    await register(patient, 'Pat Patient');
    await register(proxy, 'Carol Carer');
    expect((await grant(patient, proxy, { relationship: 'carer', services: ALL })).status).toBe(201);
    return { patient, proxy, proxyToken: await patientToken(proxy) };
  }
  const acts = async (token: string, patient: string) =>
    (await api.request('GET', '/me', { token, headers: { 'acting-for': patient } })).status;

  it('DELETE revokes from the next request, and revoking again is 204', async () => {
    const { patient, proxy, proxyToken } = await pair();
    expect(await acts(proxyToken, patient)).toBe(200);
    expect((await api.write('DELETE', `/staff/patients/${patient}/proxies/${proxy}`, { token: staffA })).status).toBe(
      204,
    );
    expect(await acts(proxyToken, patient)).toBe(403);
    expect((await api.write('DELETE', `/staff/patients/${patient}/proxies/${proxy}`, { token: staffA })).status).toBe(
      204,
    );
  });

  it('a patient leaving the practice ends grants both ways', async () => {
    const asPatient = await pair();
    const asProxy = await pair();
    await ok('DELETE', `/staff/patients/${asPatient.patient}`, staffA, { reason: 'left-practice' });
    await ok('DELETE', `/staff/patients/${asProxy.proxy}`, staffA, { reason: 'left-practice' });
    expect(await acts(asPatient.proxyToken, asPatient.patient)).toBe(403);
    for (const { patient } of [asPatient, asProxy]) {
      const list = await api.request<Page<ProxyGrant>>('GET', `/staff/patients/${patient}/proxies`, { token: staffA });
      expect(list.json.items).toEqual([]);
    }
  });

  it('a staff unlink ends grants both ways', async () => {
    const asPatient = await pair();
    const asProxy = await pair();
    await ok('DELETE', `/staff/patients/${asPatient.patient}/account`, staffA);
    await ok('DELETE', `/staff/patients/${asProxy.proxy}/account`, staffA);
    for (const { patient } of [asPatient, asProxy]) {
      const list = await api.request<Page<ProxyGrant>>('GET', `/staff/patients/${patient}/proxies`, { token: staffA });
      expect(list.json.items).toEqual([]);
    }
  });
});

describe('personal routes', () => {
  it('POST /me/link refuses a proxy with 403 forbidden', async () => {
    const res: ApiResponse<Problem> = await api.request('POST', '/me/link', {
      token: tokens.granted,
      headers: { 'acting-for': P },
      body: { practice: A, accountId: 'ABCD-EFGH-JKLM', linkageKey: 'ABCD-EFGH-JKLM-NPQR', dateOfBirth: '1980-05-17' },
    });
    expect(res.status).toBe(403);
    expect(res.json.code).toBe('forbidden');
  });
});
