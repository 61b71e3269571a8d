import { httpRoute } from '../../http/route-handler.ts';
import * as proxies from '../../routes/proxies.ts';
import { putProxy } from '../../usecases/proxies.ts';

/** PUT /staff/patients/{nhsNumber}/proxies/{proxyNhsNumber}: 201 granted, 200 changed (a replay keeps the first). */
export const handler = httpRoute(proxies.putProxy, async ({ caller, params, body, idempotency }) => {
  const { value, replayed, status } = await putProxy(
    caller,
    params.nhsNumber,
    params.proxyNhsNumber,
    body,
    idempotency,
  );
  return { status, body: value, replayed };
});
