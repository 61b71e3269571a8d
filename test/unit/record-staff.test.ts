import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler as listAudit } from '../../functions/api/audit/list.ts';
import { handler as replaceRecord } from '../../functions/api/record/replace.ts';
import { apiEvent, invoke, PATIENT_CLAIMS, STAFF_CLAIMS } from '../support/events.ts';
import { useMockedTableAt, useUnitEnv } from '../support/unit-env.ts';
import { keys } from '../../functions/store/keys.ts';
import { itemIn, itemOn, NHS_NUMBER, PRACTICE } from '../support/builders.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const NOW = '2026-11-26T10:00:00.000Z';

const record = {
  allergies: [{ code: '91936005', display: 'Allergy to penicillin', date: '2003-06-14' }],
  problems: [{ code: '38341003', display: 'Hypertension', date: '2009-08-05' }],
  immunisations: [{ code: '86198006', display: 'Seasonal influenza vaccination', date: '2025-10-07' }],
  testResults: [],
};

const putEvent = (
  body: unknown,
  options: { nhsNumber?: string; claims?: Record<string, string>; headers?: Record<string, string> } = {},
) => {
  const nhsNumber = options.nhsNumber ?? '9990000018';
  return apiEvent({
    method: 'PUT',
    path: `/staff/patients/${nhsNumber}/record`,
    routeKey: 'PUT /staff/patients/{nhsNumber}/record',
    params: { nhsNumber },
    body,
    claims: options.claims ?? STAFF_CLAIMS,
    headers: { 'content-type': 'application/json', ...options.headers },
  });
};

const auditEvent = (query: Record<string, string> = {}, claims: Record<string, string> = STAFF_CLAIMS) =>
  apiEvent({ method: 'GET', path: '/staff/audit', query, claims });

function auditItem(at: string, nhsNumber = '9990000018', level = 'detailed') {
  return {
    PK: 'AUDIT#A99001',
    SK: `${at}#a1`,
    entity: 'audit',
    practice: 'A99001',
    auditId: 'a1',
    at,
    actor: `patient-${nhsNumber}`,
    nhsNumber,
    action: 'view',
    level,
    GSI1PK: `AUDIT#A99001#${nhsNumber}`,
    GSI1SK: `${at}#a1`,
  };
}

describe('PUT /staff/patients/{nhsNumber}/record (DynamoDB mocked)', () => {
  useMockedTableAt(ddb, NOW);

  it('replaces every section in ONE TransactWriteItems, guarded by the patient being registered here', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    const res = await invoke(replaceRecord, putEvent(record));
    expect(res.statusCode).toBe(200);
    expect(res.json).toEqual({ nhsNumber: '9990000018', ...record, updatedAt: NOW });
    expect(ddb.calls()).toHaveLength(1);
    const items = ddb.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(items).toHaveLength(6);
    expect(itemOn(items, keys.patient(PRACTICE, NHS_NUMBER)).ConditionCheck).toMatchObject({
      ConditionExpression: 'attribute_exists(PK)',
    });
    // The staff change is audited in the same transaction.
    expect(itemIn(items, keys.auditPartition(PRACTICE)).Put!.Item).toMatchObject({
      actor: 'staff-A99001',
      role: 'staff',
      nhsNumber: NHS_NUMBER,
      action: 'replace-record',
    });
    const sections = ['allergies', 'problems', 'immunisations', 'testResults'] as const;
    const puts = sections.map((name) => itemOn(items, keys.recordSection(PRACTICE, NHS_NUMBER, name)).Put!.Item!);
    // One revision across the sections: a reader can tell a whole record from a torn one.
    expect(new Set(puts.map((p) => String(p.revision))).size).toBe(1);
    expect(puts[3]!.entries).toEqual([]);
    expect(puts[0]).toMatchObject({ entries: record.allergies, updatedAt: NOW, updatedBy: 'staff-A99001' });
  });

  it('answers 404 not-found when the patient is not registered at the caller’s practice', async () => {
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: [
          { Code: 'ConditionalCheckFailed' },
          { Code: 'None' },
          { Code: 'None' },
          { Code: 'None' },
          { Code: 'None' },
          { Code: 'None' },
        ],
      }),
    );
    const res = await invoke(replaceRecord, putEvent(record));
    expect(res.statusCode).toBe(404);
    expect(res.json.code).toBe('not-found');
  });

  it('writes into the caller’s own practice only', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    await invoke(replaceRecord, putEvent(record, { claims: { sub: 'staff-b', role: 'staff', practice: 'A99002' } }));
    const items = ddb.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(itemOn(items, keys.patient('A99002', NHS_NUMBER)).ConditionCheck).toBeDefined();
    for (const name of ['allergies', 'problems', 'immunisations', 'testResults']) {
      expect(itemOn(items, keys.recordSection('A99002', NHS_NUMBER, name)).Put).toBeDefined();
    }
    expect(itemIn(items, keys.auditPartition('A99002')).Put).toBeDefined();
    expect(items).toHaveLength(6);
  });

  it('answers 400 validation-failed naming each bad field, writing nothing', async () => {
    const res = await invoke(
      replaceRecord,
      putEvent({ ...record, allergies: [{ code: '91936006', display: 'Allergy to penicillin', severity: 'high' }] }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json.code).toBe('validation-failed');
    expect(res.json.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'allergies.0' })]));
    expect(ddb.calls()).toHaveLength(0);
  });

  it('answers 400 for an invalid NHS number in the path', async () => {
    const res = await invoke(replaceRecord, putEvent(record, { nhsNumber: '9990000019' }));
    expect(res.statusCode).toBe(400);
    expect(res.json.errors).toEqual([expect.objectContaining({ path: 'nhsNumber' })]);
  });

  it('answers 415 for a body that is not JSON, and 403 to a patient token', async () => {
    expect(
      (await invoke(replaceRecord, putEvent(record, { headers: { 'content-type': 'text/plain' } }))).statusCode,
    ).toBe(415);
    const asPatient = await invoke(replaceRecord, putEvent(record, { claims: PATIENT_CLAIMS }));
    expect(asPatient.statusCode).toBe(403);
    expect(asPatient.json.code).toBe('forbidden');
    expect(ddb.calls()).toHaveLength(0);
  });
});

