import * as z from '../schemas/zod.ts';
import { Problem } from '../schemas/common.ts';
import type { ResponseHeaders, RouteDefinition } from '../routes/route-spec.ts';
import { STATUS_OF_CODE, type ErrorCode } from '../schemas/error-codes.ts';
import { isStateChanging } from './idempotency.ts';

type JsonSchema = Record<string, unknown>;

const PROBLEM_JSON = 'application/problem+json';
const problemRef = { $ref: '#/components/schemas/Problem' };

/** Headers the document names in more than one place (components.headers). */
const HEADERS = {
  CacheControl: {
    description: 'Every answer of an authenticated route, success or problem',
    required: true,
    schema: { type: 'string', const: 'no-store' },
  },
  IdempotentReplayed: {
    description: 'This is the stored answer to an earlier request with the same Idempotency-Key',
    schema: { type: 'string', const: 'true' },
  },
  RetryAfter: {
    description: 'Seconds to wait before retrying (with the same Idempotency-Key for a write)',
    required: true,
    schema: { type: 'string', pattern: '^[0-9]+$' },
  },
  Allow: { description: 'The methods this path answers', required: true, schema: { type: 'string' } },
};
const headerRef = (name: keyof typeof HEADERS) => ({ $ref: `#/components/headers/${name}` });

/** Every write of a signed-in caller honours Idempotency-Key. */
const takesIdempotencyKey = (route: RouteDefinition) => route.access !== 'public' && isStateChanging(route.method);

/**
 * Every problem code a route can answer: what its shape implies (who may call it, what it reads,
 * whether it writes idempotently, whether it touches the table) plus its own domain codes.
 */
export function problemCodesOf(route: RouteDefinition): ErrorCode[] {
  const codes = new Set<ErrorCode>(['request-header-fields-too-large', 'internal']);
  const add = (...more: ErrorCode[]) => more.forEach((code) => codes.add(code));
  const request = route.request;
  if (route.access !== 'public') add('unauthenticated', 'forbidden');
  // A proxy (Acting-For) whose grant does not cover the route's service; a malformed header.
  if (route.actingFor) add('validation-failed');
  if (route.actingFor && route.actingFor !== 'any') add('service-not-enabled');
  if (request?.body) add('invalid-json', 'validation-failed', 'payload-too-large', 'unsupported-media-type');
  if (request?.query || request?.params) add('validation-failed');
  if (request?.params) add('not-found');
  if (takesIdempotencyKey(route)) add('validation-failed', 'idempotency-in-progress', 'idempotency-key-reuse');
  if (route.table !== 'none') add('unavailable');
  add(...(route.errors ?? []).flat());
  return [...codes];
}

/**
 * OpenAPI 3.1 from the route table and the very zod schemas that validate requests: JSON Schema
 * 2020-12 is OpenAPI 3.1's dialect, so zod's own converter is all we need. Named schemas
 * (`.meta({ id })`) become components. Every status, header and media type a route answers is
 * derived from its entry, so the document cannot say less than the API.
 */
