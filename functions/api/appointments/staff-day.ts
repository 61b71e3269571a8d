import { listRoute } from '../../http/page-token.ts';
import { StaffDayQuery } from '../../schemas/appointments.ts';
import { listDayAppointments } from '../../usecases/appointments.ts';

/** GET /staff/appointments?date=YYYY-MM-DD (practice-local date) */
export const handler = listRoute({ access: 'staff', query: StaffDayQuery }, async ({ caller, query }) => ({
  status: 200,
  body: await listDayAppointments(caller, query),
}));
