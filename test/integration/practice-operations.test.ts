import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readMonthCounters } from '../../functions/store/reports.ts';
import { localMonth } from '../../functions/domain/time.ts';
import type { Patient } from '../../functions/schemas/patients.ts';
import { addDays, localDate } from '../../functions/domain/time.ts';
import type { Appointment } from '../../functions/schemas/appointments.ts';
import type { Medication, PrescriptionRequest, StaffMedication } from '../../functions/schemas/prescriptions.ts';
import type { AuditEntry, RecordAccess } from '../../functions/schemas/record.ts';
import type { BoardSlot, PublishedSlot, Slot } from '../../functions/schemas/slots.ts';
import type { InvitationSummary, IssuedInvitation } from '../../functions/schemas/linkage.ts';
import { registeredPatient, startTestApi, type TestApi } from '../support/local-api.ts';
import { testNhsNumber } from '../support/nhs.ts';
import { dieAfterTransactions, reviveDatabase } from '../support/faults.ts';
import { aFreshNhsNumber } from '../support/builders.ts';
import { at, plusMinutes } from '../support/times.ts';

/**
 * Practice operations end to end over HTTP against DynamoDB Local: the console's reads, phone
 * bookings and slots held back from online booking, medication reviews and stops, per-item
 * decisions, and the audit of staff work.
 */
const PRACTICE = 'A99001';
const OTHER_PRACTICE = 'A99002';
const TZ = 'Europe/London';
const [ANN, BEN, CAT, DAN, EVE] = [300, 301, 302, 303, 304].map(testNhsNumber) as [
  string,
  string,
  string,
  string,
  string,
];

type Page<T> = { items: T[]; nextToken?: string };
type Problem = { code: string; detail: string; errors?: { path: string; message: string }[] };

let api: TestApi;
let staff: string;
let otherStaff: string;
const tokens: Record<string, string> = {};

const today = () => localDate(new Date(), TZ);

async function publish(slots: { start: string; clinician?: string; bookableOnline?: boolean }[]) {
  const res = await api.request<{ items: PublishedSlot[] }>('POST', '/staff/slots', {
    token: staff,
    body: {
      slots: slots.map((s) => ({
        start: s.start,
        end: plusMinutes(s.start, 10),
        clinician: s.clinician ?? 'Dr Ops Board',
        type: 'GP',
        channel: 'telephone',
        ...(s.bookableOnline === undefined ? {} : { bookableOnline: s.bookableOnline }),
      })),
    },
  });
  expect(res.status).toBe(201);
  return res.json.items;
}

const staffBook = (body: Record<string, unknown>, token = staff) =>
  api.request<Appointment & Problem>('POST', '/staff/appointments', { token, body });
const patientBook = (nhs: string, slotId: string) =>
  api.request<Appointment & Problem>('POST', '/appointments', { token: tokens[nhs], body: { slotId } });

beforeAll(async () => {
  api = await startTestApi();
  staff = await api.tokenFor({ role: 'staff', practice: PRACTICE, sub: 'staff-sub-42' });
  otherStaff = await api.tokenFor({ role: 'staff', practice: OTHER_PRACTICE });
  for (const nhs of [ANN, BEN, CAT, DAN, EVE]) {
    tokens[nhs] = await registeredPatient(api, {
      staff,
      practice: PRACTICE,
      nhsNumber: nhs,
      name: `Patient ${nhs}`,
      dateOfBirth: '1980-02-03',
      services: { appointments: true, prescriptions: true, record: 'detailed' },
    });
  }
}, 120_000);

afterAll(async () => {
  await api?.stop();
});

