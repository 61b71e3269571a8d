import { listRoute } from '../../http/page-token.ts';
import * as appointments from '../../routes/appointments.ts';
import { listOwnAppointments } from '../../usecases/appointments.ts';

/** GET /appointments?when=upcoming|past|all */
export const handler = listRoute(appointments.listAppointments, async ({ caller, query }) => ({
  status: 200,
  body: await listOwnAppointments(caller, query),
}));
