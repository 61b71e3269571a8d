import { httpRoute } from '../../http/route-handler.ts';
import { ChangeMedicationBody, MedicationParams } from '../../schemas/prescriptions.ts';
import { changeMedication } from '../../usecases/practice-operations.ts';

/** PATCH /staff/patients/{nhsNumber}/medications/{medicationId}: a medication review. */
export const handler = httpRoute(
  { access: 'staff', params: MedicationParams, body: ChangeMedicationBody },
  async ({ caller, params, body, idempotency }) => {
    const { value, replayed } = await changeMedication(
      caller,
      params.nhsNumber,
      params.medicationId,
      body,
      idempotency,
    );
    return { status: 200, body: value, replayed };
  },
);