describe('the console', () => {
  it('reads the practice and its settings', async () => {
    const res = await api.request<{ practice: string; settings: object }>('GET', '/staff/practice', { token: staff });
    expect(res.status).toBe(200);
    expect(res.json.practice).toBe(PRACTICE);
    expect(res.json.settings).toHaveProperty('bookingHorizonDays');
  });

  it('refuses patients the staff routes and staff the patient routes', async () => {
    for (const [method, path] of [
      ['GET', '/staff/practice'],
      ['GET', `/staff/slots?from=${encodeURIComponent(at(1, 8))}&to=${encodeURIComponent(at(2, 8))}`],
      ['POST', '/staff/appointments'],
      ['GET', `/staff/patients/${ANN}/appointments`],
      ['GET', `/staff/patients/${ANN}/prescriptions`],
      ['GET', `/staff/patients/${ANN}/medications`],
      ['PATCH', `/staff/patients/${ANN}/medications/x`],
      ['DELETE', `/staff/patients/${ANN}/medications/x`],
      ['GET', `/staff/patients/${ANN}/record`],
      ['DELETE', `/staff/patients/${ANN}`],
    ] as const) {
      const res = await api.request<Problem>(method, path, {
        token: tokens[ANN],
        ...(method === 'GET' ? {} : { body: {} }),
      });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.json.code).toBe('forbidden');
    }
    const asStaff = await api.request<Problem>('GET', '/me/record-access', { token: staff });
    expect(asStaff.status).toBe(403);
  });

  it('shows another practice’s staff none of this practice’s patients or slots', async () => {
    for (const list of ['appointments', 'prescriptions', 'medications', 'record']) {
      const res = await api.request<Problem>('GET', `/staff/patients/${ANN}/${list}`, { token: otherStaff });
      expect(res.status, list).toBe(404);
    }
    const [slot] = await publish([{ start: at(3, 7) }]);
    const board = await api.request<Page<BoardSlot>>(
      'GET',
      `/staff/slots?from=${encodeURIComponent(at(3, 0))}&to=${encodeURIComponent(at(4, 0))}`,
      { token: otherStaff },
    );
    expect(board.json.items.map((s) => s.slotId)).not.toContain(slot!.slotId);
    // Neither the patient nor the slot is theirs.
    const booked = await staffBook({ slotId: slot!.slotId, nhsNumber: ANN }, otherStaff);
    expect(booked.status).toBe(404);
    const otherPatient = aFreshNhsNumber();
    await api.request('PUT', `/staff/patients/${otherPatient}`, {
      token: otherStaff,
      body: {
        name: 'Elsewhere',
        dateOfBirth: '1990-01-01',
        services: { appointments: true, prescriptions: false, record: 'none' },
      },
    });
    const theirs = await staffBook({ slotId: slot!.slotId, nhsNumber: otherPatient }, otherStaff);
    expect(theirs.json.code).toBe('slot-not-found');
  });
});

