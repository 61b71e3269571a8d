import { httpRoute } from '../../http/route-handler.ts';
import { ProxyParams } from '../../schemas/proxies.ts';
import { revokeProxy } from '../../usecases/proxies.ts';

/** DELETE /staff/patients/{nhsNumber}/proxies/{proxyNhsNumber}: 204; the proxy's next request is refused. */
export const handler = httpRoute({ access: 'staff', params: ProxyParams }, async ({ caller, params, idempotency }) => {
  const { replayed } = await revokeProxy(caller, params.nhsNumber, params.proxyNhsNumber, idempotency);
  return { status: 204, replayed };
});
