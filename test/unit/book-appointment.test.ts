import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { handler as book } from '../../functions/api/appointments/book.ts';
import { apiEvent, invoke } from '../support/events.ts';
import { useMockedTableAt } from '../support/unit-env.ts';
import { aPatient, aSlot } from '../support/builders.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const TABLE = 'patient-online-test';

const patientItem = aPatient();
const slotItem = aSlot();

function givenItems(...items: Record<string, unknown>[]) {
  ddb.on(BatchGetCommand).resolves({ Responses: { [TABLE]: structuredClone(items) } });
}

const bookEvent = (headers: Record<string, string> = {}) =>
  apiEvent({ method: 'POST', path: '/appointments', body: { slotId: 's1' }, headers });

/** A first booking of s1 under `key`, committed: its answer and the key's record it wrote; the mock then reset. */
async function firstBooking(key: string) {
  givenItems(patientItem, slotItem);
  ddb.on(TransactWriteCommand).resolves({});
  const first = await invoke(book, bookEvent({ 'idempotency-key': key }));
  const items = ddb.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
  const record = items.find((i) => i.Put?.Item?.entity === 'idempotency')!.Put!.Item!;
  ddb.reset();
  return { first, record };
}

function cancelled(reasons: { Code: string }[]) {
  return new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: reasons,
  });
}

describe('POST /appointments (DynamoDB mocked)', () => {
  useMockedTableAt(ddb, '2026-11-26T10:00:00Z');

  it('books with one BatchGetItem and one TransactWriteItems', async () => {
    givenItems(patientItem, slotItem);
    ddb.on(TransactWriteCommand).resolves({});
    const res = await invoke(book, bookEvent());
    expect(res.statusCode).toBe(201);
    expect(res.headers.location).toBe(`/appointments/${String(res.json.appointmentId)}`);
    expect(res.json).toMatchObject({ slotId: 's1', status: 'booked', bookedBy: 'patient', nhsNumber: '9990000018' });
    expect(ddb.calls()).toHaveLength(2);
    expect(ddb.commandCalls(BatchGetCommand)).toHaveLength(1);
    const [tx] = ddb.commandCalls(TransactWriteCommand);
    const items = tx!.args[0].input.TransactItems!;
    // slot, appointment, patient bookkeeping, practice-month counter, activity entry, then the
    // outbox: the confirmation and the reminder, each by e-mail and SMS
    expect(items).toHaveLength(9);
    expect(items.slice(5).map((i) => i.Put?.Item?.messageId as string)).toEqual([
      `appointment-booked.${String(res.json.appointmentId)}.email`,
      `appointment-booked.${String(res.json.appointmentId)}.sms`,
      `appointment-reminder.${String(res.json.appointmentId)}.email`,
      `appointment-reminder.${String(res.json.appointmentId)}.sms`,
    ]);
    expect(items[0]!.Update?.ConditionExpression).toBe('#status = :free');
    // one of the month's counter shards
    expect(items[3]!.Update?.Key).toEqual({
      PK: 'PRACTICE#A99001',
      SK: expect.stringMatching(/^MONTH#2026-11#[0-7]$/) as string,
    });
  });

  it('answers 409 slot-unavailable when the slot was just taken, having written nothing', async () => {
    givenItems(patientItem, slotItem);
    ddb
      .on(TransactWriteCommand)
      .rejects(cancelled([{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }, { Code: 'None' }]));
    const res = await invoke(book, bookEvent());
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.json.code).toBe('slot-unavailable');
    // The only write attempted was the one atomic transaction that DynamoDB cancelled whole.
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(1);
    expect(
      ddb.calls().filter((c) => !(c.args[0] instanceof BatchGetCommand || c.args[0] instanceof TransactWriteCommand)),
    ).toHaveLength(0);
  });

  it('answers 503 with Retry-After when DynamoDB throttles', async () => {
    const throttled = new Error('Rate exceeded');
    throttled.name = 'ThrottlingException';
    ddb.on(BatchGetCommand).rejects(throttled);
    const res = await invoke(book, bookEvent());
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.json.code).toBe('unavailable');
    expect(JSON.stringify(res.json)).not.toMatch(/Throttl|Rate exceeded|DynamoDB/i);
  });

  it('answers 503 when a transaction is cancelled for throttling', async () => {
    givenItems(patientItem, slotItem);
    ddb.on(TransactWriteCommand).rejects(cancelled([{ Code: 'ThrottlingError' }]));
    const res = await invoke(book, bookEvent());
    expect(res.statusCode).toBe(503);
  });

  it('retries a transaction conflict and then reports the slot taken', async () => {
    givenItems(patientItem, slotItem);
    ddb
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled([{ Code: 'TransactionConflict' }]))
      .rejects(cancelled([{ Code: 'ConditionalCheckFailed' }]));
    const res = await invoke(book, bookEvent());
    expect(res.json.code).toBe('slot-unavailable');
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(2);
  });

  it('hides internals of unexpected failures behind a plain 500', async () => {
    ddb
      .on(BatchGetCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'secret table detail', $metadata: {} }));
    const res = await invoke(book, bookEvent());
    expect(res.statusCode).toBe(500);
    expect(res.json.code).toBe('internal');
    expect(JSON.stringify(res.json)).not.toContain('secret');
  });

  it('replays the first response for the same Idempotency-Key and body, writing nothing', async () => {
    const { first, record: idem } = await firstBooking('k-1');
    givenItems(patientItem, slotItem, idem);
    const again = await invoke(book, bookEvent({ 'idempotency-key': 'k-1' }));
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json).toEqual(first.json);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('refuses the same Idempotency-Key with a different body (422 idempotency-key-reuse)', async () => {
    const { record: idem } = await firstBooking('k-2');
    givenItems(patientItem, slotItem, idem);
    const other = apiEvent({
      method: 'POST',
      path: '/appointments',
      body: { slotId: 's1', description: 'different' },
      headers: { 'idempotency-key': 'k-2' },
    });
    const res = await invoke(book, other);
    expect(res.statusCode).toBe(422);
    expect(res.json.code).toBe('idempotency-key-reuse');
  });

  it('replays a twin request that committed between our reads instead of refusing it', async () => {
    const { first, record: idem } = await firstBooking('k-twin');
    // BatchGetItem is not a snapshot: the record was still absent, but the slot already booked by the twin.
    givenItems(patientItem, { ...slotItem, status: 'booked' });
    ddb.on(GetCommand).resolves({ Item: idem });
    const retry = await invoke(book, bookEvent({ 'idempotency-key': 'k-twin' }));
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json).toEqual(first.json);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('answers 409 idempotency-in-progress while the first request keeps the record locked', async () => {
    givenItems(patientItem, slotItem);
    ddb.on(TransactWriteCommand).rejects(cancelled([{ Code: 'None' }, { Code: 'TransactionConflict' }]));
    const res = await invoke(book, bookEvent({ 'idempotency-key': 'k-3' }));
    expect(res.statusCode).toBe(409);
    expect(res.json.code).toBe('idempotency-in-progress');
  });
});
