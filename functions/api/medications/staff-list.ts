import { listRoute } from '../../http/page-token.ts';
import * as medications from '../../routes/medications.ts';
import { patientMedications } from '../../usecases/practice-operations.ts';

/** GET /staff/patients/{nhsNumber}/medications: discontinued items included, with status (audited). */
export const handler = listRoute(medications.listPatientMedications, async ({ caller, params, query }) => ({
  status: 200,
  body: await patientMedications(caller, params.nhsNumber, query),
}));
