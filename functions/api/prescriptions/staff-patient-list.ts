import { listRoute } from '../../http/page-token.ts';
import * as prescriptions from '../../routes/prescriptions.ts';
import { patientPrescriptions } from '../../usecases/practice-operations.ts';

/** GET /staff/patients/{nhsNumber}/prescriptions?status= (audited) */
export const handler = listRoute(prescriptions.listPatientPrescriptions, async ({ caller, params, query }) => ({
  status: 200,
  body: await patientPrescriptions(caller, params.nhsNumber, query),
}));
