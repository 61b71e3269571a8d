import { listRoute } from '../../http/page-token.ts';
import * as prescriptions from '../../routes/prescriptions.ts';
import { listPracticePrescriptions } from '../../usecases/prescriptions.ts';

/** GET /staff/prescriptions?status=: a status's queue oldest first, or every request newest first. */
export const handler = listRoute(prescriptions.listPracticePrescriptions, async ({ caller, query }) => ({
  status: 200,
  body: await listPracticePrescriptions(caller, query),
}));
