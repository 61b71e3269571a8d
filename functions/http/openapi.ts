import * as z from '../schemas/zod.ts';
import { Problem } from '../schemas/common.ts';
import type { RouteDefinition } from '../routes.ts';
import { STATUS_OF_CODE } from '../domain/errors.ts';
import { isStateChanging } from './idempotency.ts';

type JsonSchema = Record<string, unknown>;

/**
 * OpenAPI 3.1 from the route table and the very zod schemas that validate requests: JSON Schema
 * 2020-12 is OpenAPI 3.1's dialect, so zod's own converter is all we need. Named schemas
 * (`.meta({ id })`) become components.
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

  const problemRef = { $ref: '#/components/schemas/Problem' };
  components.Problem = toSchema(Problem, 'output');
  delete components.Problem.$ref;

  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    if (route.localOnly && !options.includeLocalOnly) continue;
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
    if (route.access !== 'public' && isStateChanging(route.method)) {
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description: 'Same key + same body within 24 h replays the first response (Idempotent-Replayed: true)',
        schema: { type: 'string', minLength: 1, maxLength: 255 },
      });
    }
    const ok = route.response;
    const contentTypes = ok.contentTypes ?? ['application/json'];
    const operation = {
      operationId: route.operationId,
      summary: route.summary,
      tags: route.tags,
      ...(route.access === 'public' ? { security: [] } : { 'x-role': route.access }),
      ...(parameters.length ? { parameters } : {}),
      ...(route.request?.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: toSchema(route.request.body, 'input') } },
            },
          }
        : {}),
      responses: {
        [ok.status]: {
          description: ok.description,
          ...(ok.schema
            ? {
                content: Object.fromEntries(
                  contentTypes.map((type) => [type, { schema: toSchema(ok.schema!, 'output') }]),
                ),
              }
            : {}),
        },
        default: { description: 'Problem details', content: { 'application/problem+json': { schema: problemRef } } },
      },
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
        `Errors are RFC 9457 problem details whose \`code\` is one of: ${Object.keys(STATUS_OF_CODE).join(', ')}.`,
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    security: [{ bearer: [] }],
    paths,
    components: {
      schemas: components,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
}

function rewriteRefs<T>(value: T): T {
  return JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', '"#/components/schemas/')) as T;
}
