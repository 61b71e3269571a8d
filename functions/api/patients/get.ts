import { httpRoute } from '../../http/route-handler.ts';
import * as patients from '../../routes/patients.ts';
import { describePatientForStaff } from '../../usecases/linkage.ts';

/** GET /staff/patients/{nhsNumber}: only patients of the caller's own practice, with their account's link. */
export const handler = httpRoute(patients.getPatient, async ({ caller, params }) => ({
  status: 200,
  body: await describePatientForStaff(caller, params.nhsNumber),
}));