describe('slots held back and phone bookings', () => {
  it('keeps a slot not bookable online from patients, and lets the practice book it', async () => {
    const [online, held] = await publish([
      { start: at(5, 9), clinician: 'Dr Held Back' },
      { start: at(5, 10), clinician: 'Dr Held Back', bookableOnline: false },
    ]);
    expect(online!.bookableOnline).toBe(true);
    expect(held!.bookableOnline).toBe(false);

    const window = `from=${encodeURIComponent(at(5, 0))}&to=${encodeURIComponent(at(6, 0))}`;
    const listed = await api.request<Page<Slot>>('GET', `/slots?${window}&limit=100`, { token: tokens[ANN] });
    const ids = listed.json.items.map((s) => s.slotId);
    expect(ids).toContain(online!.slotId);
    expect(ids).not.toContain(held!.slotId);

    const refused = await patientBook(ANN, held!.slotId);
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe('slot-unavailable');

    const booked = await staffBook({ slotId: held!.slotId, nhsNumber: ANN, description: 'Phoned in' });
    expect(booked.status).toBe(201);
    expect(booked.json).toMatchObject({ bookedBy: 'practice', nhsNumber: ANN, status: 'booked' });
    expect(booked.headers.get('location')).toBeTruthy();

    // The board: one free, one booked with its appointment; a withdrawn slot stays on it.
    const [gone] = await publish([{ start: at(5, 11), clinician: 'Dr Held Back' }]);
    expect((await api.request('DELETE', `/staff/slots/${gone!.slotId}`, { token: staff })).status).toBe(204);
    const board = await api.request<Page<BoardSlot>>('GET', `/staff/slots?${window}`, { token: staff });
    expect(board.status).toBe(200);
    const byId = new Map(board.json.items.map((s) => [s.slotId, s]));
    expect(byId.get(online!.slotId)).toMatchObject({ status: 'free', bookableOnline: true });
    expect(byId.get(held!.slotId)).toMatchObject({
      status: 'booked',
      bookableOnline: false,
      appointmentId: booked.json.appointmentId,
    });
    expect(byId.get(gone!.slotId)).toMatchObject({ status: 'withdrawn' });
    const starts = board.json.items.map((s) => s.start);
    expect([...starts].sort()).toEqual(starts);

    // One clinician's board reads that clinician's slots only, withdrawn ones included.
    const mine = await api.request<Page<BoardSlot>>(
      'GET',
      `/staff/slots?${window}&clinician=${encodeURIComponent('dr held back')}`,
      { token: staff },
    );
    expect(mine.json.items.map((s) => s.slotId).sort()).toEqual([online!.slotId, held!.slotId, gone!.slotId].sort());

    // Cancelled by the practice, the held slot is free again, and still held back.
    const cancel = await api.request('POST', `/staff/appointments/${booked.json.appointmentId}/cancel`, {
      token: staff,
      body: { reason: 'Clinic moved' },
    });
    expect(cancel.status).toBe(200);
    const again = await api.request<Page<Slot>>('GET', `/slots?${window}&limit=100`, { token: tokens[ANN] });
    expect(again.json.items.map((s) => s.slotId)).not.toContain(held!.slotId);
    expect((await staffBook({ slotId: held!.slotId, nhsNumber: BEN })).status).toBe(201);
  });

  it('books beyond the online horizon, not counted against online limits, and names the patient', async () => {
    const far = at(60, 9);
    const [slot] = await publish([{ start: far }]);
    expect((await patientBook(CAT, slot!.slotId)).json.code).toBe('outside-booking-horizon');
    const booked = await staffBook({ slotId: slot!.slotId, nhsNumber: CAT });
    expect(booked.status).toBe(201);
    expect(booked.json.patientName).toBe(`Patient ${CAT}`);
    const day = await api.request<Page<Appointment>>(
      'GET',
      `/staff/appointments?date=${localDate(new Date(far), TZ)}`,
      {
        token: staff,
      },
    );
    expect(day.json.items.find((a) => a.appointmentId === booked.json.appointmentId)?.patientName).toBe(
      `Patient ${CAT}`,
    );
  });

  it('refuses an unknown patient, an unknown slot and a taken one', async () => {
    const [slot] = await publish([{ start: at(6, 9) }]);
    expect((await staffBook({ slotId: slot!.slotId, nhsNumber: aFreshNhsNumber() })).status).toBe(404);
    expect((await staffBook({ slotId: 'nope', nhsNumber: ANN })).json.code).toBe('slot-not-found');
    expect((await staffBook({ slotId: slot!.slotId, nhsNumber: ANN })).status).toBe(201);
    const taken = await staffBook({ slotId: slot!.slotId, nhsNumber: BEN });
    expect(taken.status).toBe(409);
    expect(taken.json.code).toBe('slot-unavailable');
  });

  it('gives exactly one winner when the practice and a patient race for one slot', async () => {
    for (let round = 0; round < 5; round++) {
      const [slot] = await publish([{ start: at(7, 8 + round) }]);
      const [byStaff, byPatient] = await Promise.all([
        staffBook({ slotId: slot!.slotId, nhsNumber: DAN }),
        patientBook(EVE, slot!.slotId),
      ]);
      const statuses = [byStaff.status, byPatient.status].sort();
      expect(statuses).toEqual([201, 409]);
      const loser = byStaff.status === 409 ? byStaff : byPatient;
      expect(loser.json.code).toBe('slot-unavailable');
      // Keep the patient under the online limit for the next round.
      if (byPatient.status === 201) {
        const undo = await api.request('POST', `/staff/appointments/${byPatient.json.appointmentId}/cancel`, {
          token: staff,
          body: { reason: 'Next round' },
        });
        expect(undo.status).toBe(200);
      }
    }
  });
});

