import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idempotencyClaim } from '../../functions/domain/idempotency.ts';
import { addDays, localDate, localMonth } from '../../functions/domain/time.ts';
import type { Appointment } from '../../functions/schemas/appointments.ts';
import type { StaffCaller } from '../../functions/schemas/identity.ts';
import type { Patient, RegisterPatientBody } from '../../functions/schemas/patients.ts';
import type { PracticeSettings } from '../../functions/schemas/practice.ts';
import type { Medication, PrescriptionRequest } from '../../functions/schemas/prescriptions.ts';
import type { MonthlyReport } from '../../functions/schemas/report.ts';
import type { RecordContent, StoredRecord } from '../../functions/schemas/record.ts';
import type { Slot } from '../../functions/schemas/slots.ts';
import { getPatient } from '../../functions/store/patients.ts';
import { getSettings } from '../../functions/store/practices.ts';
import { getReport } from '../../functions/store/reports.ts';
import { decidePrescription } from '../../functions/usecases/prescriptions.ts';
import { registerPatient } from '../../functions/usecases/patients.ts';
import { startTestApi, type ApiResponse, type TestApi } from '../support/local-api.ts';
import { testNhsNumber } from '../support/nhs.ts';
import { aFreshNhsNumber } from '../support/builders.ts';

/**
 * Idempotency-Key on the staff writes, over real HTTP into local mode on DynamoDB Local: a retry
 * with the same key replays the first success and has the effect once, another request under the
 * key is 422, a refusal is not stored, and keys never cross from one caller to another.
 */
const PRACTICE = 'A99001';
const TZ = 'Europe/London';
const [ANN, BEN, CAT, DOV, EVE, FIN] = [200, 201, 202, 203, 204, 205].map(testNhsNumber) as [
  string,
  string,
  string,
  string,
  string,
  string,
];

type Problem = { code: string };
type Page<T> = { items: T[] };

let api: TestApi;
let staff: string;
const STAFF: StaffCaller = { role: 'staff', sub: 'staff-A99001', practice: PRACTICE };

const send = <T>(method: string, path: string, key: string | undefined, body?: unknown, token = staff) =>
  api.request<T & Problem>(method, path, { token, body, headers: key ? { 'idempotency-key': key } : {} });

/** The second answer is the first one replayed: same status and body, marked as a replay. */
function expectReplay(first: ApiResponse, again: ApiResponse) {
  expect(again.status).toBe(first.status);
  expect(again.headers.get('idempotent-replayed')).toBe('true');
  expect(again.json).toEqual(first.json);
}

function expectReuseRefused(res: ApiResponse<Problem>) {
  expect(res.status).toBe(422);
  expect(res.json.code).toBe('idempotency-key-reuse');
}

const patientBody = (name: string): RegisterPatientBody => ({
  name,
  dateOfBirth: '1970-01-01',
  services: { appointments: true, prescriptions: true, record: 'summary' },
});

async function register(nhsNumber: string) {
  expect((await send('PUT', `/staff/patients/${nhsNumber}`, undefined, patientBody(`Test ${nhsNumber}`))).status).toBe(
    201,
  );
}

const today = () => localDate(new Date(), TZ);
const medicationBody = (name: string) => ({
  name,
  dosage: 'One tablet daily',
  quantity: 28,
  reviewDate: addDays(today(), 90),
  minDaysBetweenOrders: 0,
});

/** A patient with one orderable item who has just ordered it: the request, `requested`. */
async function orderedRequest(nhsNumber: string): Promise<PrescriptionRequest> {
  await register(nhsNumber);
  const med = await send<Medication>(
    'POST',
    `/staff/patients/${nhsNumber}/medications`,
    undefined,
    medicationBody('Amlodipine 5mg tablets'),
  );
  expect(med.status).toBe(201);
  const patient = await api.tokenFor({ role: 'patient', practice: PRACTICE, nhsNumber });
  const rx = await send<PrescriptionRequest>(
    'POST',
    '/prescriptions',
    undefined,
    { medicationIds: [med.json.medicationId] },
    patient,
  );
  expect(rx.status).toBe(201);
  return rx.json;
}

