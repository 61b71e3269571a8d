import { TransactionCanceledException, type CancellationReason } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler as approve } from '../../functions/api/prescriptions/approve.ts';
import { idempotencyOwner } from '../../functions/domain/idempotency.ts';
import { apiEvent, invoke, STAFF_CLAIMS } from '../support/events.ts';
import { useMockedTableAt } from '../support/unit-env.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const PK = 'PATIENT#A99001#9990000018';

const rxItem = {
  PK,
  SK: 'RX#rx1',
  entity: 'prescription',
  prescriptionId: 'rx1',
  practice: 'A99001',
  nhsNumber: '9990000018',
  status: 'requested',
  items: [{ medicationId: 'm1', name: 'Medicine m1', dosage: 'One tablet daily', quantity: 28 }],
  requestedAt: '2026-11-25T09:00:00.000Z',
  previousLastOrderedAt: {},
};

const approveEvent = (key: string) =>
  apiEvent({
    method: 'POST',
    path: '/staff/prescriptions/rx1/approve',
    params: { id: 'rx1' },
    claims: STAFF_CLAIMS,
    headers: { 'idempotency-key': key },
  });

const cancelled = (reasons: CancellationReason[]) =>
  new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: reasons });

const transactItems = () => ddb.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;

describe('POST /staff/prescriptions/{id}/approve with an Idempotency-Key (DynamoDB mocked)', () => {
  useMockedTableAt(ddb, '2026-11-26T10:00:00Z');
  beforeEach(() => {
    ddb.on(QueryCommand).resolves({ Items: [{ PK, SK: 'RX#rx1' }] });
    ddb.on(GetCommand).resolves({ Item: structuredClone(rxItem) });
  });

  it('writes the key’s record first in the transition’s own transaction, in the caller’s key space', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    const res = await invoke(approve, approveEvent('k-1'));
    expect(res.statusCode).toBe(200);
    const [record, request] = transactItems();
    const owner = idempotencyOwner({ role: 'staff', sub: STAFF_CLAIMS.sub, practice: 'A99001' });
    expect(record!.Put!.Item).toMatchObject({ PK: `IDEM#${owner}#k-1`, entity: 'idempotency', status: 200 });
    expect(JSON.parse(String(record!.Put!.Item!.body))).toEqual(res.json);
    expect(request!.Update!.Key).toEqual({ PK, SK: 'RX#rx1' });
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('replays the record its cancelled transaction returned, with no further read', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    const first = await invoke(approve, approveEvent('k-2'));
    const record = transactItems()[0]!.Put!.Item!;
    ddb.reset();
    ddb.on(QueryCommand).resolves({ Items: [{ PK, SK: 'RX#rx1' }] });
    // The index and the read still show the request `requested`: the record's condition explains.
    ddb.on(GetCommand).resolves({ Item: structuredClone(rxItem) });
    ddb
      .on(TransactWriteCommand)
      .rejects(cancelled([{ Code: 'ConditionalCheckFailed', Item: marshall(record) }, { Code: 'None' }]));
    const again = await invoke(approve, approveEvent('k-2'));
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json).toEqual(first.json);
    expect(ddb.commandCalls(GetCommand)).toHaveLength(1);
  });

  it('answers 409 idempotency-in-progress while a twin keeps the items locked', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled([{ Code: 'TransactionConflict' }, { Code: 'None' }]));
    const res = await invoke(approve, approveEvent('k-3'));
    expect(res.statusCode).toBe(409);
    expect(res.json.code).toBe('idempotency-in-progress');
  });
});
