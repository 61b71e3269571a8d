import { httpRoute } from '../../http/route-handler.ts';
import * as patients from '../../routes/patients.ts';
import { registerPatient } from '../../usecases/patients.ts';

/** PUT /staff/patients/{nhsNumber}: 201 when newly registered, 200 when updated (a replay keeps the first). */
export const handler = httpRoute(patients.registerPatient, async ({ caller, params, body, idempotency }) => {
  const { value, replayed, status } = await registerPatient(
    caller.practice,
    params.nhsNumber,
    body,
    idempotency,
    undefined,
    caller.sub,
  );
  if (status === 200) return { status, body: value, replayed };
  return { status, body: value, headers: { location: `/staff/patients/${value.nhsNumber}` }, replayed };
});