/** One free 10-minute slot `days` ahead at 10:00 UTC. */
async function publishSlot(days: number, clinician: string): Promise<Slot> {
  const start = new Date(Date.now() + days * 86_400_000);
  start.setUTCHours(10, 0, 0, 0);
  const res = await send<{ items: Slot[] }>('POST', '/staff/slots', undefined, {
    slots: [
      {
        start: start.toISOString(),
        end: new Date(start.getTime() + 600_000).toISOString(),
        clinician,
        type: 'GP',
        channel: 'in-person',
      },
    ],
  });
  expect(res.status).toBe(201);
  return res.json.items[0]!;
}

const getRequest = async (nhsNumber: string, id: string) => {
  const patient = await api.tokenFor({ role: 'patient', practice: PRACTICE, nhsNumber });
  return (await send<PrescriptionRequest>('GET', `/prescriptions/${id}`, undefined, undefined, patient)).json;
};

beforeAll(async () => {
  api = await startTestApi();
  staff = await api.tokenFor({ role: 'staff', practice: PRACTICE });
});

afterAll(async () => {
  await api?.stop();
});

describe('Idempotency-Key on staff writes', () => {
  it('PUT /staff/practice/settings: refused, corrected, replayed once, another body 422', async () => {
    const key = 'settings-1';
    expect((await send('PUT', '/staff/practice/settings', key, { cancellationCutoffMinutes: -5 })).status).toBe(400);
    const first = await send<PracticeSettings>('PUT', '/staff/practice/settings', key, {
      cancellationCutoffMinutes: 90,
    });
    expect(first.status).toBe(200);
    expect(first.json.cancellationCutoffMinutes).toBe(90);
    const version = (await getSettings(PRACTICE)).version;
    const again = await send('PUT', '/staff/practice/settings', key, { cancellationCutoffMinutes: 90 });
    expectReplay(first, again);
    expect((await getSettings(PRACTICE)).version).toBe(version);
    expectReuseRefused(await send('PUT', '/staff/practice/settings', key, { cancellationCutoffMinutes: 30 }));
  });

  it('PUT /staff/patients/{nhsNumber}: a retried registration replays 201 with Location, not 200', async () => {
    const key = 'register-1';
    const path = `/staff/patients/${ANN}`;
    expect((await send('PUT', path, key, { ...patientBody('Ann'), dateOfBirth: '1970-13-01' })).status).toBe(400);
    const first = await send<Patient>('PUT', path, key, patientBody('Ann'));
    expect(first.status).toBe(201);
    const again = await send<Patient>('PUT', path, key, patientBody('Ann'));
    expectReplay(first, again);
    expect(again.headers.get('location')).toBe(path);
    expect((await getPatient(PRACTICE, ANN))?.version).toBe(1);
    expectReuseRefused(await send('PUT', path, key, patientBody('Ann Other')));
  });

  it('POST /staff/patients/{nhsNumber}/medications: a 404 is not stored; the retry after registering adds one item', async () => {
    const key = 'med-1';
    const path = `/staff/patients/${BEN}/medications`;
    const body = medicationBody('Ramipril 5mg capsules');
    expect((await send('POST', path, key, body)).status).toBe(404);
    await register(BEN);
    const first = await send<Medication>('POST', path, key, body);
    expect(first.status).toBe(201);
    expectReplay(first, await send('POST', path, key, body));
    const patient = await api.tokenFor({ role: 'patient', practice: PRACTICE, nhsNumber: BEN });
    const list = await send<Page<Medication>>('GET', '/medications', undefined, undefined, patient);
    expect(list.json.items.map((m) => m.medicationId)).toEqual([first.json.medicationId]);
    expectReuseRefused(await send('POST', path, key, { ...body, quantity: 56 }));
  });

  it('PUT /staff/patients/{nhsNumber}/record: replays the first load (same updatedAt)', async () => {
    await register(CAT);
    const key = 'record-1';
    const path = `/staff/patients/${CAT}/record`;
    const record: RecordContent = {
      allergies: [{ code: '91936005', display: 'Allergy to penicillin' }],
      problems: [],
      immunisations: [],
      testResults: [],
    };
    expect((await send('PUT', path, key, { ...record, problems: [{ display: '' }] })).status).toBe(400);
    const first = await send<StoredRecord>('PUT', path, key, record);
    expect(first.status).toBe(200);
    expectReplay(first, await send('PUT', path, key, record));
    expectReuseRefused(await send('PUT', path, key, { ...record, allergies: [] }));
  });

  it('POST /staff/appointments/{id}/cancel: a retry replays the cancellation instead of 409 already-cancelled', async () => {
    await register(DOV);
    const slot = await publishSlot(3, 'Dr Idem Potent');
    const patient = await api.tokenFor({ role: 'patient', practice: PRACTICE, nhsNumber: DOV });
    const booked = await send<Appointment>('POST', '/appointments', undefined, { slotId: slot.slotId }, patient);
    expect(booked.status).toBe(201);

    const key = 'cancel-1';
    const path = `/staff/appointments/${booked.json.appointmentId}/cancel`;
    expect((await send('POST', path, key, { reason: '' })).status).toBe(400);
    const first = await send<Appointment>('POST', path, key, { reason: 'Clinician unwell' });
    expect(first.status).toBe(200);
    expect(first.json.cancelledBy).toBe('practice');
    expectReplay(first, await send('POST', path, key, { reason: 'Clinician unwell' }));
    expectReuseRefused(await send('POST', path, key, { reason: 'Another reason' }));
    const mine = await send<Appointment>(
      'GET',
      `/appointments/${booked.json.appointmentId}`,
      undefined,
      undefined,
      patient,
    );
    expect(mine.json.cancelledAt).toBe(first.json.cancelledAt);
  });

  it('POST /staff/prescriptions/{id}/approve and /issue: each retry replays its own transition', async () => {
    const rx = await orderedRequest(EVE);
    const [approveKey, issueKey] = ['approve-1', 'issue-1'];
    // A refusal (another request's id, not found) is not stored: the key is still free.
    expect((await send('POST', '/staff/prescriptions/nope/approve', approveKey)).status).toBe(404);
    const approved = await send<PrescriptionRequest>(
      'POST',
      `/staff/prescriptions/${rx.prescriptionId}/approve`,
      approveKey,
    );
    expect(approved.status).toBe(200);
    expect(approved.json.status).toBe('approved');
    expectReplay(approved, await send('POST', `/staff/prescriptions/${rx.prescriptionId}/approve`, approveKey));
    // Issuing before approving would have been 409; after approving it succeeds under its own key.
    const issued = await send<PrescriptionRequest>('POST', `/staff/prescriptions/${rx.prescriptionId}/issue`, issueKey);
    expect(issued.status).toBe(200);
    expectReplay(issued, await send('POST', `/staff/prescriptions/${rx.prescriptionId}/issue`, issueKey));
    // The approve key replays the approval even now, and is refused for another address.
    expectReplay(approved, await send('POST', `/staff/prescriptions/${rx.prescriptionId}/approve`, approveKey));
    expectReuseRefused(await send('POST', `/staff/prescriptions/${rx.prescriptionId}/issue`, approveKey));
    expect(await getRequest(EVE, rx.prescriptionId)).toMatchObject({
      status: 'issued',
      decidedAt: approved.json.decidedAt,
      issuedAt: issued.json.issuedAt,
    });
  });

  it('POST /staff/prescriptions/{id}/reject: refused, corrected, replayed once, another reason 422', async () => {
    const rx = await orderedRequest(FIN);
    const key = 'reject-1';
    const path = `/staff/prescriptions/${rx.prescriptionId}/reject`;
    expect((await send('POST', path, key, { reason: '' })).status).toBe(400);
    const first = await send<PrescriptionRequest>('POST', path, key, { reason: 'Please book a review' });
    expect(first.status).toBe(200);
    expectReplay(first, await send('POST', path, key, { reason: 'Please book a review' }));
    expectReuseRefused(await send('POST', path, key, { reason: 'Another reason' }));
    expect(await getRequest(FIN, rx.prescriptionId)).toMatchObject({
      status: 'rejected',
      decidedAt: first.json.decidedAt,
    });
  });

  it('POST /staff/reports/monthly/{month}: a retry answers the first report and stores no newer one', async () => {
    const month = localMonth(new Date(), TZ);
    const key = 'report-1';
    const future = `${Number(month.slice(0, 4)) + 1}${month.slice(4)}`;
    expect((await send('POST', `/staff/reports/monthly/${future}`, key)).status).toBe(400);
    const first = await send<MonthlyReport>('POST', `/staff/reports/monthly/${month}`, key);
    expect(first.status).toBe(200);
    expectReplay(first, await send('POST', `/staff/reports/monthly/${month}`, key));
    expect((await getReport(PRACTICE, month))?.report.generatedAt).toBe(first.json.generatedAt);
    const [year, mm] = month.split('-').map(Number) as [number, number];
    const previous = mm === 1 ? `${year - 1}-12` : `${year}-${String(mm - 1).padStart(2, '0')}`;
    expectReuseRefused(await send('POST', `/staff/reports/monthly/${previous}`, key));
  });
});

