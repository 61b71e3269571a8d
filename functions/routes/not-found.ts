import type { RouteDefinition } from './route-spec.ts';

/**
 * What answers any method and path not in the route table: the stack's `$default` route (no
 * authorizer); local mode answers the same 404, or 405 with `Allow` for a known path, itself.
 */
export const NOT_FOUND_ROUTE = {
  operationId: 'notFound',
  access: 'public',
  entry: 'api/public/not-found.ts',
  table: 'none',
  summary: 'Any unknown route: 404, or 405 with Allow for a known path (problem+json)',
} as const satisfies Pick<RouteDefinition, 'operationId' | 'access' | 'entry' | 'table' | 'summary'>;

/**
 * `METHOD /path` of every deployed route (its API Gateway route key), for the `$default`
 * function: it answers 405 with `Allow` for a known path, and must not bundle every resource's
 * route definitions and schemas to know the paths. A unit test keeps this list equal to the
 * route table.
 */
export const DEPLOYED_ROUTE_KEYS: readonly string[] = [
  'GET /health',
  'GET /openapi.json',
  'GET /me',
  'GET /practice',
  'GET /slots',
  'POST /appointments',
  'GET /appointments',
  'GET /appointments/{id}',
  'POST /appointments/{id}/cancel',
  'POST /appointments/{id}/reschedule',
  'PUT /staff/practice/settings',
  'PUT /staff/patients/{nhsNumber}',
  'GET /staff/patients/{nhsNumber}',
  'POST /staff/slots',
  'DELETE /staff/slots/{slotId}',
  'GET /staff/appointments',
  'POST /staff/appointments/{id}/cancel',
  'GET /medications',
  'POST /prescriptions',
  'GET /prescriptions',
  'GET /prescriptions/{id}',
  'POST /prescriptions/{id}/withdraw',
  'POST /staff/patients/{nhsNumber}/medications',
  'GET /staff/prescriptions',
  'POST /staff/prescriptions/{id}/approve',
  'POST /staff/prescriptions/{id}/reject',
  'POST /staff/prescriptions/{id}/issue',
  'GET /record',
  'PUT /staff/patients/{nhsNumber}/record',
  'GET /staff/audit',
  'GET /staff/practice',
  'GET /staff/slots',
  'POST /staff/appointments',
  'GET /staff/patients/{nhsNumber}/appointments',
  'GET /staff/patients/{nhsNumber}/prescriptions',
  'GET /staff/patients/{nhsNumber}/medications',
  'PATCH /staff/patients/{nhsNumber}/medications/{medicationId}',
  'DELETE /staff/patients/{nhsNumber}/medications/{medicationId}',
  'GET /staff/patients/{nhsNumber}/record',
  'DELETE /staff/patients/{nhsNumber}',
  'GET /me/record-access',
  'GET /me/notifications',
  'PUT /me/notifications',
  'POST /staff/reports/monthly/{month}',
  'GET /staff/reports/monthly/{month}',
  'POST /staff/patients/{nhsNumber}/invitations',
  'GET /staff/patients/{nhsNumber}/invitations',
  'DELETE /staff/invitations/{invitationId}',
  'DELETE /staff/patients/{nhsNumber}/account',
  'POST /me/link',
  'PUT /staff/patients/{nhsNumber}/proxies/{proxyNhsNumber}',
  'GET /staff/patients/{nhsNumber}/proxies',
  'DELETE /staff/patients/{nhsNumber}/proxies/{proxyNhsNumber}',
  'PUT /admin/practices/{ods}',
  'GET /admin/practices',
  'GET /admin/practices/{ods}',
  'GET /admin/reports/monthly/{month}',
];
