import { httpRoute } from '../../http/route-handler.ts';
import { AppointmentIdParams, CancelAppointmentBody } from '../../schemas/appointments.ts';
import { staffCancelAppointment } from '../../usecases/appointments.ts';

/** POST /staff/appointments/{id}/cancel; replays under the same Idempotency-Key. */
export const handler = httpRoute(
  { access: 'staff', params: AppointmentIdParams, body: CancelAppointmentBody },
  async ({ caller, params, body, idempotency }) => {
    const { value, replayed } = await staffCancelAppointment(caller, params.id, body.reason, idempotency);
    return { status: 200, body: value, replayed };
  },
);
