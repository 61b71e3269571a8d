import { httpRoute } from '../../http/route-handler.ts';
import { PrescriptionIdParams } from '../../schemas/prescriptions.ts';
import { withdrawPrescription } from '../../usecases/prescriptions.ts';

/** POST /prescriptions/{id}/withdraw: only while requested (else 409 invalid-transition). */
export const handler = httpRoute(
  { access: 'patient', actingFor: 'prescriptions', params: PrescriptionIdParams },
  async ({ caller, params, idempotency }) => {
    const { value, replayed } = await withdrawPrescription(caller, params.id, idempotency);
    return { status: 200, body: value, replayed };
  },
);
