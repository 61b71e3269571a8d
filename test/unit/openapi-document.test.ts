import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { STATUS_OF_CODE } from '../../functions/schemas/error-codes.ts';
import { buildOpenApi } from '../../functions/http/openapi.ts';
import { ROUTES } from '../../functions/routes.ts';
import { createResponseValidator, type RecordedResponse } from '../support/openapi-responses.ts';

type Json = Record<string, unknown>;

const asJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as Json;
const deployed = asJson(buildOpenApi(ROUTES, { includeLocalOnly: false }));
const local = asJson(buildOpenApi(ROUTES, { includeLocalOnly: true }));

/** The value at a path of keys in a JSON document (undefined where the path leads nowhere). */
const at = (value: unknown, ...keys: string[]): unknown =>
  keys.reduce<unknown>((node, key) => (node as Json | undefined)?.[key], value);
const keysAt = (value: unknown, ...keys: string[]) => Object.keys(at(value, ...keys) ?? {});
/** An operation's responses, each with its `#/components/responses/…` reference followed. */
const responsesOf = (method: string, path: string): Json => {
  const responses = at(deployed, 'paths', path, method.toLowerCase(), 'responses') as Json;
  return Object.fromEntries(
    Object.entries(responses).map(([status, response]) => {
      const ref = at(response, '$ref');
      const name = typeof ref === 'string' ? ref.replace('#/components/responses/', '') : undefined;
      return [status, name ? at(deployed, 'components', 'responses', name) : response];
    }),
  );
};
const problem = (status: number, code: string, headers: Record<string, string> = {}): RecordedResponse => ({
  method: 'POST',
  target: '/appointments',
  status,
  headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...headers },
  body: JSON.stringify({ type: `https://x/${code}`, title: 'T', status, detail: 'd', code }),
});

