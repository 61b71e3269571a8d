import { ProblemError } from '../../domain/errors.ts';
import { httpRoute } from '../../http/route-handler.ts';

/**
 * The HTTP API's `$default` route: anything the route table does not name answers 404 problem+json
 * (API Gateway's own 404 would be `{"message":"Not Found"}`).
 */
export const handler = httpRoute({ access: 'public' }, ({ event }) => {
  throw new ProblemError('not-found', `No route ${event.requestContext.http.method} ${event.rawPath}`);
});
