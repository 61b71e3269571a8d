import { httpRoute } from '../../http/route-handler.ts';
import * as record from '../../routes/record.ts';
import { patientRecord } from '../../usecases/practice-operations.ts';

/** GET /staff/patients/{nhsNumber}/record: the stored coded record, audited as a staff view. */
export const handler = httpRoute(record.getPatientRecord, async ({ caller, params }) => ({
  status: 200,
  body: await patientRecord(caller, params.nhsNumber),
}));
