import { httpRoute } from '../../http/route-handler.ts';
import * as prescriptions from '../../routes/prescriptions.ts';
import { orderPrescription } from '../../usecases/prescriptions.ts';

/** POST /prescriptions: 201 + Location; replays under the same Idempotency-Key. */
export const handler = httpRoute(prescriptions.orderPrescription, async ({ caller, body, idempotency }) => {
  const { value, replayed } = await orderPrescription(caller, body, idempotency);
  return { status: 201, body: value, headers: { location: `/prescriptions/${value.prescriptionId}` }, replayed };
});
