import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler as book } from '../../functions/api/appointments/book.ts';
import { handler as publish } from '../../functions/api/slots/publish.ts';
import { handler as getPatient } from '../../functions/api/patients/get.ts';
import { handler as health } from '../../functions/api/public/health.ts';
import { apiEvent, invoke, STAFF_CLAIMS } from '../support/events.ts';
import { useUnitEnv } from '../support/unit-env.ts';
import type { ApiEvent } from '../../functions/http/api-event.ts';

const ddb = mockClient(DynamoDBDocumentClient);

describe('HTTP layer: problem+json for every refusal, before any DynamoDB call', () => {
  beforeAll(useUnitEnv);
  beforeEach(() => ddb.reset());

  const expectProblem = async (
    event: ApiEvent,
    status: number,
    code: string,
    handler: Parameters<typeof invoke>[0] = book,
  ) => {
    const res = await invoke(handler, event);
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.json).toMatchObject({ status, code, type: expect.stringContaining(code) as string });
    expect(typeof res.json.title).toBe('string');
    expect(typeof res.json.detail).toBe('string');
    expect(ddb.calls()).toHaveLength(0);
    return res;
  };

  it('answers 400 invalid-json for a malformed body', async () => {
    await expectProblem(apiEvent({ rawBody: '{"slotId": ' }), 400, 'invalid-json');
  });

  it('answers 400 validation-failed with errors[] naming each field', async () => {
    const res = await expectProblem(apiEvent({ body: { description: 'x'.repeat(101) } }), 400, 'validation-failed');
    const paths = (res.json.errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual(['description', 'slotId']);
  });

  it('rejects unknown fields instead of dropping them', async () => {
    const res = await expectProblem(apiEvent({ body: { slotId: 's1', colour: 'red' } }), 400, 'validation-failed');
    expect(JSON.stringify(res.json.errors)).toContain('colour');
  });

  it('answers 415 unsupported-media-type for a non-JSON body', async () => {
    await expectProblem(
      apiEvent({ rawBody: 'slotId=s1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      415,
      'unsupported-media-type',
    );
  });

  it('accepts application/json with a charset', async () => {
    const res = await invoke(
      book,
      apiEvent({ body: {}, headers: { 'content-type': 'application/json; charset=utf-8' } }),
    );
    expect(res.json.code).toBe('validation-failed');
  });

  it('answers 413 payload-too-large above 64 KiB', async () => {
    await expectProblem(apiEvent({ body: { slotId: 'x'.repeat(65 * 1024) } }), 413, 'payload-too-large');
  });

  it('answers 401 unauthenticated when no verified claims reached the handler', async () => {
    await expectProblem(apiEvent({ body: { slotId: 's1' }, claims: null }), 401, 'unauthenticated');
  });

  it('answers 403 forbidden for the wrong role', async () => {
    await expectProblem(apiEvent({ body: { slotId: 's1' }, claims: STAFF_CLAIMS }), 403, 'forbidden');
  });

  it('answers 403 forbidden for a practice this stack does not serve', async () => {
    const claims = { sub: 'p', role: 'patient', practice: 'B86001', nhs_number: '9990000018' };
    await expectProblem(apiEvent({ body: { slotId: 's1' }, claims }), 403, 'forbidden');
  });

  it('answers 403 forbidden for a token without the contract claims', async () => {
    await expectProblem(apiEvent({ body: { slotId: 's1' }, claims: { sub: 'x' } }), 403, 'forbidden');
  });

  it('answers 400 validation-failed for a bad NHS number in the path', async () => {
    const event = apiEvent({
      method: 'GET',
      path: '/staff/patients/9990000019',
      params: { nhsNumber: '9990000019' },
      claims: STAFF_CLAIMS,
    });
    await expectProblem(event, 400, 'validation-failed', getPatient);
  });

  it('answers 400 for slots that are too short or start in the past, naming the slot', async () => {
    const event = apiEvent({
      path: '/staff/slots',
      claims: STAFF_CLAIMS,
      body: {
        slots: [
          {
            start: '2030-01-01T09:00:00Z',
            end: '2030-01-01T09:03:00Z',
            clinician: 'Dr A',
            type: 'GP',
            channel: 'video',
          },
          {
            start: '2020-01-01T09:00:00+01:00',
            end: '2020-01-01T09:10:00+01:00',
            clinician: 'Dr A',
            type: 'GP',
            channel: 'video',
          },
        ],
      },
    });
    const first = await expectProblem(event, 400, 'validation-failed', publish);
    expect((first.json.errors as { path: string }[])[0]!.path).toBe('slots.0.end');
  });

  it('serves /health without claims', async () => {
    const res = await invoke(health, apiEvent({ method: 'GET', path: '/health', claims: null }));
    expect(res).toMatchObject({ statusCode: 200, json: { status: 'ok' } });
  });
});
