import { httpRoute } from '../../http/route-handler.ts';
import * as slots from '../../routes/slots.ts';
import { withdrawSlot } from '../../usecases/slots.ts';

/** DELETE /staff/slots/{slotId}: 204; replays under the same Idempotency-Key. */
export const handler = httpRoute(slots.withdrawSlot, async ({ caller, params, idempotency }) => {
  const { replayed } = await withdrawSlot(caller, params.slotId, idempotency);
  return { status: 204, replayed };
});
