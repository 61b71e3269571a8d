import { httpRoute } from '../../http/route-handler.ts';
import { PrescriptionIdParams } from '../../schemas/prescriptions.ts';
import { decidePrescription } from '../../usecases/prescriptions.ts';

/** POST /staff/prescriptions/{id}/approve: requested → approved; replays under the same Idempotency-Key. */
export const handler = httpRoute(
  { access: 'staff', params: PrescriptionIdParams },
  async ({ caller, params, idempotency }) => {
    const { value, replayed } = await decidePrescription(caller, params.id, 'approve', undefined, idempotency);
    return { status: 200, body: value, replayed };
  },
);
