import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localMonth } from '../../functions/domain/time.ts';
import type { Appointment } from '../../functions/schemas/appointments.ts';
import type { PatientServices } from '../../functions/schemas/patients.ts';
import type { Medication, PrescriptionRequest } from '../../functions/schemas/prescriptions.ts';
import type { MonthlyReport } from '../../functions/schemas/report.ts';
import type { Slot } from '../../functions/schemas/slots.ts';
import { db, tableName } from '../../functions/store/client.ts';
import { startTestApi, type ApiResponse, type TestApi } from '../support/local-api.ts';
import { testNhsNumber } from '../support/nhs.ts';

/**
 * The monthly report end to end: a randomized burst of concurrent patient actions over real HTTP
 * into local mode (DynamoDB Local underneath), some refused and some retried with the same
 * Idempotency-Key; then the report must equal a recount made independently from the API's own
 * responses, and `npm run rollup -- --verify` (a full recount from the stored records) must pass.
 */
const PRACTICE = 'A99001';
const OTHER = 'A99002';
const LONDON = 'Europe/London';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

const SEED = Number(process.env.REPORT_TEST_SEED ?? Date.now() % 1_000_000);
/** mulberry32: a small deterministic PRNG, so a failing burst can be replayed with REPORT_TEST_SEED. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const chance = (p: number) => random() < p;
/** Mostly one of the patient's own ids; sometimes one that does not exist (404, not counted). */
const ownOrMissing = (ids: Set<string>) =>
  ids.size > 0 && chance(0.85) ? pick([...ids]) : `missing-${Math.floor(random() * 1e9)}`;

type Problem = { code: string };
let api: TestApi;
let staff: string;
let month: string;

/** What the burst's responses say happened, counted here and nowhere else. */
const observed = { booked: 0, cancelled: 0, ordered: 0, items: 0, views: 0, refused: 0, replayed: 0 };

interface TestPatient {
  nhsNumber: string;
  token: string;
  services: PatientServices;
  medications: string[];
  appointments: Set<string>;
  requests: Set<string>;
}
const patients: TestPatient[] = [];
let slots: Slot[] = [];

function servicesFor(i: number): PatientServices {
  // The last patient may only read a summary record: not "enabled" for POMI, yet their views count.
  if (i === 13) return { appointments: false, prescriptions: false, record: 'summary' };
  return {
    appointments: i % 4 !== 3,
    prescriptions: i % 3 !== 2,
    record: (['none', 'summary', 'detailed'] as const)[i % 3]!,
  };
}

function futureSlotStarts(count: number): string[] {
  const base = new Date();
  base.setUTCHours(0, 0, 0, 0);
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(base.getTime() + (2 + (i % 20)) * 86_400_000 + (8 * 60 + 10 * Math.floor(i / 20)) * 60_000);
    return d.toISOString();
  });
}

const isEffect = (res: ApiResponse, ok: number) =>
  res.status === ok && res.headers.get('idempotent-replayed') !== 'true';

/** A POST sent once, or (sometimes) twice with the same Idempotency-Key, at once or one after the other. */
async function idempotentPost<T>(path: string, token: string, body?: unknown): Promise<ApiResponse<T & Problem>[]> {
  const headers = { 'idempotency-key': `k-${Math.floor(random() * 1e12).toString(36)}` };
  const send = () => api.request<T & Problem>('POST', path, { token, body, headers });
  if (!chance(0.35)) return [await send()];
  if (chance(0.5)) return Promise.all([send(), send()]);
  const first = await send();
  return [first, await send()];
}

function tally(responses: ApiResponse<Problem>[], ok: number): ApiResponse<Problem> | undefined {
  let effect: ApiResponse<Problem> | undefined;
  for (const res of responses) {
    if (isEffect(res, ok)) {
      expect(effect, 'one Idempotency-Key, one effect').toBeUndefined();
      effect = res;
    } else if (res.status === ok) observed.replayed++;
    else {
      // Refused (4xx), or gave up under contention (503 unavailable): either way nothing was written.
      expect(res.status === 503 || res.status < 500, JSON.stringify(res.json)).toBe(true);
      observed.refused++;
    }
  }
  return effect;
}

