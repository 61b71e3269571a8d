import { defineRoute } from './route-spec.ts';
import {
  LocalOutbox,
  LocalOutboxQuery,
  NotificationPreferences,
  UpdateNotificationPreferencesBody,
} from '../schemas/notifications.ts';

/*
 * A patient's notification preferences, and local mode's outbox. Handlers:
 * functions/api/notifications/.
 */

export const getLocalOutbox = /* @__PURE__ */ defineRoute({
  operationId: 'getLocalOutbox',
  method: 'GET',
  path: '/dev/outbox',
  access: 'public',
  entry: 'api/notifications/local-outbox.ts',
  table: 'read',
  summary: 'Local mode only: the e-mails and text messages local mode sent, oldest first',
  request: { query: LocalOutboxQuery },
  response: { status: 200, description: 'The local outbox', schema: LocalOutbox },
  localOnly: true,
  tags: ['local'],
});

export const getNotificationPreferences = /* @__PURE__ */ defineRoute({
  operationId: 'getNotificationPreferences',
  method: 'GET',
  path: '/me/notifications',
  access: 'patient',
  entry: 'api/notifications/get.ts',
  table: 'read',
  summary: 'The patient’s own notification preferences: e-mail, UK mobile, reminders and status updates on or off',
  response: { status: 200, description: 'The preferences', schema: NotificationPreferences },
  tags: ['patient', 'notifications'],
});

export const updateNotificationPreferences = /* @__PURE__ */ defineRoute({
  operationId: 'updateNotificationPreferences',
  method: 'PUT',
  path: '/me/notifications',
  access: 'patient',
  entry: 'api/notifications/update.ts',
  table: 'read-write',
  summary: 'Change any of the patient’s own notification preferences (null removes an address)',
  request: { body: UpdateNotificationPreferencesBody },
  response: { status: 200, description: 'The preferences', schema: NotificationPreferences },
  tags: ['patient', 'notifications'],
});
