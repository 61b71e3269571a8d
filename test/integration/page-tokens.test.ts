import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment } from '../../functions/schemas/appointments.ts';
import type { Slot } from '../../functions/schemas/slots.ts';
import { startTestApi, type TestApi } from '../support/local-api.ts';
import { testNhsNumber } from '../support/nhs.ts';
import { at, plusMinutes } from '../support/times.ts';

/**
 * Page tokens of every list route over real HTTP (local mode on DynamoDB Local): a token opens
 * only for the caller and query it was issued to, and nothing a client crafts reaches the table.
 */
const PRACTICE = 'A99001';
const PATIENT = testNhsNumber(0);
const OTHER_PATIENT = testNhsNumber(1);
const NO_APPOINTMENTS = testNhsNumber(2);

type Page<T> = { items: T[]; nextToken?: string };
type Problem = { code: string; errors?: { path: string }[] };

let api: TestApi;
let staff: string;
let otherStaff: string;
let patient: string;
let otherPatient: string;
let noAppointments: string;
let bookedId: string;

const FIRST_SLOT = at(3, 9);
const slotDay = FIRST_SLOT.slice(0, 10);

async function expectStatus(res: Promise<{ status: number; text: string }>, status: number) {
  const answer = await res;
  expect(answer.status, answer.text).toBe(status);
  return answer;
}

async function register(nhsNumber: string, appointments: boolean, status: 200 | 201) {
  await expectStatus(
    api.request('PUT', `/staff/patients/${nhsNumber}`, {
      token: staff,
      body: {
        name: `Patient ${nhsNumber}`,
        dateOfBirth: '1970-01-01',
        services: { appointments, prescriptions: true, record: 'summary' },
      },
    }),
    status,
  );
}

beforeAll(async () => {
  api = await startTestApi();
  staff = await api.tokenFor({ role: 'staff', practice: PRACTICE });
  otherStaff = await api.tokenFor({ role: 'staff', practice: PRACTICE, sub: 'another-staff-member' });
  patient = await api.tokenFor({ role: 'patient', practice: PRACTICE, nhsNumber: PATIENT });
  otherPatient = await api.tokenFor({ role: 'patient', practice: PRACTICE, nhsNumber: OTHER_PATIENT });
  noAppointments = await api.tokenFor({ role: 'patient', practice: PRACTICE, nhsNumber: NO_APPOINTMENTS });
  for (const nhs of [PATIENT, OTHER_PATIENT, NO_APPOINTMENTS]) await register(nhs, true, 201);

  // Six slots on one day (GP and nurse); the patient books two, so both the free-slot list and
  // the day list have more than one page at limit=1.
  const first = FIRST_SLOT;
  const published = await expectStatus(
    api.request<Page<Slot>>('POST', '/staff/slots', {
      token: staff,
      body: {
        slots: Array.from({ length: 6 }, (_, i) => ({
          start: plusMinutes(first, i * 15),
          end: plusMinutes(first, i * 15 + 10),
          clinician: 'Dr Amira Shah',
          type: i % 2 ? 'nurse' : 'GP',
          channel: 'in-person',
        })),
      },
    }),
    201,
  );
  const slots = (JSON.parse(published.text) as Page<Slot>).items;
  for (const slot of slots.slice(0, 2)) {
    const booked = await expectStatus(
      api.request('POST', '/appointments', { token: patient, body: { slotId: slot.slotId } }),
      201,
    );
    bookedId = (JSON.parse(booked.text) as Appointment).appointmentId;
  }
  await expectStatus(
    api.request('POST', '/appointments', { token: noAppointments, body: { slotId: slots[2]!.slotId } }),
    201,
  );
  // Then the practice turns appointments off for this patient: their appointment stays, unseen online.
  await register(NO_APPOINTMENTS, false, 200);

  const medicationIds: string[] = [];
  for (const name of ['Amlodipine 5mg tablets', 'Ramipril 2.5mg capsules']) {
    const added = await expectStatus(
      api.request('POST', `/staff/patients/${PATIENT}/medications`, {
        token: staff,
        body: { name, dosage: 'One daily', quantity: 28, reviewDate: '2099-01-01' },
      }),
      201,
    );
    medicationIds.push((JSON.parse(added.text) as { medicationId: string }).medicationId);
  }
  for (const id of medicationIds) {
    await expectStatus(api.request('POST', '/prescriptions', { token: patient, body: { medicationIds: [id] } }), 201);
  }
  for (let i = 0; i < 2; i++) await expectStatus(api.request('GET', '/record', { token: patient }), 200);
}, 120_000);

