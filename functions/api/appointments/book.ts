import { httpRoute } from '../../http/route-handler.ts';
import * as appointments from '../../routes/appointments.ts';
import { bookAppointment } from '../../usecases/appointments.ts';

/** POST /appointments: 201 + Location; replays under the same Idempotency-Key. */
export const handler = httpRoute(appointments.bookAppointment, async ({ caller, body, idempotency }) => {
  const { value, replayed } = await bookAppointment(caller, body, idempotency);
  return { status: 201, body: value, headers: { location: `/appointments/${value.appointmentId}` }, replayed };
});
