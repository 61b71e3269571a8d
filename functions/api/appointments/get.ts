import { httpRoute } from '../../http/route-handler.ts';
import * as appointments from '../../routes/appointments.ts';
import { getOwnAppointment } from '../../usecases/appointments.ts';

/** GET /appointments/{id}: 404 for anything not the caller's own. */
export const handler = httpRoute(appointments.getAppointment, async ({ caller, params }) => ({
  status: 200,
  body: await getOwnAppointment(caller, params.id),
}));