describe('a patient’s lists, medication review and per-item decisions', () => {
  const medsOf = async (nhs: string) =>
    (await api.request<Page<Medication>>('GET', '/medications', { token: tokens[nhs] })).json.items;

  it('reviews, stops and decides item by item', async () => {
    const add = (name: string, reviewDate: string) =>
      api.request<Medication>('POST', `/staff/patients/${DAN}/medications`, {
        token: staff,
        body: { name, dosage: 'One daily', quantity: 28, reviewDate },
      });
    const overdue = (await add('Overdue 5mg', addDays(today(), -3))).json;
    const kept = (await add('Kept 10mg', addDays(today(), 90))).json;
    const dropped = (await add('Dropped 20mg', addDays(today(), 90))).json;
    const third = (await add('Third 1mg', addDays(today(), 90))).json;

    expect((await medsOf(DAN)).find((m) => m.medicationId === overdue.medicationId)?.notOrderableReason).toBe(
      'review-overdue',
    );
    const review = await api.request<StaffMedication>(
      'PATCH',
      `/staff/patients/${DAN}/medications/${overdue.medicationId}`,
      { token: staff, body: { reviewDate: addDays(today(), 180), dosage: 'Two daily' } },
    );
    expect(review.status).toBe(200);
    expect(review.json).toMatchObject({ orderable: true, dosage: 'Two daily', status: 'active' });
    expect((await medsOf(DAN)).find((m) => m.medicationId === overdue.medicationId)?.orderable).toBe(true);
    const empty = await api.request<Problem>('PATCH', `/staff/patients/${DAN}/medications/${kept.medicationId}`, {
      token: staff,
      body: {},
    });
    expect(empty.status).toBe(400);

    // A pending request keeps an item that is then discontinued.
    const ordered = await api.request<PrescriptionRequest>('POST', '/prescriptions', {
      token: tokens[DAN],
      body: { medicationIds: [overdue.medicationId, dropped.medicationId, third.medicationId] },
    });
    expect(ordered.status).toBe(201);
    expect(ordered.json.patientName).toBe(`Patient ${DAN}`);
    const stop = await api.request('DELETE', `/staff/patients/${DAN}/medications/${dropped.medicationId}`, {
      token: staff,
    });
    expect(stop.status).toBe(204);
    expect((await medsOf(DAN)).map((m) => m.medicationId)).not.toContain(dropped.medicationId);
    const staffList = await api.request<Page<StaffMedication>>('GET', `/staff/patients/${DAN}/medications`, {
      token: staff,
    });
    expect(staffList.json.items.find((m) => m.medicationId === dropped.medicationId)?.status).toBe('discontinued');
    const orderStopped = await api.request<Problem>('POST', '/prescriptions', {
      token: tokens[DAN],
      body: { medicationIds: [dropped.medicationId] },
    });
    expect(orderStopped.json.code).toBe('medication-not-found');

    // Per-item decisions: rejecting every item is 400; rejecting one leaves the rest approved.
    const id = ordered.json.prescriptionId;
    const all = await api.request<Problem>('POST', `/staff/prescriptions/${id}/approve`, {
      token: staff,
      body: {
        rejectItems: [overdue, dropped, third].map((m) => ({ medicationId: m.medicationId, reason: 'No' })),
      },
    });
    expect(all.status).toBe(400);
    const approved = await api.request<PrescriptionRequest>('POST', `/staff/prescriptions/${id}/approve`, {
      token: staff,
      body: { rejectItems: [{ medicationId: third.medicationId, reason: 'Stopped at review' }] },
    });
    expect(approved.status).toBe(200);
    expect(approved.json.status).toBe('approved');
    const decisions = Object.fromEntries(approved.json.items.map((i) => [i.medicationId, [i.decision, i.reason]]));
    expect(decisions).toEqual({
      [overdue.medicationId]: ['approved', undefined],
      [dropped.medicationId]: ['approved', undefined],
      [third.medicationId]: ['rejected', 'Stopped at review'],
    });
    const seen = await api.request<PrescriptionRequest>('GET', `/prescriptions/${id}`, { token: tokens[DAN] });
    expect(seen.json.items.find((i) => i.medicationId === third.medicationId)).toMatchObject({
      decision: 'rejected',
      reason: 'Stopped at review',
    });
    // The rejected item is released: orderable again; the approved one is not yet.
    const after = new Map((await medsOf(DAN)).map((m) => [m.medicationId, m]));
    expect(after.get(third.medicationId)?.orderable).toBe(true);
    expect(after.get(overdue.medicationId)?.notOrderableReason).toBe('too-soon');

    const patientRx = await api.request<Page<PrescriptionRequest>>(
      'GET',
      `/staff/patients/${DAN}/prescriptions?status=approved`,
      { token: staff },
    );
    expect(patientRx.json.items.map((r) => r.prescriptionId)).toEqual([id]);
    const queue = await api.request<Page<PrescriptionRequest>>('GET', '/staff/prescriptions', { token: staff });
    expect(queue.json.items.find((r) => r.prescriptionId === id)?.patientName).toBe(`Patient ${DAN}`);

    // A plain approve without a body still works.
    const other = await api.request<PrescriptionRequest>('POST', '/prescriptions', {
      token: tokens[DAN],
      body: { medicationIds: [kept.medicationId] },
    });
    const plain = await api.request<PrescriptionRequest>(
      'POST',
      `/staff/prescriptions/${other.json.prescriptionId}/approve`,
      { token: staff },
    );
    expect(plain.status).toBe(200);
    expect(plain.json.items[0]!.decision).toBe('approved');
  });

  it('lists a patient’s appointments and record, and audits every read and change', async () => {
    const appts = await api.request<Page<Appointment>>('GET', `/staff/patients/${CAT}/appointments?when=all`, {
      token: staff,
    });
    expect(appts.status).toBe(200);
    expect(appts.json.items.every((a) => a.nhsNumber === CAT)).toBe(true);
    expect(appts.json.items.some((a) => a.bookedBy === 'practice')).toBe(true);

    const put = await api.request('PUT', `/staff/patients/${EVE}/record`, {
      token: staff,
      body: { allergies: [{ display: 'Penicillin' }], problems: [], immunisations: [], testResults: [] },
    });
    expect(put.status).toBe(200);
    const record = await api.request<{ allergies: { display: string }[] }>('GET', `/staff/patients/${EVE}/record`, {
      token: staff,
    });
    expect(record.status).toBe(200);
    expect(record.json.allergies[0]!.display).toBe('Penicillin');
    expect((await api.request('GET', '/record', { token: tokens[EVE] })).status).toBe(200);

    const access = await api.request<Page<RecordAccess>>('GET', '/me/record-access', { token: tokens[EVE] });
    expect(access.status).toBe(200);
    expect(access.json.items.map((a) => a.viewer)).toEqual(['you', 'practice-staff']);
    expect(access.json.items[1]!.practice).toBe(PRACTICE);
    expect(access.text).not.toContain('staff-sub-42');

    const settings = await api.request('PUT', '/staff/practice/settings', {
      token: staff,
      body: { cancellationCutoffMinutes: 60 },
    });
    expect(settings.status).toBe(200);

    const audit = await api.request<Page<AuditEntry>>('GET', '/staff/audit', { token: staff });
    const actions = audit.json.items.filter((e) => e.role === 'staff').map((e) => e.action);
    for (const action of [
      'view',
      'view-appointments',
      'view-prescriptions',
      'view-medications',
      'change-services',
      'add-medication',
      'change-medication',
      'discontinue-medication',
      'replace-record',
      'book-appointment',
      'change-settings',
    ]) {
      expect(actions, action).toContain(action);
    }
    expect(audit.json.items.find((e) => e.action === 'replace-record')).toMatchObject({
      actor: 'staff-sub-42',
      role: 'staff',
      nhsNumber: EVE,
    });
  });
});

