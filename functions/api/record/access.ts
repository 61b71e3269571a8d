import { listRoute } from '../../http/page-token.ts';
import { RecordAccessQuery } from '../../schemas/record.ts';
import { recordAccess } from '../../usecases/practice-operations.ts';

/** GET /me/record-access: who viewed the caller's record, newest first. */
export const handler = listRoute(
  { access: 'patient', actingFor: 'record', query: RecordAccessQuery },
  async ({ caller, query }) => ({
    status: 200,
    body: await recordAccess(caller, query),
  }),
);
