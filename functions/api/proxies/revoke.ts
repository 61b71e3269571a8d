import { httpRoute } from '../../http/route-handler.ts';
import * as proxies from '../../routes/proxies.ts';
import { revokeProxy } from '../../usecases/proxies.ts';

/** DELETE /staff/patients/{nhsNumber}/proxies/{proxyNhsNumber}: 204; the proxy's next request is refused. */
export const handler = httpRoute(proxies.revokeProxy, async ({ caller, params, idempotency }) => {
  const { replayed } = await revokeProxy(caller, params.nhsNumber, params.proxyNhsNumber, idempotency);
  return { status: 204, replayed };
});
