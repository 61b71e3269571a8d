import { listRoute } from '../../http/page-token.ts';
import { AdminPracticesQuery } from '../../schemas/admin.ts';
import { listRegisteredPractices } from '../../usecases/registry.ts';

/** GET /admin/practices: the practices the stack serves, by ODS code, a page at a time. */
export const handler = listRoute({ access: 'admin', query: AdminPracticesQuery }, async ({ query }) => ({
  status: 200,
  body: await listRegisteredPractices(query),
}));
