import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment } from '../../functions/schemas/appointments.ts';
import type { Slot } from '../../functions/schemas/slots.ts';
import { startTestApi, type TestApi } from '../support/local-api.ts';
import { testNhsNumber } from '../support/nhs.ts';
import { at, plusMinutes } from '../support/times.ts';

/**
 * Appointments end to end: real HTTP into local mode, real DynamoDB Local underneath, so the
 * concurrency guarantees are DynamoDB's transactions, not a mock's.
 */
const PRACTICE = 'A99001';
const OTHER_PRACTICE = 'A99002';
const PATIENTS = Array.from({ length: 60 }, (_, i) => testNhsNumber(i));

type Page<T> = { items: T[]; nextToken?: string };
type Problem = { code: string; detail: string; errors?: { path: string }[] };

let api: TestApi;
let staff: string;
let otherStaff: string;
const patientTokens = new Map<string, string>();
const patient = (i: number) => patientTokens.get(PATIENTS[i]!)!;
/** Patients 0–19 race for one slot, 20–39 book 20 slots; every later test uses patients of its own. */
const TWENTY_MORE = 20;
const DISABLED = 49;

async function publish(
  slots: { start: string; minutes?: number; clinician?: string; type?: string; channel?: string }[],
  token = staff,
) {
  return api.request<Page<Slot> & Problem>('POST', '/staff/slots', {
    token,
    body: {
      slots: slots.map((s) => ({
        start: s.start,
        end: plusMinutes(s.start, s.minutes ?? 10),
        clinician: s.clinician ?? 'Dr Amira Shah',
        type: s.type ?? 'GP',
        channel: s.channel ?? 'in-person',
      })),
    },
  });
}

async function publishOne(start: string, clinician = 'Dr Amira Shah'): Promise<Slot> {
  const res = await publish([{ start, clinician }]);
  expect(res.status).toBe(201);
  return res.json.items[0]!;
}

const book = (token: string, slotId: string, headers: Record<string, string> = {}) =>
  api.request<Appointment & Problem>('POST', '/appointments', { token, body: { slotId }, headers });

beforeAll(async () => {
  api = await startTestApi();
  staff = await api.tokenFor({ role: 'staff', practice: PRACTICE });
  otherStaff = await api.tokenFor({ role: 'staff', practice: OTHER_PRACTICE });
  await Promise.all(
    PATIENTS.map(async (nhsNumber, i) => {
      const res = await api.write('PUT', `/staff/patients/${nhsNumber}`, {
        token: staff,
        body: {
          name: `Test Patient ${i}`,
          dateOfBirth: '1970-01-01',
          services: { appointments: i !== DISABLED, prescriptions: true, record: 'summary' },
        },
      });
      expect(res.status).toBe(201);
      patientTokens.set(nhsNumber, await api.tokenFor({ role: 'patient', practice: PRACTICE, nhsNumber }));
    }),
  );
});

afterAll(async () => {
  await api?.stop();
});

