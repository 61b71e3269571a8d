import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';

/**
 * The HTTP API (payload 2.0) event every route handler receives. In a module of its own so the
 * request's helpers (identity, idempotency, page tokens) and the handler factory that uses them
 * can all name it without importing one another.
 */
export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
