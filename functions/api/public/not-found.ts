import { noRouteFor } from '../../http/problem.ts';
import { httpRoute } from '../../http/route-handler.ts';
import { allowedMethods, compilePath } from '../../http/route-paths.ts';
import { DEPLOYED_ROUTE_KEYS, NOT_FOUND_ROUTE } from '../../routes/not-found.ts';

const ROUTE_TEMPLATES = DEPLOYED_ROUTE_KEYS.map((key) => {
  const [method = '', path = ''] = key.split(' ');
  return { method, template: compilePath(path) };
});

/**
 * The HTTP API's `$default` route: API Gateway sends it every method and path no route names. A
 * known path asked with another method answers 405 with `Allow`; anything else 404, both
 * problem+json (API Gateway's own 404 would be `{"message":"Not Found"}`).
 */
export const handler = httpRoute(NOT_FOUND_ROUTE, ({ event }) => {
  throw noRouteFor(event.requestContext.http.method, event.rawPath, allowedMethods(ROUTE_TEMPLATES, event.rawPath));
});
