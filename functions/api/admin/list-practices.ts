import { listRoute } from '../../http/page-token.ts';
import * as admin from '../../routes/admin.ts';
import { listRegisteredPractices } from '../../usecases/registry.ts';

/** GET /admin/practices: the practices the stack serves, by ODS code, a page at a time. */
export const handler = listRoute(admin.listPractices, async ({ query }) => ({
  status: 200,
  body: await listRegisteredPractices(query),
}));
