import { readFileSync } from 'node:fs';
import type { Context } from 'aws-lambda';
import type { ApiEvent } from '../../functions/http/api-event.ts';

const base = readFileSync(new URL('../events/http-api-v2.json', import.meta.url), 'utf8');

export const PATIENT_CLAIMS = {
  sub: 'patient-9990000018',
  role: 'patient',
  practice: 'A99001',
  nhs_number: '9990000018',
};
export const STAFF_CLAIMS = { sub: 'staff-A99001', role: 'staff', practice: 'A99001' };

/** A fresh HTTP API v2.0 event (the fixture cloned, then adjusted). */
export function apiEvent(options: {
  method?: string;
  path?: string;
  routeKey?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  params?: Record<string, string>;
  claims?: Record<string, string> | null;
}): ApiEvent {
  const event = JSON.parse(base) as ApiEvent;
  const method = options.method ?? 'POST';
  const path = options.path ?? '/appointments';
  event.rawPath = path;
  event.requestContext.http.method = method;
  event.requestContext.http.path = path;
  event.routeKey = event.requestContext.routeKey = options.routeKey ?? `${method} ${path}`;
  event.headers = { ...event.headers, ...options.headers };
  if (options.query) {
    event.queryStringParameters = options.query;
    event.rawQueryString = new URLSearchParams(options.query).toString();
  }
  if (options.params) event.pathParameters = options.params;
  if (options.rawBody !== undefined) event.body = options.rawBody;
  else if (options.body !== undefined) event.body = JSON.stringify(options.body);
  if (options.claims === null) delete (event.requestContext as { authorizer?: unknown }).authorizer;
  else if (options.claims) event.requestContext.authorizer.jwt.claims = options.claims;
  return event;
}

export const lambdaContext = {
  functionName: 'test',
  awsRequestId: 'req-1',
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;

export interface TestResponse {
  statusCode: number;
  headers: Record<string, string>;
  json: Record<string, unknown>;
}

/** Calls a handler and parses its body. */
export async function invoke(
  handler: (e: ApiEvent, c: Context) => Promise<unknown>,
  event: ApiEvent,
): Promise<TestResponse> {
  const res = (await handler(event, lambdaContext)) as {
    statusCode: number;
    headers: Record<string, string>;
    body?: string;
  };
  return {
    statusCode: res.statusCode,
    headers: res.headers,
    json: res.body ? (JSON.parse(res.body) as Record<string, unknown>) : {},
  };
}

export const PRACTICES_JSON = JSON.stringify([
  { ods: 'A99001', name: 'Riverside Medical Practice', timeZone: 'Europe/London' },
  { ods: 'A99002', name: 'Hillview Surgery', timeZone: 'Europe/London' },
]);
