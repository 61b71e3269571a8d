import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { handler as getRecord } from '../../functions/api/record/get.ts';
import { apiEvent, invoke, PATIENT_CLAIMS, STAFF_CLAIMS } from '../support/events.ts';
import { useMockedTableAt } from '../support/unit-env.ts';
import { keys } from '../../functions/store/keys.ts';
import {
  aMedication,
  aPatient,
  aRecordSection,
  itemIn,
  itemOn,
  monthCounter,
  NHS_NUMBER,
  PRACTICE,
} from '../support/builders.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const NOW = '2026-11-26T10:00:00.000Z';

const profile = (record: 'none' | 'summary' | 'detailed', nhsNumber = NHS_NUMBER, practice = PRACTICE) =>
  aPatient({ practice, nhsNumber, services: { appointments: true, prescriptions: true, record } });

const section = (name: string, entries: unknown[], revision = 'rev1') => aRecordSection(name, entries, { revision });

const medication = aMedication('m1', {
  name: 'Salbutamol 100micrograms/dose inhaler',
  dosage: 'Two puffs when required',
  quantity: 1,
  reviewDate: '2027-01-01',
});

const fullRecord = (revision = 'rev1') => [
  section('allergies', [{ code: '91936005', display: 'Allergy to penicillin', date: '2003-06-14' }], revision),
  section('immunisations', [{ code: '86198006', display: 'Seasonal influenza vaccination' }], revision),
  section('problems', [{ code: '195967001', display: 'Asthma' }], revision),
  section('testResults', [{ display: 'Blood pressure: 118/76 mmHg', date: '2025-09-30' }], revision),
];

/** The partition's view range as DynamoDB returns it (sort-key order). */
function givenPartition(...items: Record<string, unknown>[]) {
  ddb.on(QueryCommand).resolves({ Items: structuredClone(items) });
}

const recordEvent = (claims: Record<string, string> = PATIENT_CLAIMS, query?: Record<string, string>) =>
  apiEvent({ method: 'GET', path: '/record', claims, ...(query ? { query } : {}) });

function cancelled(reasons: { Code: string }[]) {
  return new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: reasons,
  });
}

const transactItems = (n = 0) => ddb.commandCalls(TransactWriteCommand)[n]!.args[0].input.TransactItems!;
/** The audit entry a record view writes, wherever the transaction puts it. */
const auditOf = (n = 0, practice = PRACTICE) => itemIn(transactItems(n), keys.auditPartition(practice)).Put!;

