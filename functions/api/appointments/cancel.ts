import { httpRoute } from '../../http/route-handler.ts';
import { AppointmentIdParams, CancelAppointmentBody } from '../../schemas/appointments.ts';
import { cancelAppointment } from '../../usecases/appointments.ts';

/** POST /appointments/{id}/cancel */
export const handler = httpRoute(
  { access: 'patient', actingFor: 'appointments', params: AppointmentIdParams, body: CancelAppointmentBody },
  async ({ caller, params, body, idempotency }) => {
    const { value, replayed } = await cancelAppointment(caller, params.id, body.reason, idempotency);
    return { status: 200, body: value, replayed };
  },
);
