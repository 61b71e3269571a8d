import { listRoute } from '../../http/page-token.ts';
import { AppointmentsQuery } from '../../schemas/appointments.ts';
import { NhsNumberParams } from '../../schemas/patients.ts';
import { patientAppointments } from '../../usecases/practice-operations.ts';

/** GET /staff/patients/{nhsNumber}/appointments?when= (audited) */
export const handler = listRoute(
  { access: 'staff', params: NhsNumberParams, query: AppointmentsQuery },
  async ({ caller, params, query }) => ({
    status: 200,
    body: await patientAppointments(caller, params.nhsNumber, query),
  }),
);
