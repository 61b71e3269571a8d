import { httpRoute } from '../../http/route-handler.ts';
import * as patients from '../../routes/patients.ts';
import { describeMe } from '../../usecases/proxies.ts';

/** GET /me: the patient, their services and whom they may act for (Acting-For: the patient acted for). */
export const handler = httpRoute(patients.getMe, async ({ caller }) => ({
  status: 200,
  body: await describeMe(caller),
}));
