import { httpRoute } from '../../http/route-handler.ts';
import * as prescriptions from '../../routes/prescriptions.ts';
import { decidePrescription } from '../../usecases/prescriptions.ts';

/** POST /staff/prescriptions/{id}/issue: approved → issued; replays under the same Idempotency-Key. */
export const handler = httpRoute(prescriptions.issuePrescription, async ({ caller, params, idempotency }) => {
  const { value, replayed } = await decidePrescription(caller, params.id, 'issue', undefined, idempotency);
  return { status: 200, body: value, replayed };
});
