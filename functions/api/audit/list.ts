import { listRoute } from '../../http/page-token.ts';
import { AuditQuery } from '../../schemas/record.ts';
import { listAudit } from '../../usecases/record.ts';

/** GET /staff/audit?nhsNumber=&from=&to=: the practice's record-access events, newest first. */
export const handler = listRoute({ access: 'staff', query: AuditQuery }, async ({ caller, query }) => ({
  status: 200,
  body: await listAudit(caller, query),
  headers: { 'cache-control': 'no-store' },
}));
