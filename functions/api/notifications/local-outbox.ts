import { httpRoute } from '../../http/route-handler.ts';
import { listLocalOutbox } from '../../notifications/local-outbox.ts';
import { LocalOutboxQuery } from '../../schemas/notifications.ts';

/**
 * GET /dev/outbox (local mode only, like /dev/token: the stack deploys no such route): the
 * messages local mode "sent", oldest first; `nhsNumber` keeps one patient's.
 */
export const handler = httpRoute({ access: 'public', query: LocalOutboxQuery }, async ({ query }) => ({
  status: 200,
  body: { items: await listLocalOutbox(query.nhsNumber) },
}));