describe('POST /appointments under concurrency', () => {
  it('lets exactly one of 20 patients racing for one slot book it; nineteen get 409 slot-unavailable', async () => {
    const slot = await publishOne(at(3, 9));
    const results = await Promise.all(PATIENTS.slice(0, 20).map((nhs) => book(patientTokens.get(nhs)!, slot.slotId)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused).toHaveLength(19);
    for (const r of refused) {
      expect(r.status).toBe(409);
      expect(r.json.code).toBe('slot-unavailable');
    }
    const day = await api.request<Page<Appointment>>('GET', `/staff/appointments?date=${slot.start.slice(0, 10)}`, {
      token: staff,
    });
    expect(day.json.items.filter((a) => a.slotId === slot.slotId)).toHaveLength(1);
  });

  it('books 20 different slots for 20 patients at once: twenty 201', async () => {
    const created = await publish(Array.from({ length: 20 }, (_, i) => ({ start: plusMinutes(at(4, 8), i * 10) })));
    expect(created.status).toBe(201);
    const results = await Promise.all(created.json.items.map((slot, i) => book(patient(TWENTY_MORE + i), slot.slotId)));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(new Set(results.map((r) => r.json.appointmentId)).size).toBe(20);
  });
});

describe('idempotency', () => {
  it('replays the first response for a retried request and books only once', async () => {
    const slot = await publishOne(at(5, 9));
    const headers = { 'idempotency-key': 'retry-book-1' };
    const first = await book(patient(40), slot.slotId, headers);
    const retry = await book(patient(40), slot.slotId, headers);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.json).toEqual(first.json);
    const mine = await api.request<Page<Appointment>>('GET', '/appointments?when=all', { token: patient(40) });
    expect(mine.json.items.filter((a) => a.slotId === slot.slotId)).toHaveLength(1);
  });

  it('answers 422 idempotency-key-reuse for the same key with a different body', async () => {
    const [a, b] = [await publishOne(at(5, 10)), await publishOne(at(5, 11))];
    const headers = { 'idempotency-key': 'reuse-1' };
    expect((await book(patient(41), a.slotId, headers)).status).toBe(201);
    const reuse = await book(patient(41), b.slotId, headers);
    expect(reuse.status).toBe(422);
    expect(reuse.json.code).toBe('idempotency-key-reuse');
  });

  it('books once when the same request races itself with one key', async () => {
    const slot = await publishOne(at(5, 12));
    const headers = { 'idempotency-key': 'race-1' };
    const results = await Promise.all(Array.from({ length: 5 }, () => book(patient(42), slot.slotId, headers)));
    const ids = new Set(results.filter((r) => r.status === 201).map((r) => r.json.appointmentId));
    expect(ids.size).toBe(1);
    for (const r of results) expect([201, 409]).toContain(r.status);
    for (const r of results.filter((x) => x.status === 409)) expect(r.json.code).toBe('idempotency-in-progress');
  });
});

describe('reading, cancelling and rescheduling', () => {
  let mine: Appointment;

  beforeAll(async () => {
    const slot = await publishOne(at(6, 9), 'Dr Tom Reilly');
    const res = await book(patient(43), slot.slotId);
    expect(res.status).toBe(201);
    mine = res.json;
  });

  it('shows a patient their own appointment and 404 to anyone else', async () => {
    const own = await api.request<Appointment>('GET', `/appointments/${mine.appointmentId}`, { token: patient(43) });
    expect(own.status).toBe(200);
    expect(own.json).toEqual(mine);
    const other = await api.request<Problem>('GET', `/appointments/${mine.appointmentId}`, { token: patient(44) });
    expect(other.status).toBe(404);
    expect(other.json.code).toBe('not-found');
    const cancelByOther = await api.request<Problem>('POST', `/appointments/${mine.appointmentId}/cancel`, {
      token: patient(44),
      body: { reason: 'not mine' },
    });
    expect(cancelByOther.status).toBe(404);
  });

  it('hides the practice from another practice’s staff', async () => {
    const list = await api.request<Page<Appointment>>('GET', `/staff/appointments?date=${mine.start.slice(0, 10)}`, {
      token: otherStaff,
    });
    expect(list.json.items).toEqual([]);
    const cancel = await api.request<Problem>('POST', `/staff/appointments/${mine.appointmentId}/cancel`, {
      token: otherStaff,
      body: { reason: 'x' },
    });
    expect(cancel.status).toBe(404);
    const patientRes = await api.request<Problem>('GET', `/staff/patients/${PATIENTS[43]}`, { token: otherStaff });
    expect(patientRes.status).toBe(404);
  });

  it('moves an appointment atomically: the old one cancelled as rescheduled, the new one booked', async () => {
    const target = await publishOne(at(7, 9), 'Dr Tom Reilly');
    const res = await api.request<Appointment & Problem>('POST', `/appointments/${mine.appointmentId}/reschedule`, {
      token: patient(43),
      body: { slotId: target.slotId },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ slotId: target.slotId, status: 'booked' });
    const old = await api.request<Appointment>('GET', `/appointments/${mine.appointmentId}`, { token: patient(43) });
    expect(old.json).toMatchObject({ status: 'cancelled', cancelReason: 'rescheduled', cancelledBy: 'patient' });
    // The old slot is free again and bookable by someone else .
    expect((await book(patient(45), mine.slotId)).status).toBe(201);
    mine = res.json;
  });

  it('cancels with a reason, frees the slot, and refuses a second cancellation', async () => {
    const cancel = () =>
      api.request<Appointment & Problem>('POST', `/appointments/${mine.appointmentId}/cancel`, {
        token: patient(43),
        body: { reason: 'Feeling better' },
      });
    const first = await cancel();
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ status: 'cancelled', cancelReason: 'Feeling better', cancelledBy: 'patient' });
    const second = await cancel();
    expect(second.status).toBe(409);
    expect(second.json.code).toBe('already-cancelled');
    const slots = await api.request<Page<Slot>>(
      'GET',
      `/slots?from=${at(7, 0)}&to=${at(8, 0)}&clinician=Dr%20Tom%20Reilly`,
      {
        token: patient(46),
      },
    );
    expect(slots.json.items.map((s) => s.slotId)).toContain(mine.slotId);
  });

  it('lists upcoming appointments by start, cancelled ones included', async () => {
    const list = await api.request<Page<Appointment>>('GET', '/appointments', { token: patient(43) });
    expect(list.status).toBe(200);
    const starts = list.json.items.map((a) => a.start);
    expect(starts).toEqual([...starts].sort());
    expect(list.json.items.some((a) => a.status === 'cancelled')).toBe(true);
    const past = await api.request<Page<Appointment>>('GET', '/appointments?when=past', { token: patient(43) });
    expect(past.json.items).toEqual([]);
  });

  it('lets staff cancel on the patient’s behalf, recorded as by the practice', async () => {
    const slot = await publishOne(at(8, 9), 'Dr Tom Reilly');
    const booked = await book(patient(47), slot.slotId);
    const res = await api.request<Appointment>('POST', `/staff/appointments/${booked.json.appointmentId}/cancel`, {
      token: staff,
      body: { reason: 'Clinician unwell' },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: 'cancelled', cancelledBy: 'practice', cancelReason: 'Clinician unwell' });
  });
});

