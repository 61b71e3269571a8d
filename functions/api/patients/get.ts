import { httpRoute } from '../../http/route-handler.ts';
import { NhsNumberParams } from '../../schemas/patients.ts';
import { findPatient } from '../../usecases/patients.ts';

/** GET /staff/patients/{nhsNumber}: only patients of the caller's own practice. */
export const handler = httpRoute({ access: 'staff', params: NhsNumberParams }, async ({ caller, params }) => ({
  status: 200,
  body: await findPatient(caller.practice, params.nhsNumber),
}));
