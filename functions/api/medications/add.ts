import { httpRoute } from '../../http/route-handler.ts';
import * as medications from '../../routes/medications.ts';
import { addMedication } from '../../usecases/prescriptions.ts';

/** POST /staff/patients/{nhsNumber}/medications: 201 the new repeat medication. */
export const handler = httpRoute(medications.addMedication, async ({ caller, params, body, idempotency }) => {
  const { value, replayed } = await addMedication(caller, params.nhsNumber, body, idempotency);
  return { status: 201, body: value, replayed };
});
