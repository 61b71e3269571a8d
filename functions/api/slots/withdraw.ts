import { httpRoute } from '../../http/route-handler.ts';
import { SlotIdParams } from '../../schemas/slots.ts';
import { withdrawSlot } from '../../usecases/slots.ts';

/** DELETE /staff/slots/{slotId} */
export const handler = httpRoute({ access: 'staff', params: SlotIdParams }, async ({ caller, params }) => {
  await withdrawSlot(caller, params.slotId);
  return { status: 204 };
});
