import { httpRoute } from '../../http/route-handler.ts';
import { PublishSlotsBody } from '../../schemas/slots.ts';
import { publishSlots } from '../../usecases/slots.ts';

/** POST /staff/slots */
export const handler = httpRoute({ access: 'staff', body: PublishSlotsBody }, async ({ caller, body }) => ({
  status: 201,
  body: { items: await publishSlots(caller, body.slots) },
}));
