import { httpRoute } from '../../http/route-handler.ts';
import { AdminPracticeParams } from '../../schemas/admin.ts';
import { describeRegisteredPractice } from '../../usecases/registry.ts';

/** GET /admin/practices/{ods}: the practice as the registry has it; 404 if the stack does not serve it. */
export const handler = httpRoute({ access: 'admin', params: AdminPracticeParams }, async ({ params }) => ({
  status: 200,
  body: await describeRegisteredPractice(params.ods),
}));
