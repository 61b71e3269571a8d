import { httpRoute } from '../../http/route-handler.ts';
import { PUBLISH_SLOTS_MAX_BODY_BYTES, PublishSlotsBody } from '../../schemas/slots.ts';
import { publishSlots } from '../../usecases/slots.ts';

/** POST /staff/slots: 201; replays under the same Idempotency-Key. */
export const handler = httpRoute(
  { access: 'staff', body: PublishSlotsBody, maxBodyBytes: PUBLISH_SLOTS_MAX_BODY_BYTES },
  async ({ caller, body, idempotency }) => {
    const { value, replayed } = await publishSlots(caller, body.slots, idempotency);
    return { status: 201, body: value, replayed };
  },
);
