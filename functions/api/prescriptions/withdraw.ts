import { httpRoute } from '../../http/route-handler.ts';
import * as prescriptions from '../../routes/prescriptions.ts';
import { withdrawPrescription } from '../../usecases/prescriptions.ts';

/** POST /prescriptions/{id}/withdraw: only while requested (else 409 invalid-transition). */
export const handler = httpRoute(prescriptions.withdrawPrescription, async ({ caller, params, idempotency }) => {
  const { value, replayed } = await withdrawPrescription(caller, params.id, idempotency);
  return { status: 200, body: value, replayed };
});
