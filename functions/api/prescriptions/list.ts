import { listRoute } from '../../http/page-token.ts';
import * as prescriptions from '../../routes/prescriptions.ts';
import { listOwnPrescriptions } from '../../usecases/prescriptions.ts';

/** GET /prescriptions?status=: the patient's own requests, newest first. */
export const handler = listRoute(prescriptions.listPrescriptions, async ({ caller, query }) => ({
  status: 200,
  body: await listOwnPrescriptions(caller, query),
}));
