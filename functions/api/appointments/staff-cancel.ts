import { httpRoute } from '../../http/route-handler.ts';
import { AppointmentIdParams, CancelAppointmentBody } from '../../schemas/appointments.ts';
import { staffCancelAppointment } from '../../usecases/appointments.ts';

/** POST /staff/appointments/{id}/cancel */
export const handler = httpRoute(
  { access: 'staff', params: AppointmentIdParams, body: CancelAppointmentBody },
  async ({ caller, params, body }) => ({
    status: 200,
    body: await staffCancelAppointment(caller, params.id, body.reason),
  }),
);
