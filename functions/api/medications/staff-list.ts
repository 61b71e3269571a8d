import { listRoute } from '../../http/page-token.ts';
import { NhsNumberParams } from '../../schemas/patients.ts';
import { MedicationsQuery } from '../../schemas/prescriptions.ts';
import { patientMedications } from '../../usecases/practice-operations.ts';

/** GET /staff/patients/{nhsNumber}/medications: discontinued items included, with status (audited). */
export const handler = listRoute(
  { access: 'staff', params: NhsNumberParams, query: MedicationsQuery },
  async ({ caller, params, query }) => ({
    status: 200,
    body: await patientMedications(caller, params.nhsNumber, query),
  }),
);
