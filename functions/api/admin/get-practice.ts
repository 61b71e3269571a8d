import { httpRoute } from '../../http/route-handler.ts';
import * as admin from '../../routes/admin.ts';
import { describeRegisteredPractice } from '../../usecases/registry.ts';

/** GET /admin/practices/{ods}: the practice as the registry has it; 404 if the stack does not serve it. */
export const handler = httpRoute(admin.getRegisteredPractice, async ({ params }) => ({
  status: 200,
  body: await describeRegisteredPractice(params.ods),
}));