describe('GET /staff/audit (DynamoDB mocked)', () => {
  beforeAll(useUnitEnv);
  beforeEach(() => ddb.reset());

  it('lists the caller’s practice partition newest first (one strongly consistent Query)', async () => {
    ddb.on(QueryCommand).resolves({
      Items: [auditItem('2026-11-26T10:00:00.000Z'), auditItem('2026-11-25T09:00:00.000Z', '9990000026', 'summary')],
    });
    const res = await invoke(listAudit, auditEvent());
    expect(res.statusCode).toBe(200);
    expect(res.json).toEqual({
      items: [
        {
          at: '2026-11-26T10:00:00.000Z',
          actor: 'patient-9990000018',
          role: 'patient',
          nhsNumber: '9990000018',
          action: 'view',
          level: 'detailed',
        },
        {
          at: '2026-11-25T09:00:00.000Z',
          actor: 'patient-9990000026',
          role: 'patient',
          nhsNumber: '9990000026',
          action: 'view',
          level: 'summary',
        },
      ],
    });
    expect(ddb.calls()).toHaveLength(1);
    expect(ddb.commandCalls(QueryCommand)[0]!.args[0].input).toMatchObject({
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': 'AUDIT#A99001' },
      ScanIndexForward: false,
      ConsistentRead: true,
      Limit: 50,
    });
  });

  it('filters one patient through GSI1 and a window whose dates are practice-local days', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    await invoke(listAudit, auditEvent({ nhsNumber: '9990000018', from: '2026-07-01', to: '2026-07-31', limit: '10' }));
    expect(ddb.commandCalls(QueryCommand)[0]!.args[0].input).toMatchObject({
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': 'AUDIT#A99001#9990000018',
        // BST: local midnight is 23:00 UTC the day before; `to` covers the whole of 31 July.
        ':from': '2026-06-30T23:00:00.000Z',
        ':to': '2026-07-31T23:00:00.000Z',
      },
      ScanIndexForward: false,
      Limit: 10,
    });
  });

  it('uses an open-ended condition when only from or only to is given', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    await invoke(listAudit, auditEvent({ from: '2026-11-01T00:00:00Z' }));
    await invoke(listAudit, auditEvent({ to: '2026-11-01T00:00:00+01:00' }));
    const [a, b] = ddb.commandCalls(QueryCommand).map((c) => c.args[0].input);
    expect(a).toMatchObject({
      KeyConditionExpression: 'PK = :pk AND SK >= :from',
      ExpressionAttributeValues: { ':from': '2026-11-01T00:00:00.000Z' },
    });
    expect(b).toMatchObject({
      KeyConditionExpression: 'PK = :pk AND SK < :to',
      ExpressionAttributeValues: { ':to': '2026-10-31T23:00:00.000Z' },
    });
  });

  it('pages with an opaque nextToken that only works for the practice (and patient) that issued it', async () => {
    const lastKey = { PK: 'AUDIT#A99001', SK: '2026-11-25T09:00:00.000Z#a1' };
    ddb.on(QueryCommand).resolves({ Items: [auditItem('2026-11-25T09:00:00.000Z')], LastEvaluatedKey: lastKey });
    const first = await invoke(listAudit, auditEvent({ limit: '1' }));
    const nextToken = String(first.json.nextToken);
    expect(nextToken).not.toContain('AUDIT');

    ddb.reset();
    ddb.on(QueryCommand).resolves({ Items: [] });
    await invoke(listAudit, auditEvent({ limit: '1', nextToken }));
    expect(ddb.commandCalls(QueryCommand)[0]!.args[0].input.ExclusiveStartKey).toEqual(lastKey);

    const otherPractice = await invoke(
      listAudit,
      auditEvent({ nextToken }, { sub: 'staff-b', role: 'staff', practice: 'A99002' }),
    );
    expect(otherPractice.statusCode).toBe(400);
    const otherQuery = await invoke(listAudit, auditEvent({ nextToken, nhsNumber: '9990000018' }));
    expect(otherQuery.statusCode).toBe(400);
    expect(ddb.commandCalls(QueryCommand)).toHaveLength(1);
  });

  it('queries only the caller’s practice, so another practice’s staff never reach these entries', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    await invoke(
      listAudit,
      auditEvent({ nhsNumber: '9990000018' }, { sub: 'staff-b', role: 'staff', practice: 'A99002' }),
    );
    expect(ddb.commandCalls(QueryCommand)[0]!.args[0].input.ExpressionAttributeValues![':pk']).toBe(
      'AUDIT#A99002#9990000018',
    );
  });

  it('answers 400 when to is not after from, and 403 to a patient', async () => {
    const res = await invoke(listAudit, auditEvent({ from: '2026-11-02', to: '2026-11-01' }));
    expect(res.statusCode).toBe(400);
    expect(res.json.errors).toEqual([{ path: 'to', message: 'must be after from' }]);
    expect((await invoke(listAudit, auditEvent({}, PATIENT_CLAIMS))).statusCode).toBe(403);
    expect(ddb.calls()).toHaveLength(0);
  });
});
