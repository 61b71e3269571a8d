import { httpRoute } from '../../http/route-handler.ts';
import { findPatient } from '../../usecases/patients.ts';

/** GET /me */
export const handler = httpRoute({ access: 'patient' }, async ({ caller }) => ({
  status: 200,
  body: await findPatient(caller.practice, caller.nhsNumber),
}));
