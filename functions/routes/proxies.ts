import { defineRoute } from './route-spec.ts';
import { listOf } from '../schemas/common.ts';
import { NhsNumberParams } from '../schemas/patients.ts';
import { ProxiesQuery, ProxyGrant, ProxyParams, PutProxyBody } from '../schemas/proxies.ts';

/*
 * Proxy access: staff grant a carer or parent the right to act for another patient. Handlers:
 * functions/api/proxies/.
 */

export const putProxy = /* @__PURE__ */ defineRoute({
  operationId: 'putProxy',
  method: 'PUT',
  path: '/staff/patients/{nhsNumber}/proxies/{proxyNhsNumber}',
  access: 'staff',
  entry: 'api/proxies/put.ts',
  table: 'read-write',
  summary:
    'Grant or change proxy access: another registered patient of the practice may act for this one, within services enabled for them, optionally until a date',
  request: { params: ProxyParams, body: PutProxyBody },
  response: {
    status: 200,
    description: 'Changed',
    schema: ProxyGrant,
    also: { status: 201, description: 'Granted' },
  },
  tags: ['staff', 'proxy'],
});

export const listProxies = /* @__PURE__ */ defineRoute({
  operationId: 'listProxies',
  method: 'GET',
  path: '/staff/patients/{nhsNumber}/proxies',
  access: 'staff',
  entry: 'api/proxies/list.ts',
  table: 'read',
  summary: 'Who may act for the patient (grants past their end date included, with live: false)',
  request: { params: NhsNumberParams, query: ProxiesQuery },
  response: { status: 200, description: 'A page of grants', schema: /* @__PURE__ */ listOf(ProxyGrant) },
  tags: ['staff', 'proxy'],
});

export const revokeProxy = /* @__PURE__ */ defineRoute({
  operationId: 'revokeProxy',
  method: 'DELETE',
  path: '/staff/patients/{nhsNumber}/proxies/{proxyNhsNumber}',
  access: 'staff',
  entry: 'api/proxies/revoke.ts',
  table: 'read-write',
  summary: 'Revoke proxy access: the grant leaves the list and the proxy’s next request is refused',
  request: { params: ProxyParams },
  response: { status: 204, description: 'Revoked (or there was no grant)' },
  tags: ['staff', 'proxy'],
});
