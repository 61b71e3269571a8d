import type { Completed, IdempotencyClaim } from '../domain/idempotency.ts';
import type { PatientCaller } from '../schemas/identity.ts';
import type { NotificationPreferences, UpdateNotificationPreferencesBody } from '../schemas/notifications.ts';
import {
  commitPreferences,
  preferencesFrom,
  preferencesKey,
  readPreferencesContext,
} from '../store/notification-preferences.ts';
import { getItems } from '../store/read.ts';
import { defaultDeps, type Deps } from './deps.ts';
import { idempotentChange } from './idempotency.ts';

/** GET /me/notifications: one GetItem in the patient's own partition (the defaults until set). */
export async function getNotificationPreferences(caller: PatientCaller): Promise<NotificationPreferences> {
  const [item] = await getItems([preferencesKey(caller.practice, caller.nhsNumber)]);
  return preferencesFrom(item);
}

/**
 * PUT /me/notifications: any subset merged into what is stored. One BatchGetItem (the preferences
 * and the idempotency record) + one TransactWriteItems conditioned on the version read.
 */
export async function updateNotificationPreferences(
  caller: PatientCaller,
  patch: UpdateNotificationPreferencesBody,
  claim: IdempotencyClaim | undefined,
  deps: Deps = defaultDeps,
): Promise<Completed<NotificationPreferences>> {
  return idempotentChange({
    claim,
    clock: deps.clock,
    read: () => readPreferencesContext(caller.practice, caller.nhsNumber, claim),
    decide: (read, now) => {
      const preferences: NotificationPreferences = { ...read.preferences, ...patch };
      return {
        value: preferences,
        status: 200,
        change: {
          practice: caller.practice,
          nhsNumber: caller.nhsNumber,
          preferences,
          at: now,
          readVersion: read.version,
        },
      };
    },
    commit: commitPreferences,
  });
}
