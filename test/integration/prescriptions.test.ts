import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate, localMonth } from '../../functions/domain/time.ts';
import type { Medication, PrescriptionRequest } from '../../functions/schemas/prescriptions.ts';
import { readMonthCounters } from '../../functions/store/reports.ts';
import { startTestApi, type TestApi } from '../support/local-api.ts';
import { testNhsNumber } from '../support/nhs.ts';

/**
 * Repeat prescriptions end to end: real HTTP into local mode over DynamoDB Local, with the demo
 * seed loaded (so the journey is tried on the data a new user sees) plus patients of its own,
 * numbered well clear of the demo ones.
 */
const PRACTICE = 'A99001';
const OTHER_PRACTICE = 'A99002';
const TZ = 'Europe/London';
const [ALICE, BOB, CAROL, DAVE] = [100, 101, 102, 103].map(testNhsNumber) as [string, string, string, string];

type Page<T> = { items: T[]; nextToken?: string };
type ProblemBody = { code: string; detail: string; errors?: { path: string; message: string }[] };
type Rx = PrescriptionRequest & ProblemBody;

let api: TestApi;
let staff: string;
let otherStaff: string;
const tokens: Record<string, string> = {};

const today = () => localDate(new Date(), TZ);

async function register(nhsNumber: string, prescriptions: boolean, token = staff) {
  const res = await api.request('PUT', `/staff/patients/${nhsNumber}`, {
    token,
    body: {
      name: `Test ${nhsNumber}`,
      dateOfBirth: '1970-01-01',
      services: { appointments: true, prescriptions, record: 'summary' },
    },
  });
  expect(res.status).toBe(201);
}

async function addMedication(nhsNumber: string, body: Record<string, unknown>, token = staff): Promise<Medication> {
  const res = await api.request<Medication>('POST', `/staff/patients/${nhsNumber}/medications`, {
    token,
    body: { dosage: 'One tablet daily', quantity: 28, reviewDate: addDays(today(), 90), ...body },
  });
  expect(res.status).toBe(201);
  return res.json;
}

const medications = async (token: string) => {
  const res = await api.request<Page<Medication>>('GET', '/medications', { token });
  expect(res.status).toBe(200);
  return new Map(res.json.items.map((m) => [m.medicationId, m]));
};

