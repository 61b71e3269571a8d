import { listRoute } from '../../http/page-token.ts';
import * as record from '../../routes/record.ts';
import { recordAccess } from '../../usecases/practice-operations.ts';

/** GET /me/record-access: who viewed the caller's record, newest first. */
export const handler = listRoute(record.listRecordAccess, async ({ caller, query }) => ({
  status: 200,
  body: await recordAccess(caller, query),
}));