const actions: Record<string, (p: TestPatient) => Promise<void>> = {
  async book(p) {
    const effect = tally(
      await idempotentPost<Appointment>('/appointments', p.token, { slotId: pick(slots).slotId }),
      201,
    ) as ApiResponse<Appointment> | undefined;
    if (effect) {
      observed.booked++;
      p.appointments.add(effect.json.appointmentId);
    }
  },
  async cancel(p) {
    const id = ownOrMissing(p.appointments);
    const effect = tally(
      await idempotentPost(`/appointments/${id}/cancel`, p.token, { reason: 'Feeling better' }),
      200,
    );
    if (effect) {
      observed.cancelled++;
      p.appointments.delete(id);
    }
  },
  async reschedule(p) {
    const id = ownOrMissing(p.appointments);
    const effect = tally(
      await idempotentPost<Appointment>(`/appointments/${id}/reschedule`, p.token, { slotId: pick(slots).slotId }),
      200,
    ) as ApiResponse<Appointment> | undefined;
    if (effect) {
      // A reschedule counts as one online cancellation and one online booking.
      observed.cancelled++;
      observed.booked++;
      p.appointments.delete(id);
      p.appointments.add(effect.json.appointmentId);
    }
  },
  async order(p) {
    const wanted = p.medications.filter(() => chance(0.6));
    const body = { medicationIds: wanted.length > 0 ? wanted : [pick(p.medications)] };
    const effect = tally(await idempotentPost<PrescriptionRequest>('/prescriptions', p.token, body), 201) as
      ApiResponse<PrescriptionRequest> | undefined;
    if (effect) {
      observed.ordered++;
      observed.items += effect.json.items.length;
      p.requests.add(effect.json.prescriptionId);
    }
  },
  async withdraw(p) {
    // Not a counted action: the request still counts as ordered.
    const id = ownOrMissing(p.requests);
    if (tally(await idempotentPost(`/prescriptions/${id}/withdraw`, p.token), 200)) p.requests.delete(id);
  },
  async view(p) {
    const res = await api.request<Problem>('GET', '/record', { token: p.token });
    if (res.status === 200) observed.views++;
    else {
      expect(['service-not-enabled', 'unavailable'], JSON.stringify(res.json)).toContain(res.json.code);
      observed.refused++;
    }
  },
};
const ACTION_WEIGHTS: [keyof typeof actions, number][] = [
  ['book', 5],
  ['cancel', 2],
  ['reschedule', 2],
  ['order', 4],
  ['withdraw', 2],
  ['view', 3],
];
const weighted = ACTION_WEIGHTS.flatMap(([name, weight]) => Array<keyof typeof actions>(weight).fill(name));

async function register(nhsNumber: string, services: PatientServices) {
  const res = await api.request('PUT', `/staff/patients/${nhsNumber}`, {
    token: staff,
    body: { name: `Patient ${nhsNumber}`, dateOfBirth: '1970-01-01', services },
  });
  expect([200, 201]).toContain(res.status);
}

