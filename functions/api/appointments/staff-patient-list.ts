import { listRoute } from '../../http/page-token.ts';
import * as appointments from '../../routes/appointments.ts';
import { patientAppointments } from '../../usecases/practice-operations.ts';

/** GET /staff/patients/{nhsNumber}/appointments?when= (audited) */
export const handler = listRoute(appointments.listPatientAppointments, async ({ caller, params, query }) => ({
  status: 200,
  body: await patientAppointments(caller, params.nhsNumber, query),
}));
