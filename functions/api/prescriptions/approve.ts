import { httpRoute } from '../../http/route-handler.ts';
import { ApprovePrescriptionBody, PrescriptionIdParams } from '../../schemas/prescriptions.ts';
import { decidePrescription } from '../../usecases/prescriptions.ts';

/**
 * POST /staff/prescriptions/{id}/approve: requested → approved, optionally rejecting some items
 * (body optional); replays under the same Idempotency-Key.
 */
export const handler = httpRoute(
  { access: 'staff', params: PrescriptionIdParams, body: ApprovePrescriptionBody, bodyOptional: true },
  async ({ caller, params, body, idempotency }) => {
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
  },
);
