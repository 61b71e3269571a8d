import { listRoute } from '../../http/page-token.ts';
import * as audit from '../../routes/audit.ts';
import { listAudit } from '../../usecases/record.ts';

/** GET /staff/audit?nhsNumber=&from=&to=: the practice's record-access events, newest first. */
export const handler = listRoute(audit.listAudit, async ({ caller, query }) => ({
  status: 200,
  body: await listAudit(caller, query),
  headers: { 'cache-control': 'no-store' },
}));