afterAll(async () => {
  await api?.stop();
});

interface ListCase {
  /** The route and its query (without limit and nextToken). */
  path: string;
  caller: () => string;
  /** Someone else, allowed to list the same route. */
  otherCaller: () => string;
  /** The same route with another filter, or another list of the same caller where the route has none. */
  otherQuery: string;
  /** Base64 JSON of a key this list could plausibly hold (what tokens used to be). */
  plausibleKey: () => Record<string, string>;
}

const patientKey = (sk: string) => ({ PK: `PATIENT#${PRACTICE}#${PATIENT}`, SK: sk });

const LISTS: ListCase[] = [
  {
    path: `/slots?from=${encodeURIComponent(at(0, 0))}&to=${encodeURIComponent(at(10, 0))}`,
    caller: () => patient,
    otherCaller: () => otherPatient,
    otherQuery: `/slots?from=${encodeURIComponent(at(0, 0))}&to=${encodeURIComponent(at(10, 0))}&type=nurse`,
    plausibleKey: () => ({
      PK: `PRACTICE#${PRACTICE}`,
      SK: 'SLOT#x',
      GSI1PK: `FREESLOT#${PRACTICE}`,
      GSI1SK: '2099-01-01T00:00:00.000Z#x',
    }),
  },
  {
    path: '/appointments?when=upcoming',
    caller: () => patient,
    otherCaller: () => otherPatient,
    otherQuery: '/appointments?when=all',
    plausibleKey: () => patientKey('APPT#0000'),
  },
  {
    path: `/staff/appointments?date=${slotDay}`,
    caller: () => staff,
    otherCaller: () => otherStaff,
    otherQuery: `/staff/appointments?date=${at(4, 9).slice(0, 10)}`,
    plausibleKey: () => ({ PK: patientKey('').PK, SK: 'APPT#x', GSI1PK: `DAY#${PRACTICE}#${slotDay}`, GSI1SK: 'zzz' }),
  },
  {
    path: '/medications',
    caller: () => patient,
    otherCaller: () => otherPatient,
    otherQuery: '/prescriptions',
    plausibleKey: () => patientKey('MED#9999'),
  },
  {
    path: '/prescriptions',
    caller: () => patient,
    otherCaller: () => otherPatient,
    otherQuery: '/prescriptions?status=requested',
    plausibleKey: () => patientKey('AAAA'),
  },
  {
    path: '/staff/prescriptions',
    caller: () => staff,
    otherCaller: () => otherStaff,
    otherQuery: '/staff/prescriptions?status=requested',
    plausibleKey: () => ({
      PK: patientKey('').PK,
      SK: 'RX#x',
      GSI2PK: `RX#${PRACTICE}`,
      GSI2SK: 7 as unknown as string,
    }),
  },
  {
    path: '/staff/audit',
    caller: () => staff,
    otherCaller: () => otherStaff,
    otherQuery: `/staff/audit?nhsNumber=${PATIENT}`,
    plausibleKey: () => ({ PK: `AUDIT#${PRACTICE}`, SK: '9999-12-31T00:00:00.000Z#x', extra: 'x' }),
  },
];

const withParams = (path: string, params: Record<string, string>) =>
  `${path}${path.includes('?') ? '&' : '?'}${new URLSearchParams(params).toString()}`;

