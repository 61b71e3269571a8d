import { httpRoute } from '../../http/route-handler.ts';
import * as medications from '../../routes/medications.ts';
import { discontinueMedication } from '../../usecases/practice-operations.ts';

/** DELETE /staff/patients/{nhsNumber}/medications/{medicationId}: discontinued, 204. */
export const handler = httpRoute(medications.discontinueMedication, async ({ caller, params, idempotency }) => {
  const { replayed } = await discontinueMedication(caller, params.nhsNumber, params.medicationId, idempotency);
  return { status: 204, replayed };
});
