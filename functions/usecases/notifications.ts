import type { Completed, IdempotencyClaim } from '../domain/idempotency.ts';
import { replayOf } from '../domain/idempotency.ts';
import type { AppointmentRecord } from '../domain/model.ts';
import type { PrescriptionRecord } from '../domain/prescriptions.ts';
import type { PatientCaller } from '../schemas/identity.ts';
import type { NotificationPreferences, UpdateNotificationPreferencesBody } from '../schemas/notifications.ts';
import { idempotencyItem, idempotencyKey, idempotencyRecordFrom } from '../store/idempotency.ts';
import {
  preferencesFrom,
  preferencesKey,
  preferencesPutItem,
  preferencesVersion,
} from '../store/notification-preferences.ts';
import { appointmentSubject, dropReminderItems, messageItems, reminderItems } from '../store/outbox.ts';
import { getItems } from '../store/read.ts';
import { transact, type GuardedItem } from '../store/transact.ts';
import { defaultDeps, practiceConfig, type Deps } from './deps.ts';
import { idempotentWrite } from './idempotency.ts';

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
  return idempotentWrite(claim, deps.clock, async () => {
    const now = deps.clock.now();
    const [item, idemItem] = await getItems([preferencesKey(caller.practice, caller.nhsNumber), idempotencyKey(claim)]);
    const replay = claim && replayOf<NotificationPreferences>(idempotencyRecordFrom(idemItem), claim, now);
    if (replay) return replay;
    const prefs: NotificationPreferences = { ...preferencesFrom(item), ...patch };
    await transact([
      ...idempotencyItem(claim, 200, prefs, now),
      preferencesPutItem(caller.practice, caller.nhsNumber, prefs, now, preferencesVersion(item)),
    ]);
    return { value: prefs, replayed: false };
  });
}

// ── The outbox items each change writes in its own transaction ─────────────────────────────────

/** A booking (by the patient, a proxy or the practice): its confirmation and its reminders. */
export function bookedMessageItems(
  appointment: AppointmentRecord,
  reminderHoursBefore: number,
  now: Date,
): GuardedItem[] {
  const { name, timeZone } = practiceConfig(appointment.practice);
  return [
    ...messageItems(appointmentSubject('appointment-booked', appointment, name, timeZone), now),
    ...reminderItems(appointment, name, timeZone, reminderHoursBefore, now),
  ];
}

/** Cancelled by the patient (or moved): its reminders never go. */
export function cancelledMessageItems(appointment: AppointmentRecord): GuardedItem[] {
  return dropReminderItems(appointment.appointmentId);
}

/**
 * Cancelled by the practice: its reminders never go and the patient is told, unless `silent`
 * (the patient has died).
 */
export function practiceCancelledMessageItems(
  appointment: AppointmentRecord,
  now: Date,
  silent = false,
): GuardedItem[] {
  const { name, timeZone } = practiceConfig(appointment.practice);
  return [
    ...dropReminderItems(appointment.appointmentId),
    ...(silent
      ? []
      : messageItems(appointmentSubject('appointment-cancelled-by-practice', appointment, name, timeZone), now)),
  ];
}

/** A prescription request approved, rejected or issued: the patient is told (issued: with the pharmacy). */
export function prescriptionMessageItems(
  rx: Pick<PrescriptionRecord, 'prescriptionId' | 'practice' | 'nhsNumber' | 'pharmacy'>,
  transition: 'approve' | 'reject' | 'issue',
  now: Date,
): GuardedItem[] {
  const { name, timeZone } = practiceConfig(rx.practice);
  const kind = (
    { approve: 'prescription-approved', reject: 'prescription-rejected', issue: 'prescription-issued' } as const
  )[transition];
  return messageItems(
    {
      kind,
      ref: rx.prescriptionId,
      practice: rx.practice,
      nhsNumber: rx.nhsNumber,
      practiceName: name,
      timeZone,
      ...(transition === 'issue' && rx.pharmacy ? { pharmacy: rx.pharmacy } : {}),
    },
    now,
  );
}