describe('a patient leaves', () => {
  afterEach(() => reviveDatabase());

  /** A fresh patient with bookings and a prescription; `n` spreads each test's slots over its own times and clinician. */
  async function arrangeLeaver(n: number) {
    const nhs = aFreshNhsNumber();
    await api.request('PUT', `/staff/patients/${nhs}`, {
      token: staff,
      body: {
        name: `Leaver ${nhs}`,
        dateOfBirth: '1940-01-01',
        services: { appointments: true, prescriptions: true, record: 'detailed' },
      },
    });
    const token = await api.tokenFor({ role: 'patient', practice: PRACTICE, nhsNumber: nhs });
    const slots = await publish([
      { start: at(9, 8 + (n % 10)), clinician: `Dr Leave ${n}` },
      { start: at(10, 8 + (n % 10)), clinician: `Dr Leave ${n}` },
      { start: at(11, 8 + (n % 10)), clinician: `Dr Leave ${n}` },
    ]);
    // Two booked online (the most the practice allows online), one by phone.
    for (const slot of slots.slice(0, 2)) {
      const res = await api.request<Appointment>('POST', '/appointments', { token, body: { slotId: slot.slotId } });
      expect(res.status).toBe(201);
    }
    expect((await staffBook({ slotId: slots[2]!.slotId, nhsNumber: nhs })).status).toBe(201);
    const med = await api.request<Medication>('POST', `/staff/patients/${nhs}/medications`, {
      token: staff,
      body: { name: 'Leave 5mg', dosage: 'One daily', quantity: 28, reviewDate: addDays(today(), 90) },
    });
    const rx = await api.request<PrescriptionRequest>('POST', '/prescriptions', {
      token,
      body: { medicationIds: [med.json.medicationId] },
    });
    expect(rx.status).toBe(201);
    return { nhs, token, slots, prescriptionId: rx.json.prescriptionId };
  }

  async function expectLeft(l: Awaited<ReturnType<typeof arrangeLeaver>>) {
    const profile = await api.request<Patient>('GET', `/staff/patients/${l.nhs}`, { token: staff });
    expect(profile.json.services).toEqual({ appointments: false, prescriptions: false, record: 'none' });
    const appts = await api.request<Page<Appointment>>('GET', `/staff/patients/${l.nhs}/appointments?when=all`, {
      token: staff,
    });
    expect(appts.json.items).toHaveLength(3);
    for (const a of appts.json.items) {
      expect(a).toMatchObject({
        status: 'cancelled',
        cancelledBy: 'practice',
        cancelReason: 'patient left the practice',
      });
    }
    const board = await api.request<Page<BoardSlot>>(
      'GET',
      `/staff/slots?from=${encodeURIComponent(at(9, 0))}&to=${encodeURIComponent(at(12, 0))}&clinician=${encodeURIComponent(l.slots[0]!.clinician)}`,
      { token: staff },
    );
    expect(board.json.items.map((s) => s.status)).toEqual(['free', 'free', 'free']);
    const rx = await api.request<Page<PrescriptionRequest>>('GET', `/staff/patients/${l.nhs}/prescriptions`, {
      token: staff,
    });
    expect(rx.json.items[0]).toMatchObject({ status: 'rejected', rejectionReason: 'patient left the practice' });
    // The patient can no longer use online services; the history stays for the practice.
    expect((await api.request<Problem>('GET', '/appointments', { token: l.token })).json.code).toBe(
      'service-not-enabled',
    );
  }

  const enabledAny = async () =>
    (await readMonthCounters(PRACTICE, localMonth(new Date(), TZ))).enabledChange.enabledAny;

  it('turns services off, cancels future appointments, rejects open requests, and keeps the history', async () => {
    const l = await arrangeLeaver(320);
    const before = await enabledAny();
    const left = await api.request('DELETE', `/staff/patients/${l.nhs}`, {
      token: staff,
      body: { reason: 'left-practice' },
    });
    expect(left.status).toBe(204);
    await expectLeft(l);
    expect(await enabledAny()).toBe(before - 1);
    // Leaving again changes nothing.
    const again = await api.request('DELETE', `/staff/patients/${l.nhs}`, { token: staff, body: { reason: 'other' } });
    expect(again.status).toBe(204);
    expect(await enabledAny()).toBe(before - 1);
    expect((await staffBook({ slotId: l.slots[0]!.slotId, nhsNumber: l.nhs })).status).toBe(404);
    const audit = await api.request<Page<AuditEntry>>('GET', `/staff/audit?nhsNumber=${l.nhs}`, { token: staff });
    expect(audit.json.items.filter((e) => e.action === 'remove-patient')).toHaveLength(1);
    const bad = await api.request<Problem>('DELETE', `/staff/patients/${l.nhs}`, {
      token: staff,
      body: { reason: 'moved' },
    });
    expect(bad.status).toBe(400);
  });

  it('ends in the same state when it crashes half-way and is retried with its key', async () => {
    const l = await arrangeLeaver(321);
    const before = await enabledAny();
    const headers = { 'idempotency-key': 'leave-321' };
    // The profile's transaction and one cancellation commit; then the database is gone.
    dieAfterTransactions(2);
    const crashed = await api.request('DELETE', `/staff/patients/${l.nhs}`, {
      token: staff,
      body: { reason: 'deceased' },
      headers,
    });
    reviveDatabase();
    expect(crashed.status).toBe(503);
    const halfway = await api.request<Page<Appointment>>('GET', `/staff/patients/${l.nhs}/appointments?when=all`, {
      token: staff,
    });
    expect(halfway.json.items.filter((a) => a.status === 'cancelled')).toHaveLength(1);

    const retried = await api.request('DELETE', `/staff/patients/${l.nhs}`, {
      token: staff,
      body: { reason: 'deceased' },
      headers,
    });
    expect(retried.status).toBe(204);
    await expectLeft(l);
    expect(await enabledAny()).toBe(before - 1);
    const replay = await api.request('DELETE', `/staff/patients/${l.nhs}`, {
      token: staff,
      body: { reason: 'deceased' },
      headers,
    });
    expect(replay.status).toBe(204);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
  });

  it('unlinks the patient’s own sign-in and revokes their open invitation', async () => {
    const register = async (nhs: string) =>
      expect(
        (
          await api.request('PUT', `/staff/patients/${nhs}`, {
            token: staff,
            body: {
              name: `Leaver ${nhs}`,
              dateOfBirth: '1940-01-01',
              services: { appointments: true, prescriptions: true, record: 'summary' },
            },
          })
        ).status,
      ).toBe(201);
    const invite = async (nhs: string) => {
      const res = await api.request<IssuedInvitation>('POST', `/staff/patients/${nhs}/invitations`, {
        token: staff,
        body: {},
      });
      expect(res.status).toBe(201);
      return res.json;
    };
    const signInToken = async (sub: string) =>
      (await api.request<{ token: string }>('POST', '/dev/token', { body: { role: 'patient', sub } })).json.token;
    const leave = (nhs: string) =>
      api.request('DELETE', `/staff/patients/${nhs}`, { token: staff, body: { reason: 'left-practice' } });

    const [linked, invited] = [aFreshNhsNumber(), aFreshNhsNumber()];
    await register(linked);
    await register(invited);
    const letter = await invite(linked);
    const sub = 'self-leaver-330';
    const link = await api.request('POST', '/me/link', {
      token: await signInToken(sub),
      body: {
        practice: PRACTICE,
        accountId: letter.accountId,
        linkageKey: letter.linkageKey,
        dateOfBirth: '1940-01-01',
      },
    });
    expect(link.status).toBe(200);
    const linkedToken = await signInToken(sub);
    expect((await api.request('GET', '/me', { token: linkedToken })).status).toBe(200);
    await invite(invited);

    expect((await leave(linked)).status).toBe(204);
    expect((await leave(invited)).status).toBe(204);

    expect((await api.request<Problem>('GET', '/me', { token: linkedToken })).json.code).toBe('forbidden');
    const account = await api.request<{ account: { linked: boolean } }>('GET', `/staff/patients/${linked}`, {
      token: staff,
    });
    expect(account.json.account.linked).toBe(false);
    const invitations = await api.request<Page<InvitationSummary>>('GET', `/staff/patients/${invited}/invitations`, {
      token: staff,
    });
    expect(invitations.json.items.map((i) => i.status)).toEqual(['revoked']);
  });

  it('leaves nothing booked when a booking races the leave', async () => {
    const l = await arrangeLeaver(322);
    // Room under the online limit for one more booking.
    const mine = await api.request<Page<Appointment>>('GET', '/appointments', { token: l.token });
    for (const a of mine.json.items.slice(0, 2)) {
      const cancel = await api.request('POST', `/appointments/${a.appointmentId}/cancel`, {
        token: l.token,
        body: { reason: 'Making room' },
      });
      expect(cancel.status).toBe(200);
    }
    const [slot] = await publish([{ start: at(12, 9), clinician: 'Dr Leave Race' }]);
    const [booking, leave] = await Promise.all([
      api.request<Appointment & Problem>('POST', '/appointments', { token: l.token, body: { slotId: slot!.slotId } }),
      api.request('DELETE', `/staff/patients/${l.nhs}`, { token: staff, body: { reason: 'left-practice' } }),
    ]);
    expect(leave.status).toBe(204);
    expect([201, 403]).toContain(booking.status);
    const appts = await api.request<Page<Appointment>>('GET', `/staff/patients/${l.nhs}/appointments?when=all`, {
      token: staff,
    });
    expect(appts.json.items.filter((a) => a.status === 'booked')).toEqual([]);
    const board = await api.request<Page<BoardSlot>>(
      'GET',
      `/staff/slots?from=${encodeURIComponent(at(12, 0))}&to=${encodeURIComponent(at(13, 0))}&clinician=${encodeURIComponent('Dr Leave Race')}`,
      { token: staff },
    );
    expect(board.json.items.map((s) => s.status)).toEqual(['free']);
  });
});
