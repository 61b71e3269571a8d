import { httpRoute } from '../../http/route-handler.ts';
import * as notifications from '../../routes/notifications.ts';
import { getNotificationPreferences } from '../../usecases/notifications.ts';

/** GET /me/notifications: the patient's own notification preferences (the defaults until set). */
export const handler = httpRoute(notifications.getNotificationPreferences, async ({ caller }) => ({
  status: 200,
  body: await getNotificationPreferences(caller),
}));
