import { httpRoute } from '../../http/route-handler.ts';
import { PrescriptionIdParams, RejectPrescriptionBody } from '../../schemas/prescriptions.ts';
import { decidePrescription } from '../../usecases/prescriptions.ts';

/** POST /staff/prescriptions/{id}/reject: requested → rejected; the reason is shown to the patient. */
export const handler = httpRoute(
  { access: 'staff', params: PrescriptionIdParams, body: RejectPrescriptionBody },
  async ({ caller, params, body, idempotency }) => {
    const { value, replayed } = await decidePrescription(caller, params.id, 'reject', body.reason, idempotency);
    return { status: 200, body: value, replayed };
  },
);
