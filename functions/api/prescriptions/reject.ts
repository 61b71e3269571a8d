import { httpRoute } from '../../http/route-handler.ts';
import * as prescriptions from '../../routes/prescriptions.ts';
import { decidePrescription } from '../../usecases/prescriptions.ts';

/** POST /staff/prescriptions/{id}/reject: requested → rejected; the reason is shown to the patient. */
export const handler = httpRoute(prescriptions.rejectPrescription, async ({ caller, params, body, idempotency }) => {
  const { value, replayed } = await decidePrescription(caller, params.id, 'reject', body.reason, idempotency);
  return { status: 200, body: value, replayed };
});