beforeAll(async () => {
  api = await startTestApi();
  month = localMonth(new Date(), LONDON);
  staff = await api.tokenFor({ role: 'staff', practice: PRACTICE });
  expect((await api.request('PUT', '/staff/practice/settings', { token: staff, body: { listSize: 400 } })).status).toBe(
    200,
  );

  for (let i = 0; i < 14; i++) {
    const nhsNumber = testNhsNumber(100 + i);
    // Some patients start with other services and change later, so verify has changes to undo.
    await register(
      nhsNumber,
      i % 5 === 0 ? { appointments: false, prescriptions: false, record: 'none' } : servicesFor(i),
    );
    const medications: string[] = [];
    for (const name of ['Amlodipine 5mg tablets', 'Metformin 500mg tablets', 'Salbutamol inhaler']) {
      const res = await api.request<Medication>('POST', `/staff/patients/${nhsNumber}/medications`, {
        token: staff,
        body: { name, dosage: 'As directed', quantity: 28, reviewDate: '2099-01-01', minDaysBetweenOrders: 0 },
      });
      expect(res.status).toBe(201);
      medications.push(res.json.medicationId);
    }
    patients.push({
      nhsNumber,
      token: await api.tokenFor({ role: 'patient', practice: PRACTICE, nhsNumber }),
      services: servicesFor(i),
      medications,
      appointments: new Set(),
      requests: new Set(),
    });
  }
  for (const [i, p] of patients.entries()) if (i % 5 === 0) await register(p.nhsNumber, p.services);

  const published = await api.request<{ items: Slot[] }>('POST', '/staff/slots', {
    token: staff,
    body: {
      slots: futureSlotStarts(60).map((start) => ({
        start,
        end: new Date(Date.parse(start) + 600_000).toISOString(),
        clinician: 'Dr Amira Shah',
        type: 'GP',
        channel: 'in-person',
      })),
    },
  });
  expect(published.status).toBe(201);
  slots = published.json.items;

  // The burst: waves of concurrent actions by random patients.
  for (let wave = 0; wave < 14; wave++) {
    await Promise.all(Array.from({ length: 12 }, () => actions[pick(weighted)]!(pick(patients))));
  }
}, 300_000);

afterAll(async () => {
  await api?.stop();
});

/** The report's expected figures, from the registrations this test made and the burst's responses. */
function expectedReport() {
  const count = (f: (s: PatientServices) => boolean) => patients.filter((p) => f(p.services)).length;
  const any = (s: PatientServices) => s.appointments || s.prescriptions || s.record === 'detailed';
  return {
    enabled: {
      appointments: count((s) => s.appointments),
      prescriptions: count((s) => s.prescriptions),
      detailedRecord: count((s) => s.record === 'detailed'),
      anyService: count(any),
      // Everyone enabled this month for the first time (those registered with nothing enabled, too, once enabled).
      newInMonth: count(any),
    },
    use: {
      appointmentsBooked: observed.booked,
      appointmentsCancelled: observed.cancelled,
      prescriptionsOrdered: observed.ordered,
      prescriptionItemsOrdered: observed.items,
      recordViews: observed.views,
      // The burst is the patients' own: no proxy acts in it.
      byProxy: 0,
      total: observed.booked + observed.cancelled + observed.ordered + observed.views,
    },
  };
}