describe('booking limits and services', () => {
  it('refuses a third upcoming appointment (maxActiveAppointments 2)', async () => {
    const slots = await publish(
      [0, 1, 2].map((i) => ({ start: plusMinutes(at(9, 9), i * 15), clinician: 'Nurse Grace Obi' })),
    );
    const [a, b, c] = slots.json.items;
    expect((await book(patient(48), a!.slotId)).status).toBe(201);
    expect((await book(patient(48), b!.slotId)).status).toBe(201);
    const third = await book(patient(48), c!.slotId);
    expect(third.status).toBe(422);
    expect(third.json.code).toBe('too-many-appointments');
  });

  it('refuses a patient whose appointments service is not enabled', async () => {
    const res = await api.request<Problem>('GET', `/slots?from=${at(1, 0)}&to=${at(2, 0)}`, {
      token: patient(DISABLED),
    });
    expect(res.status).toBe(403);
    expect(res.json.code).toBe('service-not-enabled');
  });

  it('answers 422 slot-not-found and outside-booking-horizon', async () => {
    expect((await book(patient(50), 'no-such-slot')).json.code).toBe('slot-not-found');
    const far = await publishOne(at(40, 9), 'Nurse Grace Obi');
    const res = await book(patient(50), far.slotId);
    expect(res.status).toBe(422);
    expect(res.json.code).toBe('outside-booking-horizon');
  });
});

