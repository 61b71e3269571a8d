import { listRoute } from '../../http/page-token.ts';
import * as proxies from '../../routes/proxies.ts';
import { listProxies } from '../../usecases/proxies.ts';

/** GET /staff/patients/{nhsNumber}/proxies: who may act for the patient, ended grants included (`live`). */
export const handler = listRoute(proxies.listProxies, async ({ caller, params, query }) => ({
  status: 200,
  body: await listProxies(caller, params.nhsNumber, query),
}));
