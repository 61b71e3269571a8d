import { listRoute } from '../../http/page-token.ts';
import { PrescriptionsQuery } from '../../schemas/prescriptions.ts';
import { listPracticePrescriptions } from '../../usecases/prescriptions.ts';

/** GET /staff/prescriptions?status=: a status's queue oldest first, or every request newest first. */
export const handler = listRoute({ access: 'staff', query: PrescriptionsQuery }, async ({ caller, query }) => ({
  status: 200,
  body: await listPracticePrescriptions(caller, query),
}));
