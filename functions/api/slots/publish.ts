import { httpRoute } from '../../http/route-handler.ts';
import * as slots from '../../routes/slots.ts';
import { publishSlots } from '../../usecases/slots.ts';

/** POST /staff/slots: 201; replays under the same Idempotency-Key. */
export const handler = httpRoute(slots.publishSlots, async ({ caller, body, idempotency }) => {
  const { value, replayed } = await publishSlots(caller, body.slots, idempotency);
  return { status: 201, body: value, replayed };
});
