import { httpRoute } from '../../http/route-handler.ts';
import * as admin from '../../routes/admin.ts';
import { putPractice } from '../../usecases/registry.ts';

/** PUT /admin/practices/{ods}: 201 a practice added to the registry, 200 its details changed. */
export const handler = httpRoute(admin.putPractice, async ({ caller, params, body, idempotency }) => {
  const { value, replayed, status } = await putPractice(caller, params.ods, body, idempotency);
  return { status: status ?? 200, body: value, replayed };
});
