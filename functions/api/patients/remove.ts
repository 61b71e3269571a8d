import { httpRoute } from '../../http/route-handler.ts';
import * as patients from '../../routes/patients.ts';
import { removePatient } from '../../usecases/practice-operations.ts';

/** DELETE /staff/patients/{nhsNumber}: the patient leaves online services; 204, resumable. */
export const handler = httpRoute(patients.removePatient, async ({ caller, params, body, idempotency }) => {
  const { replayed } = await removePatient(caller, params.nhsNumber, body.reason, idempotency);
  return { status: 204, replayed };
});