/** The rollup CLI against this suite's DynamoDB Local, as a person would run it. */
async function rollupCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'bin/rollup.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, DYNAMODB_ENDPOINT: api.mode.dynamoEndpoint, TABLE_NAME: api.mode.tableName },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe(`the monthly report after a randomized burst (REPORT_TEST_SEED=${SEED})`, () => {
  it('made a burst worth reporting: successes, refusals and idempotent replays', () => {
    expect(observed.booked + observed.ordered + observed.views).toBeGreaterThan(20);
    expect(observed.refused).toBeGreaterThan(0);
    expect(observed.replayed).toBeGreaterThan(0);
  });

  it('POST /staff/reports/monthly/{this month} equals the recount from the API responses', async ({ skip }) => {
    if (localMonth(new Date(), LONDON) !== month) skip('the month changed during the burst');
    const res = await api.request<MonthlyReport>('POST', `/staff/reports/monthly/${month}`, { token: staff });
    expect(res.status).toBe(200);
    expect({ enabled: res.json.enabled, use: res.json.use }).toEqual(expectedReport());
    expect(res.json).toMatchObject({
      practice: PRACTICE,
      month,
      listSize: 400,
      enabledPct: { anyService: Math.round((expectedReport().enabled.anyService / 400) * 10000) / 100 },
    });
  });

  it('GET answers the same report as JSON, the POMI CSV and the HTML page', async () => {
    const json = await api.request<MonthlyReport>('GET', `/staff/reports/monthly/${month}`, { token: staff });
    expect(json.status).toBe(200);
    const csv = await api.request('GET', `/staff/reports/monthly/${month}?format=csv`, { token: staff });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = new Map(
      csv.text
        .trimEnd()
        .split('\r\n')
        .slice(1)
        .map((line) => [line.split(',').at(-2), Number(line.split(',').at(-1))]),
    );
    expect(rows.get('Pat_Appts_Use')).toBe(json.json.use.appointmentsBooked + json.json.use.appointmentsCancelled);
    expect(rows.get('Pat_Presc_Use')).toBe(json.json.use.prescriptionsOrdered);
    expect(rows.get('Pat_DetCodeRec_Use')).toBe(json.json.use.recordViews);
    expect(rows.get('Total_Pat_Enbld')).toBe(json.json.enabled.anyService);
    const html = await api.request('GET', `/staff/reports/monthly/${month}?format=html`, { token: staff });
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html.text).toContain('<svg');
  });

  it('answers 404 for a month never generated, and only to the practice’s own staff', async () => {
    expect((await api.request<Problem>('GET', '/staff/reports/monthly/2020-01', { token: staff })).json.code).toBe(
      'not-found',
    );
    const otherStaff = await api.tokenFor({ role: 'staff', practice: OTHER });
    expect(
      (await api.request<Problem>('GET', `/staff/reports/monthly/${month}`, { token: otherStaff })).json.code,
    ).toBe('not-found');
  });

  it('npm run rollup -- --verify recounts the month from the records and agrees (exit 0), with the API’s figures', async () => {
    const cli = await rollupCli(['--month', month, '--practice', PRACTICE, '--verify', '--json']);
    expect(cli.stderr).toContain(`verify ${PRACTICE} ${month}: OK`);
    expect(cli.code).toBe(0);
    const [report] = JSON.parse(cli.stdout) as MonthlyReport[];
    const fromApi = await api.request<MonthlyReport>('GET', `/staff/reports/monthly/${month}`, { token: staff });
    expect({ ...report, generatedAt: '' }).toEqual({ ...fromApi.json, generatedAt: '' });
  });

  it('re-running the month gives identical figures, and runs at once leave one whole report', async () => {
    const generate = () => api.request<MonthlyReport>('POST', `/staff/reports/monthly/${month}`, { token: staff });
    const first = await generate();
    const together = await Promise.all([generate(), generate(), generate()]);
    for (const res of together) expect({ ...res.json, generatedAt: '' }).toEqual({ ...first.json, generatedAt: '' });
    const stored = await api.request<MonthlyReport>('GET', `/staff/reports/monthly/${month}`, { token: staff });
    // The latest of the runs is what is stored (a report never replaces a later one).
    const latest = together
      .map((r) => r.json.generatedAt)
      .sort()
      .at(-1);
    expect(stored.json).toEqual(together.find((r) => r.json.generatedAt === latest)!.json);
  });

  it('--verify exits non-zero with a readable difference when the records disagree with the counters', async () => {
    // An activity entry no transaction counted: only a bug (or tampering) could leave one.
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          PK: `ACTIVITY#${OTHER}#${month}`,
          SK: `${new Date().toISOString()}#stray#appointment-booked`,
          entity: 'activity',
          kind: 'appointment-booked',
          at: new Date().toISOString(),
          ref: 'stray',
        },
      }),
    );
    const cli = await rollupCli(['--month', month, '--practice', OTHER, '--verify']);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(new RegExp(`verify ${OTHER} ${month}: 2 DIFFERENCE`));
    expect(cli.stderr).toMatch(/use\.appointmentsBooked\s+0\s+1\s+-1/);
  });
});
