import * as z from '../schemas/zod.ts';
import { defineRoute } from './route-spec.ts';
import { DevTokenBody, DevTokenResponse } from '../schemas/identity.ts';

/*
 * Routes anyone may call: liveness, the OpenAPI document, and local mode’s dev tokens. Handlers:
 * functions/api/public/.
 */

export const getHealth = /* @__PURE__ */ defineRoute({
  operationId: 'getHealth',
  method: 'GET',
  path: '/health',
  access: 'public',
  entry: 'api/public/health.ts',
  table: 'none',
  summary: 'Liveness: ok once the API is ready',
  response: {
    status: 200,
    description: 'Ready',
    schema: /* @__PURE__ */ z.object({ status: /* @__PURE__ */ z.literal('ok') }),
  },
  tags: ['public'],
});

/** The OpenAPI document's own bundle beside getOpenApi's index.mjs (lib/bundling.ts, api/public/openapi.ts). */
export const OPENAPI_DOCUMENT_FILE = 'openapi-document.mjs';

export const getOpenApi = /* @__PURE__ */ defineRoute({
  operationId: 'getOpenApi',
  method: 'GET',
  path: '/openapi.json',
  access: 'public',
  entry: 'api/public/openapi.ts',
  table: 'none',
  summary: 'This OpenAPI 3.1 document',
  response: { status: 200, description: 'OpenAPI document', schema: /* @__PURE__ */ z.looseObject({}) },
  tags: ['public'],
});

export const createDevToken = /* @__PURE__ */ defineRoute({
  operationId: 'createDevToken',
  method: 'POST',
  path: '/dev/token',
  access: 'public',
  entry: 'api/public/dev-token.ts',
  // A patient sign-in's token carries what its link says now.
  table: 'read',
  summary: 'Local mode only: mint a signed token with the contract claims',
  request: { body: DevTokenBody },
  response: { status: 200, description: 'A bearer token', schema: DevTokenResponse },
  localOnly: true,
  tags: ['local'],
});
