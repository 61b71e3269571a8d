import { httpRoute } from '../../http/route-handler.ts';
import * as medications from '../../routes/medications.ts';
import { changeMedication } from '../../usecases/practice-operations.ts';

/** PATCH /staff/patients/{nhsNumber}/medications/{medicationId}: a medication review. */
export const handler = httpRoute(medications.changeMedication, async ({ caller, params, body, idempotency }) => {
  const { value, replayed } = await changeMedication(caller, params.nhsNumber, params.medicationId, body, idempotency);
  return { status: 200, body: value, replayed };
});
