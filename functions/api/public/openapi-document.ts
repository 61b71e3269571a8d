import { buildOpenApi } from '../../http/openapi.ts';
import { ROUTES } from '../../routes.ts';

let document: unknown;

/**
 * The OpenAPI document of the route table, built once per process (local mode adds its dev
 * routes). Deployed, this module is a bundle of its own beside GET /openapi.json's index.mjs
 * (OPENAPI_DOCUMENT_FILE), imported on the first request: the whole route table, every schema and
 * the document builder would otherwise put that function's cold start at 1.26× a bare client's.
 */
export function openApiDocument(): unknown {
  document ??= buildOpenApi(ROUTES, { includeLocalOnly: process.env.LOCAL_MODE === '1' });
  return document;
}
