import { httpRoute } from '../../http/route-handler.ts';
import * as appointments from '../../routes/appointments.ts';
import { rescheduleAppointment } from '../../usecases/appointments.ts';

/** POST /appointments/{id}/reschedule: answers the new appointment. */
export const handler = httpRoute(appointments.rescheduleAppointment, async ({ caller, params, body, idempotency }) => {
  const { value, replayed } = await rescheduleAppointment(caller, params.id, body.slotId, idempotency);
  return { status: 200, body: value, headers: { location: `/appointments/${value.appointmentId}` }, replayed };
});
