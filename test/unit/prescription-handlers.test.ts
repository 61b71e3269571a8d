import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { handler as addMedication } from '../../functions/api/medications/add.ts';
import { handler as listMedications } from '../../functions/api/medications/list.ts';
import { handler as approve } from '../../functions/api/prescriptions/approve.ts';
import { handler as getPrescription } from '../../functions/api/prescriptions/get.ts';
import { handler as order } from '../../functions/api/prescriptions/order.ts';
import { handler as reject } from '../../functions/api/prescriptions/reject.ts';
import { handler as staffList } from '../../functions/api/prescriptions/staff-list.ts';
import { handler as withdraw } from '../../functions/api/prescriptions/withdraw.ts';
import { idempotencyOwner } from '../../functions/domain/idempotency.ts';
import { apiEvent, invoke, STAFF_CLAIMS } from '../support/events.ts';
import { useMockedTableAt } from '../support/unit-env.ts';
import { keys } from '../../functions/store/keys.ts';
import { aMedication, aPatient, aPrescription, NHS_NUMBER, practiceSettings, PRACTICE } from '../support/builders.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const TABLE = 'patient-online-test';
const PATIENT_PARTITION = keys.patientPartition(PRACTICE, NHS_NUMBER);

const patientItem = aPatient();

const medItem = (id: string, over: Record<string, unknown> = {}) => aMedication(id, { version: 4, ...over });

const rxItem = (status: string, over: Record<string, unknown> = {}) =>
  aPrescription(status, { previousLastOrderedAt: { m1: '2026-10-01T09:00:00.000Z' }, ...over });

const settingsItem = (servicesOffered: Record<string, boolean>) => practiceSettings(servicesOffered);

function givenItems(...items: Record<string, unknown>[]) {
  ddb.on(BatchGetCommand).resolves({ Responses: { [TABLE]: structuredClone(items) } });
}

function cancelled(reasons: { Code: string; Item?: unknown }[]) {
  return new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: reasons as never,
  });
}

const orderEvent = (body: unknown, headers: Record<string, string> = {}) =>
  apiEvent({ method: 'POST', path: '/prescriptions', body, headers });

const transactItems = (n = 0) => ddb.commandCalls(TransactWriteCommand)[n]!.args[0].input.TransactItems!;

/** A first order of m1 under `key`, committed: its answer and the key's record it wrote; the mock then reset. */
async function firstOrder(key: string) {
  givenItems(patientItem, medItem('m1'));
  ddb.on(TransactWriteCommand).resolves({});
  const first = await invoke(order, orderEvent({ medicationIds: ['m1'] }, { 'idempotency-key': key }));
  const record = transactItems().find((i) => i.Put?.Item?.entity === 'idempotency')!.Put!.Item!;
  ddb.reset();
  return { first, record };
}

