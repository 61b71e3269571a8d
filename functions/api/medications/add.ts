import { httpRoute } from '../../http/route-handler.ts';
import { NhsNumberParams } from '../../schemas/patients.ts';
import { AddMedicationBody } from '../../schemas/prescriptions.ts';
import { addMedication } from '../../usecases/prescriptions.ts';

/** POST /staff/patients/{nhsNumber}/medications: 201 the new repeat medication. */
export const handler = httpRoute(
  { access: 'staff', params: NhsNumberParams, body: AddMedicationBody },
  async ({ caller, params, body, idempotency }) => {
    const { value, replayed } = await addMedication(caller, params.nhsNumber, body, idempotency);
    return { status: 201, body: value, replayed };
  },
);