describe('a write that committed but whose answer was lost', () => {
  it('approval: the use case committed (the client saw a timeout); the retry over HTTP replays it, approved once', async () => {
    const nhsNumber = aFreshNhsNumber();
    const rx = await orderedRequest(nhsNumber);
    const key = 'lost-approve-1';
    const path = `/staff/prescriptions/${rx.prescriptionId}/approve`;
    const committed = await decidePrescription(
      STAFF,
      rx.prescriptionId,
      'approve',
      undefined,
      idempotencyClaim(STAFF, key, { method: 'POST', path, body: undefined }),
    );
    expect(committed.replayed).toBe(false);
    const retry = await send<PrescriptionRequest>('POST', path, key);
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.json).toEqual(committed.value);
    expect(await getRequest(nhsNumber, rx.prescriptionId)).toMatchObject({
      status: 'approved',
      decidedAt: committed.value.decidedAt,
    });
  });

  it('registration: the retry over HTTP replays 201 and the profile is written once', async () => {
    const nhsNumber = aFreshNhsNumber();
    const key = 'lost-register-1';
    const path = `/staff/patients/${nhsNumber}`;
    const body = patientBody('Lost Answer');
    await registerPatient(PRACTICE, nhsNumber, body, idempotencyClaim(STAFF, key, { method: 'PUT', path, body }));
    const retry = await send<Patient>('PUT', path, key, body);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect((await getPatient(PRACTICE, nhsNumber))?.version).toBe(1);
  });
});

describe('Idempotency-Key scope', () => {
  it('never replays one patient’s booking to another patient whose sign-in shares the sub', async () => {
    const sub = 'shared-sign-in';
    const [first, second] = [aFreshNhsNumber(), aFreshNhsNumber()];
    await register(first);
    await register(second);
    const slot = await publishSlot(4, 'Dr Shared Key');
    const book = async (nhsNumber: string) =>
      send<Appointment>(
        'POST',
        '/appointments',
        'shared-1',
        { slotId: slot.slotId },
        await api.tokenFor({ role: 'patient', practice: PRACTICE, nhsNumber, sub }),
      );
    const booked = await book(first);
    expect(booked.status).toBe(201);
    const other = await book(second);
    expect(other.headers.get('idempotent-replayed')).toBeNull();
    expect(other.status).toBe(409);
    expect(other.json.code).toBe('slot-unavailable');
  });
});