describe('repeat prescription handlers (DynamoDB mocked, fixed clock)', () => {
  useMockedTableAt(ddb, '2026-11-26T10:00:00Z');

  describe('POST /prescriptions', () => {
    it('orders with one BatchGetItem and one TransactWriteItems that also moves the items and the counters', async () => {
      givenItems(patientItem, medItem('m1'), medItem('m2', { lastOrderedAt: '2026-10-01T09:00:00.000Z' }));
      ddb.on(TransactWriteCommand).resolves({});
      const res = await invoke(
        order,
        orderEvent({ medicationIds: ['m1', 'm2'], pharmacy: 'FA123', note: 'Going away on Friday' }),
      );

      expect(res.statusCode).toBe(201);
      expect(res.json).toMatchObject({
        status: 'requested',
        practice: 'A99001',
        nhsNumber: '9990000018',
        pharmacy: 'FA123',
        note: 'Going away on Friday',
        requestedAt: '2026-11-26T10:00:00.000Z',
        items: [
          { medicationId: 'm1', name: 'Medicine m1', dosage: 'One tablet daily', quantity: 28 },
          { medicationId: 'm2', name: 'Medicine m2', dosage: 'One tablet daily', quantity: 28 },
        ],
      });
      expect(res.json).not.toHaveProperty('previousLastOrderedAt');
      expect(res.headers.location).toBe(`/prescriptions/${String(res.json.prescriptionId)}`);
      expect(ddb.calls()).toHaveLength(2);
      expect(ddb.commandCalls(BatchGetCommand)[0]!.args[0].input.RequestItems![TABLE]!.Keys).toHaveLength(4);

      const items = transactItems();
      // m1, m2, the request, the practice-month counter, the activity entry
      expect(items).toHaveLength(5);
      expect(items[0]!.Update).toMatchObject({
        Key: keys.medication(PRACTICE, NHS_NUMBER, 'm1'),
        ConditionExpression: 'version = :v AND attribute_not_exists(pendingRequestId)',
        ExpressionAttributeValues: { ':v': 4, ':rx': res.json.prescriptionId, ':now': '2026-11-26T10:00:00.000Z' },
      });
      expect(items[2]!.Put!.Item).toMatchObject({
        SK: `RX#${String(res.json.prescriptionId)}`,
        GSI1PK: 'RXQUEUE#A99001#requested',
        GSI2PK: 'RX#A99001',
        previousLastOrderedAt: { m2: '2026-10-01T09:00:00.000Z' },
      });
      expect(items[3]!.Update).toMatchObject({
        Key: { PK: 'PRACTICE#A99001', SK: expect.stringMatching(/^MONTH#2026-11#[0-7]$/) as string },
        ExpressionAttributeNames: { '#c0': 'prescriptionsOrdered', '#c1': 'prescriptionItemsOrdered' },
        ExpressionAttributeValues: { ':c0': 1, ':c1': 2 },
      });
      expect(items[4]!.Put!.Item).toMatchObject({
        PK: 'ACTIVITY#A99001#2026-11',
        kind: 'prescription-ordered',
        items: 2,
      });
    });

    it('answers 422 medication-not-orderable naming each refused item and its reason, writing nothing', async () => {
      givenItems(
        patientItem,
        medItem('m1'),
        medItem('m2', { pendingRequestId: 'rx0', lastOrderedAt: '2026-11-25T09:00:00.000Z' }),
        medItem('m3', { reviewDate: '2026-11-25' }),
      );
      const res = await invoke(order, orderEvent({ medicationIds: ['m1', 'm2', 'm3'] }));
      expect(res.statusCode).toBe(422);
      expect(res.json).toMatchObject({
        code: 'medication-not-orderable',
        errors: [
          { path: 'medicationIds.1', message: 'pending-request' },
          { path: 'medicationIds.2', message: 'review-overdue' },
        ],
      });
      expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
    });

    it('answers 422 medication-not-found for an id not on the patient’s own list', async () => {
      givenItems(patientItem, medItem('m1'));
      const res = await invoke(order, orderEvent({ medicationIds: ['m1', 'someone-elses'] }));
      expect(res.statusCode).toBe(422);
      expect(res.json).toMatchObject({ code: 'medication-not-found', errors: [{ path: 'medicationIds.1' }] });
      // Only the caller's own partition was asked.
      const asked = ddb.commandCalls(BatchGetCommand)[0]!.args[0].input.RequestItems![TABLE]!.Keys!;
      const medications = asked.filter((k) => String(k.SK).startsWith(keys.medicationPrefix));
      expect(medications.every((k) => k.PK === PATIENT_PARTITION)).toBe(true);
    });

    it.each([
      ['the practice does not offer online prescriptions', settingsItem({ prescriptions: false }), patientItem],
      [
        'the patient is not enabled for them',
        settingsItem({}),
        aPatient({ services: { appointments: true, prescriptions: false, record: 'summary' } }),
      ],
    ])('answers 403 service-not-enabled when %s', async (_why, settings, patient) => {
      givenItems(patient, settings, medItem('m1'));
      const res = await invoke(order, orderEvent({ medicationIds: ['m1'] }));
      expect(res.statusCode).toBe(403);
      expect(res.json.code).toBe('service-not-enabled');
      expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
    });

    it.each([
      ['a repeated item', { medicationIds: ['m1', 'm1'] }],
      ['more than ten items', { medicationIds: Array.from({ length: 11 }, (_, i) => `m${i}`) }],
      ['no items', { medicationIds: [] }],
      ['a pharmacy that is not an ODS code', { medicationIds: ['m1'], pharmacy: 'boots' }],
      ['a note over 500 characters', { medicationIds: ['m1'], note: 'x'.repeat(501) }],
      ['an unknown field', { medicationIds: ['m1'], urgent: true }],
    ])('answers 400 validation-failed for %s', async (_why, body) => {
      const res = await invoke(order, orderEvent(body));
      expect(res.statusCode).toBe(400);
      expect(res.json.code).toBe('validation-failed');
      expect(ddb.calls()).toHaveLength(0);
    });

    it('loses a race for an item: re-reads, then refuses with the reason the list now shows', async () => {
      ddb
        .on(BatchGetCommand)
        .resolvesOnce({ Responses: { [TABLE]: [patientItem, medItem('m1')] } })
        .resolves({
          Responses: {
            [TABLE]: [
              patientItem,
              medItem('m1', { pendingRequestId: 'winner', lastOrderedAt: '2026-11-26T09:59:59.000Z', version: 5 }),
            ],
          },
        });
      ddb.on(TransactWriteCommand).rejects(cancelled([{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }]));
      const res = await invoke(order, orderEvent({ medicationIds: ['m1'] }));
      expect(res.statusCode).toBe(422);
      expect(res.json).toMatchObject({
        code: 'medication-not-orderable',
        errors: [{ path: 'medicationIds.0', message: 'pending-request' }],
      });
      expect(ddb.commandCalls(BatchGetCommand)).toHaveLength(2);
      expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(1);
    });

    it('replays the first response for the same Idempotency-Key and body, writing nothing', async () => {
      const { first, record: idem } = await firstOrder('k-1');
      const owner = idempotencyOwner({
        role: 'patient',
        sub: 'patient-9990000018',
        practice: 'A99001',
        nhsNumber: '9990000018',
      });
      expect(idem.PK).toBe(`IDEM#${owner}#k-1`);
      givenItems(patientItem, medItem('m1', { pendingRequestId: first.json.prescriptionId, version: 5 }), idem);
      const again = await invoke(order, orderEvent({ medicationIds: ['m1'] }, { 'idempotency-key': 'k-1' }));
      expect(again.statusCode).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.headers.location).toBe(first.headers.location);
      expect(again.json).toEqual(first.json);
      expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
    });
    it('replays at once when a twin under the same key committed first: its record explains the cancelled order', async () => {
      const { first, record } = await firstOrder('k-2');
      // The twin took the item and wrote the record: both conditions fail, wherever they stand.
      givenItems(patientItem, medItem('m1'));
      ddb
        .on(TransactWriteCommand)
        .callsFake((input: { TransactItems: { Put?: { Item?: Record<string, unknown> } }[] }) => {
          throw cancelled(
            input.TransactItems.map((item) =>
              item.Put?.Item?.entity === 'idempotency'
                ? { Code: 'ConditionalCheckFailed', Item: marshall(record) }
                : { Code: item === input.TransactItems[0] ? 'ConditionalCheckFailed' : 'None' },
            ),
          );
        });
      const again = await invoke(order, orderEvent({ medicationIds: ['m1'] }, { 'idempotency-key': 'k-2' }));
      expect(again.statusCode).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.json).toEqual(first.json);
      // One read and the one transaction: no retry, no second read of the record.
      expect(ddb.calls()).toHaveLength(2);
    });
  });

  describe('GET /medications', () => {
    it('lists with one Query of the patient’s items (the service gate read alongside), each with its orderability', async () => {
      givenItems(patientItem);
      ddb.on(QueryCommand).resolves({
        Items: [
          medItem('m1'),
          medItem('m2', { lastOrderedAt: '2026-11-20T09:00:00.000Z' }),
          medItem('m3', { reviewDate: '2026-11-25' }),
        ],
      });
      const res = await invoke(listMedications, apiEvent({ method: 'GET', path: '/medications' }));
      expect(res.statusCode).toBe(200);
      expect(ddb.commandCalls(QueryCommand)).toHaveLength(1);
      expect(ddb.commandCalls(QueryCommand)[0]!.args[0].input).toMatchObject({
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': PATIENT_PARTITION, ':prefix': keys.medicationPrefix },
      });
      expect(res.json.items).toEqual([
        expect.objectContaining({ medicationId: 'm1', orderable: true }),
        expect.objectContaining({
          medicationId: 'm2',
          orderable: false,
          notOrderableReason: 'too-soon',
          nextOrderableDate: '2026-12-11',
        }),
        expect.objectContaining({ medicationId: 'm3', orderable: false, notOrderableReason: 'review-overdue' }),
      ]);
      expect(JSON.stringify(res.json)).not.toMatch(/version|pendingRequestId|PK/);
    });

    it('answers 403 service-not-enabled for a patient whose practice switched prescriptions off', async () => {
      givenItems(patientItem, settingsItem({ prescriptions: false }));
      ddb.on(QueryCommand).resolves({ Items: [medItem('m1')] });
      const res = await invoke(listMedications, apiEvent({ method: 'GET', path: '/medications' }));
      expect(res.statusCode).toBe(403);
      expect(res.json.code).toBe('service-not-enabled');
    });
  });

  describe('POST /prescriptions/{id}/withdraw', () => {
    const withdrawEvent = () =>
      apiEvent({ method: 'POST', path: '/prescriptions/rx1/withdraw', params: { id: 'rx1' } });

    it('withdraws and, in the same transaction, frees the items and restores their previous last order', async () => {
      givenItems(patientItem, rxItem('requested'));
      ddb.on(TransactWriteCommand).resolves({});
      const res = await invoke(withdraw, withdrawEvent());
      expect(res.statusCode).toBe(200);
      expect(res.json).toMatchObject({ prescriptionId: 'rx1', status: 'withdrawn' });
      const [request, m1, m2] = transactItems();
      expect(request!.Update!.ConditionExpression).toBe('#status = :from');
      expect(request!.Update!.ExpressionAttributeValues).toMatchObject({ ':from': 'requested' });
      expect(Object.values(request!.Update!.ExpressionAttributeValues!)).toContain('RXQUEUE#A99001#withdrawn');
      expect(m1!.Update).toMatchObject({
        Key: keys.medication(PRACTICE, NHS_NUMBER, 'm1'),
        UpdateExpression: 'SET version = version + :one, lastOrderedAt = :previous REMOVE pendingRequestId',
        ConditionExpression: 'pendingRequestId = :rx',
        ExpressionAttributeValues: { ':previous': '2026-10-01T09:00:00.000Z', ':rx': 'rx1' },
      });
      expect(m2!.Update!.UpdateExpression).toBe('SET version = version + :one REMOVE pendingRequestId, lastOrderedAt');
      // A withdrawn request still counts as ordered: no counter moves.
      expect(transactItems()).toHaveLength(3);
    });

    it('answers 409 invalid-transition once the practice has decided', async () => {
      givenItems(patientItem, rxItem('approved'));
      const res = await invoke(withdraw, withdrawEvent());
      expect(res.statusCode).toBe(409);
      expect(res.json.code).toBe('invalid-transition');
      expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
    });

    it('answers 409 invalid-transition when the practice decides between the read and the write', async () => {
      givenItems(patientItem, rxItem('requested'));
      ddb
        .on(TransactWriteCommand)
        .rejects(cancelled([{ Code: 'ConditionalCheckFailed', Item: { status: { S: 'approved' } } }]));
      const res = await invoke(withdraw, withdrawEvent());
      expect(res.statusCode).toBe(409);
      expect(res.json).toMatchObject({ code: 'invalid-transition' });
      expect(String(res.json.detail)).toContain('approved');
    });

    it('answers 404 for a request not in the caller’s own partition', async () => {
      givenItems(patientItem);
      const res = await invoke(withdraw, withdrawEvent());
      expect(res.statusCode).toBe(404);
      expect(res.json.code).toBe('not-found');
    });
  });

  describe('GET /prescriptions/{id}', () => {
    it('shows a rejected request with the reason the practice gave', async () => {
      givenItems(
        patientItem,
        rxItem('rejected', { decidedAt: '2026-11-25T12:00:00.000Z', rejectionReason: 'Please book a review' }),
      );
      const res = await invoke(
        getPrescription,
        apiEvent({ method: 'GET', path: '/prescriptions/rx1', params: { id: 'rx1' } }),
      );
      expect(res.statusCode).toBe(200);
      expect(res.json).toMatchObject({ status: 'rejected', rejectionReason: 'Please book a review' });
      expect(ddb.calls()).toHaveLength(1);
    });
  });

  describe('staff', () => {
    const staffEvent = (
      path: string,
      options: {
        body?: unknown;
        params?: Record<string, string>;
        query?: Record<string, string>;
        method?: string;
      } = {},
    ) => apiEvent({ method: options.method ?? 'POST', path, claims: STAFF_CLAIMS, ...options });

    it('POST /staff/patients/{nhsNumber}/medications adds an item only for a patient registered here, in one transaction', async () => {
      ddb.on(TransactWriteCommand).resolves({});
      const res = await invoke(
        addMedication,
        staffEvent('/staff/patients/9990000018/medications', {
          params: { nhsNumber: '9990000018' },
          body: { name: 'Amlodipine 5mg tablets', dosage: 'One tablet daily', quantity: 28, reviewDate: '2027-05-01' },
        }),
      );
      expect(res.statusCode).toBe(201);
      expect(res.json).toMatchObject({ name: 'Amlodipine 5mg tablets', minDaysBetweenOrders: 21, orderable: true });
      const [check, put] = transactItems();
      expect(check!.ConditionCheck).toMatchObject({
        Key: keys.patient(PRACTICE, NHS_NUMBER),
        ConditionExpression: 'attribute_exists(PK)',
      });
      expect(put!.Put!.Item).toMatchObject({ PK: PATIENT_PARTITION, entity: 'medication', version: 1 });
      expect(ddb.calls()).toHaveLength(1);
    });

    it('answers 404 when the patient is not registered at the caller’s practice', async () => {
      ddb.on(TransactWriteCommand).rejects(cancelled([{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }]));
      const res = await invoke(
        addMedication,
        staffEvent('/staff/patients/9990000018/medications', {
          params: { nhsNumber: '9990000018' },
          body: { name: 'Amlodipine 5mg tablets', dosage: 'One tablet daily', quantity: 28, reviewDate: '2027-05-01' },
        }),
      );
      expect(res.statusCode).toBe(404);
    });

    it('GET /staff/prescriptions?status= is one Query on the practice’s queue for that status, oldest first', async () => {
      ddb.on(QueryCommand).resolves({ Items: [rxItem('requested')] });
      const res = await invoke(
        staffList,
        staffEvent('/staff/prescriptions', { method: 'GET', query: { status: 'requested' } }),
      );
      expect(res.statusCode).toBe(200);
      expect(ddb.commandCalls(QueryCommand)[0]!.args[0].input).toMatchObject({
        IndexName: 'GSI1',
        ExpressionAttributeValues: { ':pk': 'RXQUEUE#A99001#requested' },
        ScanIndexForward: true,
      });
      expect(ddb.calls()).toHaveLength(1);
    });

    it('rejects with a reason: the request leaves the queue and its items are released in one transaction', async () => {
      ddb.on(QueryCommand).resolves({ Items: [keys.prescription(PRACTICE, NHS_NUMBER, 'rx1')] });
      ddb.on(GetCommand).resolves({ Item: rxItem('requested') });
      ddb.on(TransactWriteCommand).resolves({});
      const res = await invoke(
        reject,
        staffEvent('/staff/prescriptions/rx1/reject', {
          params: { id: 'rx1' },
          body: { reason: 'Please book a medication review' },
        }),
      );
      expect(res.statusCode).toBe(200);
      expect(res.json).toMatchObject({
        status: 'rejected',
        rejectionReason: 'Please book a medication review',
        decidedAt: '2026-11-26T10:00:00.000Z',
      });
      expect(ddb.commandCalls(QueryCommand)[0]!.args[0].input).toMatchObject({
        IndexName: 'GSI2',
        ExpressionAttributeValues: { ':pk': 'RX#A99001', ':id': 'rx1' },
      });
      const items = transactItems();
      // the request, its two items, and the patient's message by e-mail and SMS
      expect(items).toHaveLength(5);
      expect(items[1]!.Update!.ExpressionAttributeValues).toMatchObject({ ':previous': '2026-10-01T09:00:00.000Z' });
      expect(items.slice(3).map((i) => i.Put?.Item?.messageId as string)).toEqual([
        'prescription-rejected.rx1.email',
        'prescription-rejected.rx1.sms',
      ]);
    });

    it('approves keeping the items’ last order, only ending their pending state', async () => {
      ddb.on(QueryCommand).resolves({ Items: [keys.prescription(PRACTICE, NHS_NUMBER, 'rx1')] });
      ddb.on(GetCommand).resolves({ Item: rxItem('requested') });
      ddb.on(TransactWriteCommand).resolves({});
      const res = await invoke(approve, staffEvent('/staff/prescriptions/rx1/approve', { params: { id: 'rx1' } }));
      expect(res.statusCode).toBe(200);
      expect(res.json.status).toBe('approved');
      expect(transactItems()[1]!.Update!.UpdateExpression).toBe('SET version = version + :one REMOVE pendingRequestId');
    });

    it('answers 409 invalid-transition for a request already withdrawn, and 404 for one not at the practice', async () => {
      ddb.on(QueryCommand).resolves({ Items: [keys.prescription(PRACTICE, NHS_NUMBER, 'rx1')] });
      ddb.on(GetCommand).resolves({ Item: rxItem('withdrawn') });
      const refused = await invoke(approve, staffEvent('/staff/prescriptions/rx1/approve', { params: { id: 'rx1' } }));
      expect(refused.statusCode).toBe(409);
      expect(refused.json.code).toBe('invalid-transition');
      ddb.reset();
      ddb.on(QueryCommand).resolves({ Items: [] });
      const missing = await invoke(
        approve,
        staffEvent('/staff/prescriptions/nope/approve', { params: { id: 'nope' } }),
      );
      expect(missing.statusCode).toBe(404);
    });
  });
});
