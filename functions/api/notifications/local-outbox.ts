import { httpRoute } from '../../http/route-handler.ts';
import { listLocalOutbox } from '../../notifications/local-outbox.ts';
import * as notifications from '../../routes/notifications.ts';

/**
 * GET /dev/outbox (local mode only, like /dev/token: the stack deploys no such route): the
 * messages local mode "sent", oldest first; `nhsNumber` keeps one patient's.
 */
export const handler = httpRoute(notifications.getLocalOutbox, async ({ query }) => ({
  status: 200,
  body: { items: await listLocalOutbox(query.nhsNumber) },
}));
