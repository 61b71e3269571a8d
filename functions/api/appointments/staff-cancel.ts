import { httpRoute } from '../../http/route-handler.ts';
import * as appointments from '../../routes/appointments.ts';
import { staffCancelAppointment } from '../../usecases/appointments.ts';

/** POST /staff/appointments/{id}/cancel; replays under the same Idempotency-Key. */
export const handler = httpRoute(appointments.staffCancelAppointment, async ({ caller, params, body, idempotency }) => {
  const { value, replayed } = await staffCancelAppointment(caller, params.id, body.reason, idempotency);
  return { status: 200, body: value, replayed };
});
