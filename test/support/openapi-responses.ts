import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import { compilePath } from '../../functions/http/route-paths.ts';

/**
 * Checks real HTTP answers against the OpenAPI document: status, media type, headers and body.
 *
 * Why not a ready-made OpenAPI response validator: `openapi-response-validator` and
 * `openapi-backend` validate with draft-04/07 Ajv instances (OpenAPI 3.0's schema dialect), while
 * this document's schemas are JSON Schema 2020-12 (OpenAPI 3.1: `const`, `prefixItems`, type
 * arrays). So the document itself is checked with `@seriousme/openapi-schema-validator` (the
 * official OpenAPI 3.1 schema), and bodies and headers with Ajv's 2020-12 validator (`ajv/dist/2020`)
 * plus `ajv-formats`, resolving the document's own `$ref`s. What is left here is the lookup of
 * path, method, status and media type, which OpenAPI defines plainly.
 */

export interface RecordedResponse {
  method: string;
  /** Path and query as requested. */
  target: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

type Json = Record<string, unknown>;

/** Set by HTTP itself or by Node, never by the API: not part of the document. */
const TRANSPORT_HEADERS = new Set([
  'content-type',
  'content-length',
  'date',
  'connection',
  'keep-alive',
  'transfer-encoding',
]);
const DOCUMENT_ID = 'https://patient-online.nhs.example/openapi.json';

export interface ResponseValidator {
  /** What is wrong with this answer (empty when the document describes it exactly). */
  check(response: RecordedResponse): string[];
}

export function createResponseValidator(document: Json): ResponseValidator {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  formatsPlugin.default(ajv);
  ajv.addSchema(document, DOCUMENT_ID);
  const compiled = new Map<string, ValidateFunction>();
  const validatorAt = (pointer: string): ValidateFunction => {
    let validate = compiled.get(pointer);
    if (!validate) {
      validate = ajv.compile({ $ref: `${DOCUMENT_ID}#${pointer}` });
      compiled.set(pointer, validate);
    }
    return validate;
  };

  const paths = (document.paths ?? {}) as Record<string, Json>;
  const templates = Object.keys(paths)
    .map((path) => ({ path, template: compilePath(path) }))
    .sort((a, b) => b.template.literalSegments - a.template.literalSegments);
  const components = (document.components ?? {}) as Record<string, Record<string, Json>>;

  /** Follows a local `$ref` (one level is all the document uses), returning the target and its pointer. */
  const resolve = (value: Json, pointer: string): [Json, string] => {
    const ref = value.$ref;
    if (typeof ref !== 'string') return [value, pointer];
    const [, kind = '', name = ''] = /^#\/components\/(\w+)\/(.+)$/.exec(ref) ?? [];
    return [components[kind]?.[name] ?? {}, `/components/${kind}/${escape(name)}`];
  };

  function checkAgainst(response: RecordedResponse, declared: Json, pointer: string): string[] {
    const problems: string[] = [];
    const [definition, at] = resolve(declared, pointer);

    const headers = (definition.headers ?? {}) as Record<string, Json>;
    const documented = new Set<string>();
    for (const [name, header] of Object.entries(headers)) {
      const [spec, headerAt] = resolve(header, `${at}/headers/${escape(name)}`);
      const value = response.headers[name.toLowerCase()];
      documented.add(name.toLowerCase());
      if (value === undefined) {
        if (spec.required === true) problems.push(`required header ${name} is missing`);
        continue;
      }
      const validate = validatorAt(`${headerAt}/schema`);
      if (!validate(value))
        problems.push(`header ${name}: ${JSON.stringify(value)} ${ajv.errorsText(validate.errors)}`);
    }
    for (const name of Object.keys(response.headers)) {
      if (!documented.has(name) && !TRANSPORT_HEADERS.has(name)) problems.push(`undocumented header ${name}`);
    }

    const content = definition.content as Record<string, Json> | undefined;
    const mediaType = (response.headers['content-type'] ?? '').split(';', 1)[0]!.trim().toLowerCase();
    if (!content) {
      if (response.body.length > 0)
        problems.push(`a body (${mediaType || 'no content type'}) where none is documented`);
      return problems;
    }
    if (!content[mediaType]) {
      problems.push(
        `undocumented content type ${JSON.stringify(mediaType)} (documented: ${Object.keys(content).join(', ')})`,
      );
      return problems;
    }
    let body: unknown = response.body;
    if (/[/+]json$/.test(mediaType)) {
      try {
        body = JSON.parse(response.body) as unknown;
      } catch {
        problems.push('the body is not JSON');
        return problems;
      }
    }
    const validate = validatorAt(`${at}/content/${escape(mediaType)}/schema`);
    if (!validate(body)) problems.push(`body: ${ajv.errorsText(validate.errors, { separator: '; ' })}`);
    return problems;
  }

  return {
    check(response) {
      const path = response.target.split('?', 1)[0]!;
      const method = response.method.toLowerCase();
      const tooLarge = (components.responses ?? {}).RequestHeaderFieldsTooLarge;
      if (response.status === 431 && tooLarge) {
        return checkAgainst(response, tooLarge, '/components/responses/RequestHeaderFieldsTooLarge');
      }
      const found = templates.find(({ template }) => template.pattern.test(path));
      if (!found) {
        // Unknown paths are not in the document; its description says they answer 404 not-found.
        if (response.status !== 404) return [`status ${response.status} for a path the document does not have`];
        return checkProblemBody(response, 'not-found');
      }
      const pathItem = paths[found.path]!;
      const operation = pathItem[method] as Json | undefined;
      if (!operation) {
        const allowed = Object.keys(pathItem)
          .map((m) => m.toUpperCase())
          .sort()
          .join(', ');
        const problems = checkAgainst(
          response,
          { $ref: '#/components/responses/MethodNotAllowed' },
          '/components/responses/MethodNotAllowed',
        );
        if (response.status !== 405) problems.unshift(`status ${response.status} for a method the path does not have`);
        if (response.headers.allow !== allowed) problems.push(`Allow ${response.headers.allow} is not ${allowed}`);
        return problems;
      }
      const responses = operation.responses as Record<string, Json>;
      const declared = responses[String(response.status)];
      const operationAt = `/paths/${escape(found.path)}/${method}`;
      if (!declared) {
        return [`undocumented status ${response.status} (documented: ${Object.keys(responses).join(', ')})`];
      }
      return checkAgainst(response, declared, `${operationAt}/responses/${response.status}`);
    },
  };

  function checkProblemBody(response: RecordedResponse, code: string): string[] {
    const problems: string[] = [];
    if (response.headers['content-type'] !== 'application/problem+json') problems.push('not problem+json');
    const validate = validatorAt('/components/schemas/Problem');
    let body: unknown;
    try {
      body = JSON.parse(response.body) as unknown;
    } catch {
      return [...problems, 'the body is not JSON'];
    }
    if (!validate(body)) problems.push(`body: ${ajv.errorsText(validate.errors)}`);
    if ((body as { code?: unknown }).code !== code) problems.push(`code is not ${code}`);
    return problems;
  }
}

/** A JSON Pointer segment (RFC 6901), also percent-encoded for use in a URI fragment. */
function escape(segment: string): string {
  return encodeURIComponent(segment.replaceAll('~', '~0').replaceAll('/', '~1'));
}
