import { httpRoute } from '../../http/route-handler.ts';
import * as record from '../../routes/record.ts';
import { viewOwnRecord } from '../../usecases/record.ts';

/** GET /record: the caller's own record at the enabled level; every view is audited and counted. */
export const handler = httpRoute(record.getRecord, async ({ caller }) => ({
  status: 200,
  body: await viewOwnRecord(caller),
  // Health records must not linger in shared or browser caches.
  headers: { 'cache-control': 'no-store' },
}));
