/**
 * `METHOD /path` of every deployed route in routes.ts (its API Gateway route key), for the
 * `$default` function: it answers 405 with `Allow` for a known path, and must not bundle the
 * route table's schemas to know the paths. A unit test keeps this list equal to ROUTES.
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
  'POST /staff/reports/monthly/{month}',
  'GET /staff/reports/monthly/{month}',
];