async function firstPage(list: ListCase): Promise<{ items: unknown[]; nextToken: string }> {
  const res = await api.request<Page<unknown>>('GET', withParams(list.path, { limit: '1' }), { token: list.caller() });
  expect(res.status, res.text).toBe(200);
  expect(res.json.items).toHaveLength(1);
  expect(res.json.nextToken, 'the list should have a second page').toEqual(expect.any(String));
  return { items: res.json.items, nextToken: res.json.nextToken! };
}

function flipOneByte(token: string): string {
  const bytes = Buffer.from(token, 'base64url');
  const i = Math.floor(bytes.length / 2);
  bytes[i] = bytes[i]! ^ 0x20;
  return bytes.toString('base64url');
}

describe.each(LISTS)('GET $path', (list) => {
  it('continues with its nextToken on the next page (the page size may change)', async () => {
    const page1 = await firstPage(list);
    const res = await api.request<Page<unknown>>(
      'GET',
      withParams(list.path, { limit: '5', nextToken: page1.nextToken }),
      {
        token: list.caller(),
      },
    );
    expect(res.status, res.text).toBe(200);
    expect(res.json.items.length).toBeGreaterThan(0);
    expect(res.json.items).not.toContainEqual(page1.items[0]);
  });

  it('issues tokens that name no attribute, key or patient', async () => {
    const { nextToken } = await firstPage(list);
    const text = Buffer.from(nextToken, 'base64url').toString('latin1');
    for (const hint of ['"PK"', '"SK"', 'GSI1', 'GSI2', 'PATIENT#', 'PRACTICE#', PATIENT, PRACTICE]) {
      expect(nextToken).not.toContain(hint);
      expect(text).not.toContain(hint);
    }
  });

  const crafted: [string, () => Promise<{ token: string; path?: string; caller?: string }>][] = [
    ['garbage', () => Promise.resolve({ token: 'garbage-token' })],
    [
      'base64 JSON of a plausible key',
      () => Promise.resolve({ token: Buffer.from(JSON.stringify(list.plausibleKey())).toString('base64url') }),
    ],
    ['a real token with one byte flipped', async () => ({ token: flipOneByte((await firstPage(list)).nextToken) })],
    [
      'a real token of another caller',
      async () => ({ token: (await firstPage(list)).nextToken, caller: list.otherCaller() }),
    ],
    [
      'a real token of another query',
      async () => ({ token: (await firstPage(list)).nextToken, path: list.otherQuery }),
    ],
  ];
  it.each(crafted)('answers 400 validation-failed on nextToken for %s', async (_what, craft) => {
    const { token, path = list.path, caller = list.caller() } = await craft();
    const res = await api.request<Problem>('GET', withParams(path, { nextToken: token }), { token: caller });
    expect(res.status, res.text).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.json.code).toBe('validation-failed');
    expect(res.json.errors?.[0]?.path).toBe('nextToken');
  });
});

describe('the appointments service gate', () => {
  it('answers GET /appointments with 403 service-not-enabled when appointments are off for the patient', async () => {
    const res = await api.request<Problem>('GET', '/appointments?when=all', { token: noAppointments });
    expect(res.status, res.text).toBe(403);
    expect(res.json.code).toBe('service-not-enabled');
  });

  it('answers GET /appointments/{id} with 403 service-not-enabled, even for their own appointment', async () => {
    const day = await api.request<Page<Appointment>>('GET', `/staff/appointments?date=${slotDay}`, { token: staff });
    const own = day.json.items.find((a) => a.nhsNumber === NO_APPOINTMENTS)!;
    expect(own).toBeDefined();
    const res = await api.request<Problem>('GET', `/appointments/${own.appointmentId}`, { token: noAppointments });
    expect(res.status, res.text).toBe(403);
    expect(res.json.code).toBe('service-not-enabled');
  });

  it('still answers a patient with appointments enabled', async () => {
    expect((await api.request('GET', `/appointments/${bookedId}`, { token: patient })).status).toBe(200);
    expect((await api.request('GET', '/appointments', { token: patient })).status).toBe(200);
  });
});