const order = (token: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  api.request<Rx>('POST', '/prescriptions', { token, body, headers });

const post = (path: string, token: string, body?: unknown, headers: Record<string, string> = {}) =>
  api.request<Rx>('POST', path, { token, body, headers });

/** The practice-month use counters the monthly report reads (from the table, shards summed). */
async function counters(month: string) {
  const { use } = await readMonthCounters(PRACTICE, month);
  return { ordered: use.prescriptionsOrdered, items: use.prescriptionItemsOrdered };
}

beforeAll(async () => {
  api = await startTestApi({ seed: true });
  staff = await api.tokenFor({ role: 'staff', practice: PRACTICE });
  otherStaff = await api.tokenFor({ role: 'staff', practice: OTHER_PRACTICE });
  for (const [nhsNumber, prescriptions] of [
    [ALICE, true],
    [BOB, true],
    [CAROL, false],
    [DAVE, true],
  ] as const) {
    await register(nhsNumber, prescriptions);
    tokens[nhsNumber] = await api.tokenFor({ role: 'patient', practice: PRACTICE, nhsNumber });
  }
});

afterAll(async () => {
  await api?.stop();
});

describe('the demo data, as a new user finds it', () => {
  it('gives each demo patient with prescriptions their repeat list, one item overdue for review, and lets them order', async () => {
    const mohammed = await api.tokenFor({ role: 'patient', practice: PRACTICE, nhsNumber: '9990000026' });
    const list = [...(await medications(mohammed)).values()];
    expect(list.length).toBeGreaterThanOrEqual(2);
    expect(list.length).toBeLessThanOrEqual(4);
    const overdue = list.filter((m) => m.notOrderableReason === 'review-overdue');
    expect(overdue).toHaveLength(1);
    expect(overdue[0]!.reviewDate < today()).toBe(true);

    const orderable = list.filter((m) => m.orderable).map((m) => m.medicationId);
    const res = await order(mohammed, {
      medicationIds: orderable.slice(0, 2),
      pharmacy: 'FA123',
      note: 'Collecting on Friday',
    });
    expect(res.status).toBe(201);
    const queue = await api.request<Page<PrescriptionRequest>>('GET', '/staff/prescriptions?status=requested', {
      token: staff,
    });
    expect(queue.json.items.map((r) => r.prescriptionId)).toContain(res.json.prescriptionId);
  });

  it('seeds every demo patient with prescriptions enabled, and nobody else', async () => {
    for (const [practice, nhsNumber, expected] of [
      [PRACTICE, '9990000018', true],
      [PRACTICE, '9990000042', true],
      [OTHER_PRACTICE, '9990000050', true],
      [OTHER_PRACTICE, '9990000085', true],
    ] as const) {
      const token = await api.tokenFor({ role: 'patient', practice, nhsNumber });
      expect((await medications(token)).size > 0).toBe(expected);
    }
    const chloe = await api.tokenFor({ role: 'patient', practice: PRACTICE, nhsNumber: '9990000034' });
    expect((await api.request<ProblemBody>('GET', '/medications', { token: chloe })).json.code).toBe(
      'service-not-enabled',
    );
  });
});

describe('ordering', () => {
  let amlodipine: Medication;
  let atorvastatin: Medication;
  let ramipril: Medication;

  beforeAll(async () => {
    amlodipine = await addMedication(ALICE, { name: 'Amlodipine 5mg tablets' });
    atorvastatin = await addMedication(ALICE, { name: 'Atorvastatin 20mg tablets', reviewDate: addDays(today(), -3) });
    ramipril = await addMedication(ALICE, { name: 'Ramipril 5mg capsules', minDaysBetweenOrders: 28 });
  });

  it('lists the repeat items with the reason an item cannot be ordered', async () => {
    const list = await medications(tokens[ALICE]!);
    expect([...list.keys()]).toEqual([amlodipine.medicationId, atorvastatin.medicationId, ramipril.medicationId]);
    expect(list.get(amlodipine.medicationId)).toMatchObject({
      orderable: true,
      minDaysBetweenOrders: 21,
      quantity: 28,
    });
    expect(list.get(atorvastatin.medicationId)).toMatchObject({
      orderable: false,
      notOrderableReason: 'review-overdue',
    });
  });

  it('refuses the item the list says cannot be ordered, naming it and its reason', async () => {
    const res = await order(tokens[ALICE]!, { medicationIds: [amlodipine.medicationId, atorvastatin.medicationId] });
    expect(res.status).toBe(422);
    expect(res.json).toMatchObject({
      code: 'medication-not-orderable',
      errors: [{ path: 'medicationIds.1', message: 'review-overdue' }],
    });
  });

  it('lets exactly one of ten concurrent orders of one item through, and counts it once', async () => {
    const before = await counters(localMonth(new Date(), TZ));
    const results = await Promise.all(
      Array.from({ length: 10 }, () => order(tokens[ALICE]!, { medicationIds: [amlodipine.medicationId] })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    for (const lost of results.filter((r) => r.status !== 201)) {
      expect(lost.status).toBe(422);
      expect(lost.json).toMatchObject({ code: 'medication-not-orderable', errors: [{ message: 'pending-request' }] });
    }
    const won = results.find((r) => r.status === 201)!.json;
    const after = await counters(localMonth(new Date(won.requestedAt), TZ));
    expect(after).toEqual({ ordered: before.ordered + 1, items: before.items + 1 });

    const list = await medications(tokens[ALICE]!);
    expect(list.get(amlodipine.medicationId)).toMatchObject({
      orderable: false,
      notOrderableReason: 'pending-request',
      lastOrderedAt: won.requestedAt,
    });
    const own = await api.request<Page<PrescriptionRequest>>('GET', '/prescriptions?status=requested', {
      token: tokens[ALICE]!,
    });
    expect(own.json.items.filter((r) => r.items.some((i) => i.medicationId === amlodipine.medicationId))).toHaveLength(
      1,
    );
  });

  it('withdraws a waiting request, after which the item can be ordered again at once', async () => {
    const pending = (
      await api.request<Page<PrescriptionRequest>>('GET', '/prescriptions?status=requested', { token: tokens[ALICE]! })
    ).json.items[0]!;
    const withdrawn = await post(`/prescriptions/${pending.prescriptionId}/withdraw`, tokens[ALICE]!);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.json.status).toBe('withdrawn');
    const item = (await medications(tokens[ALICE]!)).get(amlodipine.medicationId)!;
    expect(item.orderable).toBe(true);
    expect(item.lastOrderedAt).toBeUndefined();

    expect((await post(`/prescriptions/${pending.prescriptionId}/withdraw`, tokens[ALICE]!)).json.code).toBe(
      'invalid-transition',
    );
    const again = await order(tokens[ALICE]!, { medicationIds: [amlodipine.medicationId], pharmacy: 'FA123' });
    expect(again.status).toBe(201);
    expect(again.headers.get('location')).toBe(`/prescriptions/${again.json.prescriptionId}`);
  });

  it('shows the patient the practice’s reason when it rejects, and frees the item', async () => {
    const queue = await api.request<Page<PrescriptionRequest>>('GET', '/staff/prescriptions?status=requested', {
      token: staff,
    });
    const mine = queue.json.items.find((r) => r.nhsNumber === ALICE)!;
    expect(mine).toBeDefined();
    const missingReason = await post(`/staff/prescriptions/${mine.prescriptionId}/reject`, staff, {});
    expect(missingReason.json.code).toBe('validation-failed');

    const rejected = await post(`/staff/prescriptions/${mine.prescriptionId}/reject`, staff, {
      reason: 'Please book a blood pressure check first',
    });
    expect(rejected.status).toBe(200);
    const seen = await api.request<Rx>('GET', `/prescriptions/${mine.prescriptionId}`, { token: tokens[ALICE]! });
    expect(seen.json).toMatchObject({
      status: 'rejected',
      rejectionReason: 'Please book a blood pressure check first',
    });
    expect(seen.json.decidedAt).toBeDefined();
    const rejectedList = await api.request<Page<PrescriptionRequest>>('GET', '/prescriptions?status=rejected', {
      token: tokens[ALICE]!,
    });
    expect(rejectedList.json.items.map((r) => r.prescriptionId)).toEqual([mine.prescriptionId]);
    expect((await medications(tokens[ALICE]!)).get(amlodipine.medicationId)!.orderable).toBe(true);
    expect((await post(`/staff/prescriptions/${mine.prescriptionId}/approve`, staff)).json.code).toBe(
      'invalid-transition',
    );
  });

  it('approves and issues; the item is then too soon until minDaysBetweenOrders have passed', async () => {
    const placed = await order(tokens[ALICE]!, { medicationIds: [ramipril.medicationId] });
    const id = placed.json.prescriptionId;
    expect((await post(`/staff/prescriptions/${id}/issue`, staff)).json.code).toBe('invalid-transition');
    expect((await post(`/staff/prescriptions/${id}/approve`, staff)).json.status).toBe('approved');
    expect((await post(`/prescriptions/${id}/withdraw`, tokens[ALICE]!)).json.code).toBe('invalid-transition');
    const issued = await post(`/staff/prescriptions/${id}/issue`, staff);
    expect(issued.json).toMatchObject({ status: 'issued' });
    expect(issued.json.issuedAt).toBeDefined();
    expect((await post(`/staff/prescriptions/${id}/issue`, staff)).json.code).toBe('invalid-transition');

    const item = (await medications(tokens[ALICE]!)).get(ramipril.medicationId)!;
    expect(item).toMatchObject({
      orderable: false,
      notOrderableReason: 'too-soon',
      nextOrderableDate: addDays(localDate(new Date(placed.json.requestedAt), TZ), 28),
    });
    const refused = await order(tokens[ALICE]!, { medicationIds: [ramipril.medicationId] });
    expect(refused.json).toMatchObject({ code: 'medication-not-orderable', errors: [{ message: 'too-soon' }] });
  });
});

describe('privacy and gates', () => {
  let aliceRequest: string;
  let bobItem: Medication;

  beforeAll(async () => {
    const med = await addMedication(ALICE, { name: 'Omeprazole 20mg gastro-resistant capsules' });
    aliceRequest = (await order(tokens[ALICE]!, { medicationIds: [med.medicationId] })).json.prescriptionId;
    bobItem = await addMedication(BOB, { name: 'Sertraline 50mg tablets' });
  });

  it('answers 404 for another patient’s request, and 422 medication-not-found for their item', async () => {
    const read = await api.request<ProblemBody>('GET', `/prescriptions/${aliceRequest}`, { token: tokens[BOB]! });
    expect(read.status).toBe(404);
    expect(read.json.code).toBe('not-found');
    expect((await post(`/prescriptions/${aliceRequest}/withdraw`, tokens[BOB]!)).status).toBe(404);
    const stolen = await order(tokens[ALICE]!, { medicationIds: [bobItem.medicationId] });
    expect(stolen.status).toBe(422);
    expect(stolen.json.code).toBe('medication-not-found');
    const bobs = await api.request<Page<PrescriptionRequest>>('GET', '/prescriptions', { token: tokens[BOB]! });
    expect(bobs.json.items).toEqual([]);
  });

  it('shows another practice’s staff nothing, and lets them act on nothing', async () => {
    const all = await api.request<Page<PrescriptionRequest>>('GET', '/staff/prescriptions', { token: otherStaff });
    expect(all.json.items.every((r) => r.practice === OTHER_PRACTICE)).toBe(true);
    expect(all.json.items.map((r) => r.prescriptionId)).not.toContain(aliceRequest);
    const queue = await api.request<Page<PrescriptionRequest>>('GET', '/staff/prescriptions?status=requested', {
      token: otherStaff,
    });
    expect(queue.json.items.map((r) => r.prescriptionId)).not.toContain(aliceRequest);
    expect((await post(`/staff/prescriptions/${aliceRequest}/approve`, otherStaff)).status).toBe(404);
    expect(
      (
        await api.request('POST', `/staff/patients/${ALICE}/medications`, {
          token: otherStaff,
          body: { name: 'X', dosage: 'Y', quantity: 1, reviewDate: today() },
        })
      ).status,
    ).toBe(404);
  });

  it('answers 403 service-not-enabled on every patient route when the patient or the practice has not enabled prescriptions', async () => {
    const carol = tokens[CAROL]!;
    for (const [method, path, body] of [
      ['GET', '/medications', undefined],
      ['POST', '/prescriptions', { medicationIds: ['x'] }],
      ['GET', '/prescriptions', undefined],
      ['GET', '/prescriptions/x', undefined],
      ['POST', '/prescriptions/x/withdraw', undefined],
    ] as const) {
      const res = await api.request<ProblemBody>(method, path, { token: carol, body });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.json.code).toBe('service-not-enabled');
    }
    const siobhan = await api.tokenFor({ role: 'patient', practice: OTHER_PRACTICE, nhsNumber: '9990000050' });
    expect((await api.request('GET', '/medications', { token: siobhan })).status).toBe(200);
    const off = await api.request('PUT', '/staff/practice/settings', {
      token: otherStaff,
      body: { servicesOffered: { prescriptions: false } },
    });
    expect(off.status).toBe(200);
    try {
      expect((await api.request<ProblemBody>('GET', '/medications', { token: siobhan })).json.code).toBe(
        'service-not-enabled',
      );
    } finally {
      await api.request('PUT', '/staff/practice/settings', {
        token: otherStaff,
        body: { servicesOffered: { prescriptions: true } },
      });
    }
  });
});

describe('Idempotency-Key', () => {
  it('replays an order sent twice with the same key, writing nothing the second time', async () => {
    const med = await addMedication(DAVE, { name: 'Levothyroxine 75micrograms tablets' });
    const body = { medicationIds: [med.medicationId], note: 'Please send to my usual pharmacy' };
    const first = await order(tokens[DAVE]!, body, { 'idempotency-key': 'order-1' });
    expect(first.status).toBe(201);
    const month = localMonth(new Date(first.json.requestedAt), TZ);
    const before = await counters(month);

    const again = await order(tokens[DAVE]!, body, { 'idempotency-key': 'order-1' });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.json).toEqual(first.json);
    expect(await counters(month)).toEqual(before);
    const own = await api.request<Page<PrescriptionRequest>>('GET', '/prescriptions', { token: tokens[DAVE]! });
    expect(own.json.items).toHaveLength(1);

    const reused = await order(tokens[DAVE]!, { ...body, note: 'something else' }, { 'idempotency-key': 'order-1' });
    expect(reused.status).toBe(422);
    expect(reused.json.code).toBe('idempotency-key-reuse');
  });

  it('replays a withdrawal sent twice with the same key', async () => {
    const placed = (await api.request<Page<PrescriptionRequest>>('GET', '/prescriptions', { token: tokens[DAVE]! }))
      .json.items[0]!;
    const first = await post(`/prescriptions/${placed.prescriptionId}/withdraw`, tokens[DAVE]!, undefined, {
      'idempotency-key': 'w-1',
    });
    const again = await post(`/prescriptions/${placed.prescriptionId}/withdraw`, tokens[DAVE]!, undefined, {
      'idempotency-key': 'w-1',
    });
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.json).toEqual(first.json);
  });
});
