import { httpRoute } from '../../http/route-handler.ts';
import { RecordQuery } from '../../schemas/record.ts';
import { viewOwnRecord } from '../../usecases/record.ts';

/** GET /record: the caller's own record at the enabled level; every view is audited and counted. */
export const handler = httpRoute(
  { access: 'patient', actingFor: 'record', query: RecordQuery },
  async ({ caller }) => ({
    status: 200,
    body: await viewOwnRecord(caller),
    // Health records must not linger in shared or browser caches.
    headers: { 'cache-control': 'no-store' },
  }),
);
