import { httpRoute } from '../../http/route-handler.ts';
import * as appointments from '../../routes/appointments.ts';
import { staffBookAppointment } from '../../usecases/practice-operations.ts';

/** POST /staff/appointments: a phone or desk booking (bookedBy "practice"); replays under the same Idempotency-Key. */
export const handler = httpRoute(appointments.staffBookAppointment, async ({ caller, body, idempotency }) => {
  const { value, replayed } = await staffBookAppointment(caller, body, idempotency);
  return {
    status: 201,
    body: value,
    headers: { location: `/staff/patients/${value.nhsNumber}/appointments` },
    replayed,
  };
});
