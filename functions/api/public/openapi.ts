import { httpRoute } from '../../http/route-handler.ts';
import { buildOpenApi } from '../../http/openapi.ts';
import { ROUTES } from '../../routes.ts';
import * as publicRoutes from '../../routes/public.ts';

let document: unknown;

/** GET /openapi.json: built once per process from the route table (local mode adds /dev/token). */
export const handler = httpRoute(publicRoutes.getOpenApi, () => {
  document ??= buildOpenApi(ROUTES, { includeLocalOnly: process.env.LOCAL_MODE === '1' });
  return { status: 200, body: document };
});
