import { httpRoute } from '../../http/route-handler.ts';
import * as prescriptions from '../../routes/prescriptions.ts';
import { getOwnPrescription } from '../../usecases/prescriptions.ts';

/** GET /prescriptions/{id}: 404 for anything not the caller's own. */
export const handler = httpRoute(prescriptions.getPrescription, async ({ caller, params }) => ({
  status: 200,
  body: await getOwnPrescription(caller, params.id),
}));
