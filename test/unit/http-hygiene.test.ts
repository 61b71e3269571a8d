import { BatchGetCommand, DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler as book } from '../../functions/api/appointments/book.ts';
import { handler as getPatient } from '../../functions/api/patients/get.ts';
import { handler as health } from '../../functions/api/public/health.ts';
import { handler as notFound } from '../../functions/api/public/not-found.ts';
import { DEPLOYED_ROUTE_KEYS } from '../../functions/routes/not-found.ts';
import { ROUTES } from '../../functions/routes.ts';
import { createGateway } from '../../local/gateway.ts';
import { apiEvent, invoke, STAFF_CLAIMS } from '../support/events.ts';
import { useMockedTableAt, useUnitEnv } from '../support/unit-env.ts';
import { aPatient, aSlot } from '../support/builders.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const TABLE = 'patient-online-test';

const bookEvent = (headers: Record<string, string> = {}, body: unknown = { slotId: 's1' }) =>
  apiEvent({ method: 'POST', path: '/appointments', body, headers });

describe('Cache-Control: no-store on every answer of an authenticated route', () => {
  useMockedTableAt(ddb, '2026-11-26T10:00:00Z');

  it('on a success (201 POST /appointments)', async () => {
    ddb.on(BatchGetCommand).resolves({ Responses: { [TABLE]: [aPatient(), aSlot()] } });
    ddb.on(TransactWriteCommand).resolves({});
    const res = await invoke(book, bookEvent());
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('on a success (200 GET /staff/patients/{nhsNumber})', async () => {
    ddb.on(BatchGetCommand).resolves({ Responses: { [TABLE]: [aPatient()] } });
    const res = await invoke(
      getPatient,
      apiEvent({
        method: 'GET',
        path: '/staff/patients/9990000018',
        params: { nhsNumber: '9990000018' },
        claims: STAFF_CLAIMS,
      }),
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it.each([
    ['401 unauthenticated', bookEvent(), { claims: null }, 401],
    ['403 forbidden', bookEvent(), { claims: STAFF_CLAIMS }, 403],
    ['400 validation-failed', bookEvent({}, { slotId: 1 }), {}, 400],
    ['415 unsupported-media-type', bookEvent({ 'content-type': 'text/plain' }), {}, 415],
  ] as const)('on a problem (%s)', async (_name, event, change, status) => {
    if ('claims' in change) {
      if (change.claims === null) delete (event.requestContext as { authorizer?: unknown }).authorizer;
      else event.requestContext.authorizer.jwt.claims = change.claims;
    }
    const res = await invoke(book, event);
    expect(res.statusCode).toBe(status);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('on a 503 from the table, beside Retry-After', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    ddb.on(BatchGetCommand).rejects(throttled);
    const res = await invoke(book, bookEvent());
    expect(res.statusCode).toBe(503);
    expect(res.headers).toMatchObject({ 'cache-control': 'no-store', 'retry-after': '1' });
  });

  it('not on a public route', async () => {
    const res = await invoke(health, apiEvent({ method: 'GET', path: '/health', claims: null }));
    expect(res.headers['cache-control']).toBeUndefined();
  });
});

describe('a request body in a charset other than UTF-8', () => {
  beforeAll(useUnitEnv);
  beforeEach(() => ddb.reset());

  it.each([
    'application/json; charset=latin1',
    'application/json;charset="ISO-8859-1"',
    'application/json; charset=utf-16',
  ])('answers 415 unsupported-media-type for %s, before any DynamoDB call', async (contentType) => {
    const res = await invoke(book, bookEvent({ 'content-type': contentType }));
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.json).toMatchObject({ status: 415, code: 'unsupported-media-type' });
    expect(ddb.calls()).toHaveLength(0);
  });

  it.each([
    'application/json; charset=utf-8',
    'application/json; charset=UTF8',
    'application/json;charset="Utf-8"',
    'application/json',
  ])('reads %s (the body then reaches validation)', async (contentType) => {
    const res = await invoke(book, bookEvent({ 'content-type': contentType }, {}));
    expect(res.json.code).toBe('validation-failed');
  });
});

describe('the $default route (deployed: every method and path no route names)', () => {
  beforeAll(useUnitEnv);

  const defaultEvent = (method: string, path: string) => apiEvent({ method, path, routeKey: '$default', claims: null });

  it('answers 405 method-not-allowed with Allow for a known path and another method', async () => {
    const res = await invoke(notFound, defaultEvent('DELETE', '/appointments'));
    expect(res.statusCode).toBe(405);
    expect(res.headers).toMatchObject({ 'content-type': 'application/problem+json', allow: 'GET, POST' });
    expect(res.json).toMatchObject({ status: 405, code: 'method-not-allowed', title: 'Method Not Allowed' });
  });

  it('matches path templates: PATCH /staff/patients/{nhsNumber} allows DELETE, GET and PUT', async () => {
    const res = await invoke(notFound, defaultEvent('PATCH', '/staff/patients/9990000018'));
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe('DELETE, GET, PUT');
  });

  it('answers 404 not-found for an unknown path', async () => {
    const res = await invoke(notFound, defaultEvent('GET', '/appointments/a/b/c'));
    expect(res.statusCode).toBe(404);
    expect(res.json).toMatchObject({ code: 'not-found' });
    expect(res.headers.allow).toBeUndefined();
  });

  it('answers exactly as local mode does', async () => {
    const gateway = createGateway({
      routes: ROUTES.filter((route) => !route.localOnly),
      functionsDir: new URL('../../functions/', import.meta.url).pathname,
      tokenSecret: 'unused',
      logError: () => undefined,
    });
    for (const [method, path] of [
      ['DELETE', '/appointments'],
      ['PUT', '/staff/reports/monthly/2026-11'],
      ['GET', '/nowhere'],
    ] as const) {
      const deployed = await invoke(notFound, defaultEvent(method, path));
      const local = await gateway.handle({
        method,
        target: path,
        headers: {},
        body: undefined,
        sourceIp: '127.0.0.1',
        protocol: 'HTTP/1.1',
      });
      expect(local.statusCode).toBe(deployed.statusCode);
      expect(local.headers).toEqual(deployed.headers);
      expect(JSON.parse(local.body.toString('utf8'))).toEqual(deployed.json);
    }
  });

  it('knows the method and path of every deployed route (functions/routes/not-found.ts equals the route table)', () => {
    const deployed = ROUTES.filter((route) => !route.localOnly).map((route) => `${route.method} ${route.path}`);
    expect([...DEPLOYED_ROUTE_KEYS].sort()).toEqual(deployed.sort());
  });
});
