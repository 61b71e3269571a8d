import { listRoute } from '../../http/page-token.ts';
import { NhsNumberParams } from '../../schemas/patients.ts';
import { PrescriptionsQuery } from '../../schemas/prescriptions.ts';
import { patientPrescriptions } from '../../usecases/practice-operations.ts';

/** GET /staff/patients/{nhsNumber}/prescriptions?status= (audited) */
export const handler = listRoute(
  { access: 'staff', params: NhsNumberParams, query: PrescriptionsQuery },
  async ({ caller, params, query }) => ({
    status: 200,
    body: await patientPrescriptions(caller, params.nhsNumber, query),
  }),
);
