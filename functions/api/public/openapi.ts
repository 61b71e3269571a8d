import { httpRoute } from '../../http/route-handler.ts';
import * as publicRoutes from '../../routes/public.ts';

type DocumentModule = typeof import('./openapi-document.ts');

/**
 * Where the document's module is: its own bundle beside this one when running bundled (deployed:
 * index.mjs), the module itself when running from source (local mode, tests). A specifier esbuild
 * cannot read, so it bundles neither; an absolute URL, which every module loader resolves alike.
 */
const documentModule = new URL(
  import.meta.url.endsWith('.mjs') ? `./${publicRoutes.OPENAPI_DOCUMENT_FILE}` : './openapi-document.ts',
  import.meta.url,
).href;

/** GET /openapi.json: the route table's document, built on the first request. */
export const handler = httpRoute(publicRoutes.getOpenApi, async () => {
  const { openApiDocument } = (await import(documentModule)) as DocumentModule;
  return { status: 200, body: openApiDocument() };
});
