import { listRoute } from '../../http/page-token.ts';
import * as slots from '../../routes/slots.ts';
import { listFreeSlots } from '../../usecases/slots.ts';

/** GET /slots */
export const handler = listRoute(slots.listSlots, async ({ caller, query }) => ({
  status: 200,
  body: await listFreeSlots(caller, query),
}));
