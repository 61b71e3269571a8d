import { httpRoute } from '../../http/route-handler.ts';
import { MedicationParams } from '../../schemas/prescriptions.ts';
import { discontinueMedication } from '../../usecases/practice-operations.ts';

/** DELETE /staff/patients/{nhsNumber}/medications/{medicationId}: discontinued, 204. */
export const handler = httpRoute(
  { access: 'staff', params: MedicationParams },
  async ({ caller, params, idempotency }) => {
    const { replayed } = await discontinueMedication(caller, params.nhsNumber, params.medicationId, idempotency);
    return { status: 204, replayed };
  },
);