describe('GET /record (DynamoDB mocked)', () => {
  useMockedTableAt(ddb, NOW);

  it('reads with ONE Query and audits + counts with ONE TransactWriteItems', async () => {
    givenPartition(medication, profile('detailed'), ...fullRecord());
    ddb.on(TransactWriteCommand).resolves({});
    const res = await invoke(getRecord, recordEvent());
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(ddb.calls()).toHaveLength(2);

    const [query] = ddb.commandCalls(QueryCommand);
    expect(query!.args[0].input).toMatchObject({
      KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': 'PATIENT#A99001#9990000018', ':from': 'MED#', ':to': 'RECORD#\uffff' },
      ConsistentRead: true,
    });

    const items = transactItems();
    expect(items).toHaveLength(4);
    // the practice still offers record access
    expect(itemOn(items, keys.practiceSettings(PRACTICE)).ConditionCheck).toBeDefined();
    // the append-only audit entry
    const audit = auditOf();
    expect(audit.ConditionExpression).toBe('attribute_not_exists(PK)');
    expect(audit.Item).toMatchObject({
      at: NOW,
      actor: 'patient-9990000018',
      nhsNumber: NHS_NUMBER,
      action: 'view',
      level: 'detailed',
      GSI1PK: keys.auditPatientPartition(PRACTICE, NHS_NUMBER),
    });
    expect(audit.Item!.SK).toBe(keys.auditSort(NOW, String(audit.Item!.auditId)));
    // the practice-month counter and its activity entry for rollup --verify
    expect(itemOn(items, monthCounter(PRACTICE, '2026-11')).Update).toMatchObject({
      ExpressionAttributeNames: { '#c0': 'recordViews' },
      ExpressionAttributeValues: { ':c0': 1 },
    });
    expect(itemIn(items, keys.activityPartition(PRACTICE, '2026-11')).Put!.Item).toMatchObject({
      kind: 'record-viewed',
      ref: String(audit.Item!.auditId),
    });
  });

  it('returns every section at the detailed level, medications from the repeat list', async () => {
    givenPartition(medication, profile('detailed'), ...fullRecord());
    ddb.on(TransactWriteCommand).resolves({});
    const res = await invoke(getRecord, recordEvent());
    expect(res.json).toEqual({
      level: 'detailed',
      demographics: { nhsNumber: '9990000018', name: 'Olivia Bennett', dateOfBirth: '1984-03-12' },
      allergies: [{ code: '91936005', display: 'Allergy to penicillin', date: '2003-06-14' }],
      medications: [
        {
          medicationId: 'm1',
          name: 'Salbutamol 100micrograms/dose inhaler',
          dosage: 'Two puffs when required',
          quantity: 1,
        },
      ],
      problems: [{ code: '195967001', display: 'Asthma' }],
      immunisations: [{ code: '86198006', display: 'Seasonal influenza vaccination' }],
      testResults: [{ display: 'Blood pressure: 118/76 mmHg', date: '2025-09-30' }],
      updatedAt: '2026-11-01T09:00:00.000Z',
    });
  });

  it('leaves detailed-only sections out at the summary level, and audits the level shown', async () => {
    givenPartition(medication, profile('summary'), ...fullRecord());
    ddb.on(TransactWriteCommand).resolves({});
    const res = await invoke(getRecord, recordEvent());
    expect(res.statusCode).toBe(200);
    expect(res.json.level).toBe('summary');
    expect(Object.keys(res.json).sort()).toEqual(['allergies', 'demographics', 'level', 'medications', 'updatedAt']);
    expect(auditOf().Item!.level).toBe('summary');
  });

  it('answers 403 service-not-enabled for record access "none", writing nothing', async () => {
    givenPartition(profile('none'), ...fullRecord());
    const res = await invoke(getRecord, recordEvent());
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.json.code).toBe('service-not-enabled');
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('answers 403 service-not-enabled to a patient not registered at the practice, writing nothing', async () => {
    givenPartition();
    const res = await invoke(getRecord, recordEvent());
    expect(res.json.code).toBe('service-not-enabled');
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('answers 403 service-not-enabled when the practice does not offer record access: the whole write is cancelled', async () => {
    givenPartition(profile('detailed'), ...fullRecord());
    ddb
      .on(TransactWriteCommand)
      .rejects(cancelled([{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }, { Code: 'None' }, { Code: 'None' }]));
    const res = await invoke(getRecord, recordEvent());
    expect(res.statusCode).toBe(403);
    expect(res.json).toMatchObject({
      code: 'service-not-enabled',
      detail: 'Your practice does not offer online record access',
    });
    expect(JSON.stringify(res.json)).not.toContain('Asthma');
  });

  it('answers 403 forbidden to a staff token, without touching the table', async () => {
    const res = await invoke(getRecord, recordEvent(STAFF_CLAIMS));
    expect(res.statusCode).toBe(403);
    expect(res.json.code).toBe('forbidden');
    expect(ddb.calls()).toHaveLength(0);
  });

  it('reads only the partition named by the token’s practice and nhs_number, whatever other claims say', async () => {
    givenPartition(profile('detailed', '9990000026', 'A99002'));
    ddb.on(TransactWriteCommand).resolves({});
    const claims = {
      sub: 'patient-x',
      role: 'patient',
      practice: 'A99002',
      nhs_number: '9990000026',
      nhsNumber: '9990000018',
      'custom:nhs_number': '9990000018',
      'custom:practice': 'A99001',
    };
    const res = await invoke(getRecord, recordEvent(claims));
    expect(res.statusCode).toBe(200);
    expect(ddb.commandCalls(QueryCommand)[0]!.args[0].input.ExpressionAttributeValues![':pk']).toBe(
      'PATIENT#A99002#9990000026',
    );
    const audit = auditOf(0, 'A99002').Item!;
    expect(audit).toMatchObject({ nhsNumber: '9990000026', actor: 'patient-x' });
  });

  it('refuses any query parameter with 400 validation-failed: whose record is read is not up for negotiation', async () => {
    const res = await invoke(getRecord, recordEvent(PATIENT_CLAIMS, { nhsNumber: '9990000026' }));
    expect(res.statusCode).toBe(400);
    expect(res.json.code).toBe('validation-failed');
    expect(ddb.calls()).toHaveLength(0);
  });

  it('sends the same audit entry again after a transaction conflict, so the view is audited once', async () => {
    givenPartition(profile('detailed'), ...fullRecord());
    ddb
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled([{ Code: 'None' }, { Code: 'None' }, { Code: 'TransactionConflict' }, { Code: 'None' }]))
      .resolves({});
    const res = await invoke(getRecord, recordEvent());
    expect(res.statusCode).toBe(200);
    expect(ddb.commandCalls(QueryCommand)).toHaveLength(1);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(2);
    expect(auditOf(1).Item).toEqual(auditOf(0).Item);
  });

  it('answers 503 with Retry-After when conflicts persist, having written nothing', async () => {
    givenPartition(profile('detailed'), ...fullRecord());
    ddb
      .on(TransactWriteCommand)
      .rejects(cancelled([{ Code: 'None' }, { Code: 'None' }, { Code: 'TransactionConflict' }]));
    const res = await invoke(getRecord, recordEvent());
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
  });

  it('reads again when the Query raced a record replace (sections from two revisions)', async () => {
    const torn = [...fullRecord('rev1').slice(0, 2), ...fullRecord('rev2').slice(2)];
    ddb
      .on(QueryCommand)
      .resolvesOnce({ Items: [profile('detailed'), ...torn] })
      .resolves({ Items: [profile('detailed'), ...fullRecord('rev2')] });
    ddb.on(TransactWriteCommand).resolves({});
    const res = await invoke(getRecord, recordEvent());
    expect(res.statusCode).toBe(200);
    expect(ddb.commandCalls(QueryCommand)).toHaveLength(2);
  });

  it('answers 503 when DynamoDB throttles the read, without internals', async () => {
    const throttled = new Error('Rate exceeded');
    throttled.name = 'ThrottlingException';
    ddb.on(QueryCommand).rejects(throttled);
    const res = await invoke(getRecord, recordEvent());
    expect(res.statusCode).toBe(503);
    expect(JSON.stringify(res.json)).not.toMatch(/Throttl|Rate exceeded/);
  });
});
