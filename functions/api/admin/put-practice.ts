import { httpRoute } from '../../http/route-handler.ts';
import { AdminPracticeParams, PutPracticeBody } from '../../schemas/admin.ts';
import { putPractice } from '../../usecases/registry.ts';

/** PUT /admin/practices/{ods}: 201 a practice added to the registry, 200 its details changed. */
export const handler = httpRoute(
  { access: 'admin', params: AdminPracticeParams, body: PutPracticeBody },
  async ({ caller, params, body, idempotency }) => {
    const { value, replayed, status } = await putPractice(caller, params.ods, body, idempotency);
    return { status: status ?? 200, body: value, replayed };
  },
);
