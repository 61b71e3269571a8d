import { listRoute } from '../../http/page-token.ts';
import { PrescriptionsQuery } from '../../schemas/prescriptions.ts';
import { listOwnPrescriptions } from '../../usecases/prescriptions.ts';

/** GET /prescriptions?status=: the patient's own requests, newest first. */
export const handler = listRoute(
  { access: 'patient', actingFor: 'prescriptions', query: PrescriptionsQuery },
  async ({ caller, query }) => ({
    status: 200,
    body: await listOwnPrescriptions(caller, query),
  }),
);