export function buildOpenApi(routes: readonly RouteDefinition[], options: { includeLocalOnly: boolean }) {
  const components: Record<string, JsonSchema> = {};

  const toSchema = (schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema => {
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
    const defs = (json.$defs ?? {}) as Record<string, JsonSchema>;
    for (const [name, def] of Object.entries(defs)) components[name] ??= rewriteRefs(def);
    delete json.$defs;
    delete json.$schema;
    return rewriteRefs(json);
  };

  // A named schema converts to a $ref plus its $defs entry: the entry is the component.
  toSchema(Problem, 'output');

  const headersOf = (declared: ResponseHeaders | undefined, derived: Record<string, unknown>) => {
    const headers: Record<string, unknown> = { ...derived };
    for (const [name, { description, required }] of Object.entries(declared ?? {})) {
      headers[name] = { description, ...(required ? { required: true } : {}), schema: { type: 'string' } };
    }
    return Object.keys(headers).length > 0 ? { headers } : {};
  };

  /** Problem answers as shared components: many routes answer the same statuses with the same codes. */
  const problemResponses: Record<string, unknown> = {
    MethodNotAllowed: {
      description: 'Problem details: `method-not-allowed`',
      headers: { Allow: headerRef('Allow') },
      content: { [PROBLEM_JSON]: { schema: problemSchema(405, ['method-not-allowed']) } },
    },
    RequestHeaderFieldsTooLarge: {
      description: 'Problem details: `request-header-fields-too-large` (local mode; over 16 KiB of headers)',
      content: { [PROBLEM_JSON]: { schema: problemSchema(431, ['request-header-fields-too-large']) } },
    },
  };
  const problemResponseRef = (status: number, codes: ErrorCode[], authenticated: boolean) => {
    // Refused before any route is chosen, so without the route's headers.
    if (status === 431) return { $ref: '#/components/responses/RequestHeaderFieldsTooLarge' };
    const sorted = [...codes].sort();
    const name = `${authenticated ? '' : 'Public.'}Problem${status}.${sorted.join('.')}`;
    problemResponses[name] ??= {
      description: `Problem details: ${sorted.map((code) => `\`${code}\``).join(', ')}`,
      ...headersOf(undefined, {
        ...(authenticated ? { 'Cache-Control': headerRef('CacheControl') } : {}),
        ...(status === 503 || status === 429 ? { 'Retry-After': headerRef('RetryAfter') } : {}),
      }),
      content: { [PROBLEM_JSON]: { schema: problemSchema(status, sorted) } },
    };
    return { $ref: `#/components/responses/${name}` };
  };

  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    if (route.localOnly && !options.includeLocalOnly) continue;
    const authenticated = route.access !== 'public';
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['path', route.request?.params],
      ['query', route.request?.query],
    ] as const) {
      if (!schema) continue;
      const json = toSchema(schema, 'input');
      const props = (json.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((json.required ?? []) as string[]);
      for (const [name, prop] of Object.entries(props)) {
        parameters.push({ name, in: where, required: where === 'path' || required.has(name), schema: prop });
      }
    }
    if (route.access === 'patient') {
      parameters.push({
        name: 'Acting-For',
        in: 'header',
        required: false,
        description: route.actingFor
          ? `Act as a proxy for this patient (their NHS number): the request is made for them, within the services their grant gives ${route.actingFor === 'any' ? '(any live grant)' : `(it must cover ${route.actingFor})`}; not their proxy, revoked or ended: 403 forbidden; service not granted: 403 service-not-enabled`
          : 'Not accepted here: this is personal to the signed-in patient, so a request acting for someone else is 403 forbidden',
        schema: { type: 'string', pattern: '^[0-9]{10}$' },
      });
    }
    if (takesIdempotencyKey(route)) {
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description:
          'Same key + same request (method, path, Acting-For, body) within 24 h replays the first 2xx response (Idempotent-Replayed: true)',
        schema: { type: 'string', minLength: 1, maxLength: 255 },
      });
    }

    const ok = route.response;
    const successHeaders = {
      ...(authenticated ? { 'Cache-Control': headerRef('CacheControl') } : {}),
      ...(takesIdempotencyKey(route) ? { 'Idempotent-Replayed': headerRef('IdempotentReplayed') } : {}),
    };
    const content = ok.schema
      ? {
          content: {
            'application/json': { schema: toSchema(ok.schema, 'output') },
            ...Object.fromEntries((ok.textContentTypes ?? []).map((type) => [type, { schema: { type: 'string' } }])),
          },
        }
      : {};
    const responses: Record<string, unknown> = {
      [ok.status]: { description: ok.description, ...headersOf(ok.headers, successHeaders), ...content },
    };
    if (ok.also) {
      responses[ok.also.status] = {
        description: ok.also.description,
        ...headersOf(ok.also.headers, successHeaders),
        ...content,
      };
    }
    for (const [status, codes] of problemsByStatus(problemCodesOf(route))) {
      responses[status] = problemResponseRef(status, codes, authenticated);
    }

    const operation = {
      operationId: route.operationId,
      summary: route.summary,
      tags: route.tags,
      ...(authenticated ? { 'x-role': route.access } : { security: [] }),
      ...(parameters.length ? { parameters } : {}),
      ...(route.request?.body
        ? {
            requestBody: {
              required: !route.request.bodyOptional,
              content: {
                'application/json': {
                  schema: toSchema(route.request.body, 'input'),
                },
              },
            },
          }
        : {}),
      responses,
    };
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation };
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Patient Online API',
      version: '1.0.0',
      description:
        'Online GP services: appointments, repeat prescriptions, record access, and monthly POMI reporting. ' +
        'Errors are RFC 9457 problem details (application/problem+json) with a stable `code`; each operation ' +
        'lists the statuses and codes it can answer. Request bodies are JSON in UTF-8. Any other path answers ' +
        '404 `not-found`; a path here asked with a method it does not list answers 405 `method-not-allowed` ' +
        '(components.responses.MethodNotAllowed, with `Allow`). Deployed, API Gateway answers a missing or ' +
        'invalid token (401) and stage throttling (429) itself, with its own bodies.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [
      {
        url: 'https://{apiId}.execute-api.{region}.amazonaws.com',
        description: 'Deployed: the stack output ApiUrl',
        variables: { apiId: { default: 'abc123' }, region: { default: 'eu-west-2' } },
      },
      {
        url: 'http://127.0.0.1:{port}',
        description: 'Local mode (npm start)',
        variables: { port: { default: '3000' } },
      },
    ],
    security: [{ bearer: [] }],
    paths,
    components: {
      schemas: components,
      responses: problemResponses,
      headers: HEADERS,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
}

/** Problem codes grouped by their status, in status order. */
function problemsByStatus(codes: readonly ErrorCode[]): [number, ErrorCode[]][] {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = STATUS_OF_CODE[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return [...byStatus].sort(([a], [b]) => a - b);
}

/** The Problem schema narrowed to one status and the codes a route answers with it. */
function problemSchema(status: number, codes: readonly ErrorCode[]): JsonSchema {
  return {
    allOf: [
      problemRef,
      { type: 'object', properties: { status: { const: status }, code: { enum: [...codes].sort() } } },
    ],
  };
}

function rewriteRefs<T>(value: T): T {
  return JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', '"#/components/schemas/')) as T;
}