describe('the OpenAPI document', () => {
  it.each([
    ['deployed', deployed],
    ['local mode', local],
  ])('is a valid OpenAPI 3.1 document (%s)', async (_name, document) => {
    const result = await new Validator().validate(document);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it('defines Problem with every field and `code` as an enum of the error codes', () => {
    const schema = at(deployed, 'components', 'schemas', 'Problem');
    expect(at(schema, 'required')).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail', 'code']));
    expect([...(at(schema, 'properties', 'code', 'enum') as string[])].sort()).toEqual(
      Object.keys(STATUS_OF_CODE).sort(),
    );
    expect(at(schema, 'properties', 'errors', 'items', 'required')).toEqual(['path', 'message']);
  });

  it('describes a report field on that field only (a shared schema keeps no field description)', () => {
    const byProxy = 'Of the counted actions (total), those a proxy did for the patient';
    const report = at(deployed, 'components', 'schemas', 'MonthlyReport');
    expect(at(report, 'properties', 'use', 'properties', 'byProxy', 'description')).toBe(byProxy);
    const described = JSON.stringify(report).split(byProxy).length - 1;
    expect(described).toBe(1);
  });

  it('names the servers: deployed and local mode', () => {
    expect((deployed.servers as { url: string }[]).map((server) => server.url)).toEqual([
      'https://{apiId}.execute-api.{region}.amazonaws.com',
      'http://127.0.0.1:{port}',
    ]);
  });

  it.each(ROUTES.filter((route) => !route.localOnly).map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s documents the statuses its shape implies',
    (_name, route) => {
      const responses = responsesOf(route.method, route.path);
      const statuses = Object.keys(responses).map(Number);
      const expected = [route.response.status, 431, 500];
      if (route.response.also) expected.push(route.response.also.status);
      if (route.request?.query) expected.push(400);
      if (route.access !== 'public') expected.push(401, 403);
      // A malformed Acting-For header (a route that takes one).
      if (route.actingFor) expected.push(400);
      if (route.request?.body) expected.push(400, 413, 415);
      if (route.request?.params) expected.push(400, 404);
      if (route.access !== 'public' && route.method !== 'GET') expected.push(409, 422);
      if (route.table !== 'none') expected.push(503);
      for (const code of (route.errors ?? []).flat()) expected.push(STATUS_OF_CODE[code]);
      expect(statuses.sort()).toEqual([...new Set(expected)].sort());
      for (const [status, response] of Object.entries(responses)) {
        if (status === '431') continue;
        if (route.access !== 'public') expect(at(response, 'headers', 'Cache-Control'), status).toBeDefined();
        if (Number(status) >= 400) {
          expect(at(response, 'content', 'application/problem+json', 'schema', 'allOf', '0')).toEqual({
            $ref: '#/components/schemas/Problem',
          });
        }
      }
      if (route.table !== 'none') {
        expect(at(responses, '503', 'headers', 'Retry-After')).toEqual({ $ref: '#/components/headers/RetryAfter' });
      }
      if (route.access !== 'public' && route.method !== 'GET') {
        expect(at(responses, String(route.response.status), 'headers', 'Idempotent-Replayed')).toBeDefined();
      }
    },
  );

  it('documents 201 with Location beside 200 for patient registration', () => {
    const responses = responsesOf('PUT', '/staff/patients/{nhsNumber}');
    expect(at(responses, '201', 'headers', 'Location')).toMatchObject({ required: true });
    expect(at(responses, '200', 'headers', 'Location')).toBeUndefined();
    expect(at(responses, '201', 'content')).toEqual(at(responses, '200', 'content'));
  });

  it('documents Location on every created appointment and prescription request', () => {
    expect(at(responsesOf('POST', '/appointments'), '201', 'headers', 'Location')).toBeDefined();
    expect(at(responsesOf('POST', '/prescriptions'), '201', 'headers', 'Location')).toBeDefined();
  });

  it('documents the report as JSON, CSV and HTML', () => {
    const ok = at(responsesOf('GET', '/staff/reports/monthly/{month}'), '200');
    expect(keysAt(ok, 'content')).toEqual(['application/json', 'text/csv', 'text/html']);
    expect(keysAt(ok, 'headers')).toEqual(
      expect.arrayContaining(['Content-Disposition', 'Content-Security-Policy', 'X-Content-Type-Options']),
    );
  });

  it('narrows each problem to the codes the route answers with that status', () => {
    const conflict = at(responsesOf('POST', '/appointments'), '409', 'content', 'application/problem+json', 'schema');
    expect(at(conflict, 'allOf', '1', 'properties', 'code', 'enum')).toEqual([
      'idempotency-in-progress',
      'slot-unavailable',
    ]);
  });
});

describe('the response validator the integration suites run', () => {
  const validator = createResponseValidator(local);

  it('accepts an answer the document describes', () => {
    expect(validator.check(problem(409, 'slot-unavailable'))).toEqual([]);
  });

  it('reports an undocumented status', () => {
    expect(validator.check(problem(423, 'slot-unavailable'))).toEqual([
      expect.stringContaining('undocumented status 423') as string,
    ]);
  });

  it('reports a code the route does not answer with that status', () => {
    expect(validator.check(problem(409, 'slot-booked')).join()).toContain('code');
  });

  it('reports an undocumented header, a missing required one and a wrong value', () => {
    expect(validator.check(problem(409, 'slot-unavailable', { 'x-secret': 'y' }))).toEqual([
      'undocumented header x-secret',
    ]);
    expect(validator.check(problem(503, 'unavailable')).join()).toContain('required header Retry-After is missing');
    expect(validator.check(problem(409, 'slot-unavailable', { 'cache-control': 'max-age=60' })).join()).toContain(
      'header Cache-Control',
    );
  });

  it('reports an undocumented content type and a body that does not match', () => {
    expect(validator.check(problem(409, 'slot-unavailable', { 'content-type': 'text/plain' })).join()).toContain(
      'undocumented content type "text/plain"',
    );
    const bare = { ...problem(409, 'slot-unavailable'), body: '{"message":"Conflict"}' };
    expect(validator.check(bare).join()).toContain('body:');
  });

  it('checks 405 against the path’s methods and 404 for unknown paths', () => {
    const notAllowed = { ...problem(405, 'method-not-allowed'), method: 'DELETE', headers: {} };
    notAllowed.headers = { 'content-type': 'application/problem+json', allow: 'GET, POST' };
    expect(validator.check(notAllowed)).toEqual([]);
    expect(validator.check({ ...notAllowed, headers: { ...notAllowed.headers, allow: 'GET' } }).join()).toContain(
      'Allow GET is not GET, POST',
    );
    const unknown = {
      ...problem(404, 'not-found'),
      target: '/nowhere',
      headers: { 'content-type': 'application/problem+json' },
    };
    expect(validator.check(unknown)).toEqual([]);
    expect(validator.check({ ...unknown, status: 200 })).toEqual(['status 200 for a path the document does not have']);
  });
});
