import { listRoute } from '../../http/page-token.ts';
import { SlotsQuery } from '../../schemas/slots.ts';
import { listFreeSlots } from '../../usecases/slots.ts';

/** GET /slots */
export const handler = listRoute(
  { access: 'patient', actingFor: 'appointments', query: SlotsQuery },
  async ({ caller, query }) => ({
    status: 200,
    body: await listFreeSlots(caller, query),
  }),
);
