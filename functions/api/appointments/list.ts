import { listRoute } from '../../http/page-token.ts';
import { AppointmentsQuery } from '../../schemas/appointments.ts';
import { listOwnAppointments } from '../../usecases/appointments.ts';

/** GET /appointments?when=upcoming|past|all */
export const handler = listRoute(
  { access: 'patient', actingFor: 'appointments', query: AppointmentsQuery },
  async ({ caller, query }) => ({
    status: 200,
    body: await listOwnAppointments(caller, query),
  }),
);
