import { httpRoute } from '../../http/route-handler.ts';
import * as notifications from '../../routes/notifications.ts';
import { updateNotificationPreferences } from '../../usecases/notifications.ts';

/** PUT /me/notifications: any subset of the preferences; answers them all. */
export const handler = httpRoute(notifications.updateNotificationPreferences, async ({ caller, body, idempotency }) => {
  const { value, replayed } = await updateNotificationPreferences(caller, body, idempotency);
  return { status: 200, body: value, replayed };
});
