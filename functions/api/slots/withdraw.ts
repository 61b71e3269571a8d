import { httpRoute } from '../../http/route-handler.ts';
import { SlotIdParams } from '../../schemas/slots.ts';
import { withdrawSlot } from '../../usecases/slots.ts';

/** DELETE /staff/slots/{slotId}: 204; replays under the same Idempotency-Key. */
export const handler = httpRoute({ access: 'staff', params: SlotIdParams }, async ({ caller, params, idempotency }) => {
  const { replayed } = await withdrawSlot(caller, params.slotId, idempotency);
  return { status: 204, replayed };
});