describe('staff slots', () => {
  it('refuses overlapping slots for one clinician (409 slot-overlap), all or nothing', async () => {
    const start = at(10, 9);
    const res = await publish([
      { start: plusMinutes(start, -60), clinician: 'Dr Ola Ade' },
      { start, minutes: 20, clinician: 'Dr Ola Ade' },
      { start: plusMinutes(start, 10), clinician: 'Dr Ola Ade' },
    ]);
    expect(res.status).toBe(409);
    expect(res.json.code).toBe('slot-overlap');
    const slots = await api.request<Page<Slot>>(
      'GET',
      `/slots?from=${at(10, 0)}&to=${at(11, 0)}&clinician=Dr%20Ola%20Ade`,
      { token: patient(51) },
    );
    expect(slots.json.items).toEqual([]);
    expect((await publish([{ start, minutes: 20, clinician: 'Dr Ola Ade' }])).status).toBe(201);
    const clash = await publish([{ start: plusMinutes(start, 10), clinician: 'Dr Ola Ade' }]);
    expect(clash.json.code).toBe('slot-overlap');
  });

  it('withdraws a free slot (204), refuses a booked one (409 slot-booked), and a withdrawn slot cannot be booked', async () => {
    const [free, taken] = (await publish([{ start: at(11, 9) }, { start: at(11, 10) }])).json.items;
    expect((await book(patient(52), taken!.slotId)).status).toBe(201);
    const booked = await api.request<Problem>('DELETE', `/staff/slots/${taken!.slotId}`, { token: staff });
    expect(booked.status).toBe(409);
    expect(booked.json.code).toBe('slot-booked');
    expect((await api.request('DELETE', `/staff/slots/${free!.slotId}`, { token: staff })).status).toBe(204);
    const late = await book(patient(53), free!.slotId);
    expect(late.status).toBe(409);
    expect(late.json.code).toBe('slot-unavailable');
  });

  it('lists free slots sorted, filtered and paginated', async () => {
    const base = at(12, 8);
    const created = await publish(
      Array.from({ length: 7 }, (_, i) => ({
        start: plusMinutes(base, i * 20),
        clinician: 'Dr Page Test',
        channel: i % 2 ? 'telephone' : 'video',
      })),
    );
    expect((await book(patient(54), created.json.items[0]!.slotId)).status).toBe(201);
    const seen: Slot[] = [];
    let nextToken: string | undefined;
    do {
      const q = new URLSearchParams({
        from: at(12, 0),
        to: at(13, 0),
        clinician: 'Dr Page Test',
        limit: '2',
        ...(nextToken ? { nextToken } : {}),
      });
      const page = await api.request<Page<Slot>>('GET', `/slots?${q.toString()}`, { token: patient(54) });
      expect(page.status).toBe(200);
      seen.push(...page.json.items);
      nextToken = page.json.nextToken;
    } while (nextToken);
    expect(seen).toHaveLength(6);
    expect(seen.map((s) => s.start)).toEqual([...seen.map((s) => s.start)].sort());
    const video = await api.request<Page<Slot>>(
      'GET',
      `/slots?from=${at(12, 0)}&to=${at(13, 0)}&clinician=Dr%20Page%20Test&channel=video`,
      {
        token: patient(54),
      },
    );
    expect(video.json.items.every((s) => s.channel === 'video')).toBe(true);
    expect(video.json.items).toHaveLength(3);
  });

  it('refuses a slot window over 14 days', async () => {
    const res = await api.request<Problem>('GET', `/slots?from=${at(1, 0)}&to=${at(16, 0)}`, { token: patient(54) });
    expect(res.status).toBe(400);
    expect(res.json.errors?.[0]?.path).toBe('to');
  });
});

describe('practice settings and profile', () => {
  it('returns defaults, then applies a subset update', async () => {
    const before = await api.request<{ settings: Record<string, unknown> }>('GET', '/practice', { token: patient(55) });
    expect(before.json).toMatchObject({
      practice: PRACTICE,
      timeZone: 'Europe/London',
      settings: { bookingHorizonDays: 28 },
    });
    const res = await api.request<Record<string, unknown>>('PUT', '/staff/practice/settings', {
      token: otherStaff,
      body: { listSize: 6500, servicesOffered: { record: false } },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      listSize: 6500,
      servicesOffered: { appointments: true, prescriptions: true, record: false },
    });
    // Another practice's change does not touch ours.
    const after = await api.request<{ settings: { listSize: number } }>('GET', '/practice', { token: patient(55) });
    expect(after.json.settings.listSize).toBe(0);
  });

  it('shows a patient their own profile at GET /me', async () => {
    const me = await api.request<Record<string, unknown>>('GET', '/me', { token: patient(56) });
    expect(me.status).toBe(200);
    expect(me.json).toEqual({
      nhsNumber: PATIENTS[56],
      name: 'Test Patient 56',
      dateOfBirth: '1970-01-01',
      practice: PRACTICE,
      services: { appointments: true, prescriptions: true, record: 'summary' },
      actingFor: [],
    });
  });

  it('answers 200 (not 201) when an existing patient is updated', async () => {
    const res = await api.request('PUT', `/staff/patients/${PATIENTS[56]}`, {
      token: staff,
      body: {
        name: 'Test Patient 56',
        dateOfBirth: '1970-01-01',
        services: { appointments: true, prescriptions: false, record: 'detailed' },
      },
    });
    expect(res.status).toBe(200);
  });
});
