import { listRoute } from '../../http/page-token.ts';
import * as appointments from '../../routes/appointments.ts';
import { listDayAppointments } from '../../usecases/appointments.ts';

/** GET /staff/appointments?date=YYYY-MM-DD (practice-local date) */
export const handler = listRoute(appointments.listDayAppointments, async ({ caller, query }) => ({
  status: 200,
  body: await listDayAppointments(caller, query),
}));
