import { httpRoute } from '../../http/route-handler.ts';
import * as prescriptions from '../../routes/prescriptions.ts';
import { decidePrescription } from '../../usecases/prescriptions.ts';

/**
 * POST /staff/prescriptions/{id}/approve: requested → approved, optionally rejecting some items
 * (body optional); replays under the same Idempotency-Key.
 */
export const handler = httpRoute(prescriptions.approvePrescription, async ({ caller, params, body, idempotency }) => {
  const { value, replayed } = await decidePrescription(
    caller,
    params.id,
    'approve',
    undefined,
    idempotency,
    undefined,
    body.rejectItems ?? [],
  );
  return { status: 200, body: value, replayed };
});
