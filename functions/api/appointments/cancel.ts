import { httpRoute } from '../../http/route-handler.ts';
import * as appointments from '../../routes/appointments.ts';
import { cancelAppointment } from '../../usecases/appointments.ts';

/** POST /appointments/{id}/cancel */
export const handler = httpRoute(appointments.cancelAppointment, async ({ caller, params, body, idempotency }) => {
  const { value, replayed } = await cancelAppointment(caller, params.id, body.reason, idempotency);
  return { status: 200, body: value, replayed };
});
