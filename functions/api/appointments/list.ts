import { httpRoute } from '../../http/route-handler.ts';
import { AppointmentsQuery } from '../../schemas/appointments.ts';
import { listOwnAppointments } from '../../usecases/appointments.ts';

/** GET /appointments?when=upcoming|past|all */
export const handler = httpRoute({ access: 'patient', query: AppointmentsQuery }, async ({ caller, query }) => ({
  status: 200,
  body: await listOwnAppointments(caller, query),
}));
