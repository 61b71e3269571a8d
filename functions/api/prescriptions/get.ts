import { httpRoute } from '../../http/route-handler.ts';
import { PrescriptionIdParams } from '../../schemas/prescriptions.ts';
import { getOwnPrescription } from '../../usecases/prescriptions.ts';

/** GET /prescriptions/{id}: 404 for anything not the caller's own. */
export const handler = httpRoute(
  { access: 'patient', actingFor: 'prescriptions', params: PrescriptionIdParams },
  async ({ caller, params }) => ({
    status: 200,
    body: await getOwnPrescription(caller, params.id),
  }),
);
