/**
 * What the service tells patients, and when: pure rules (no AWS). The messages themselves are
 * written in domain/message-templates.ts; the outbox that carries them is store/outbox.ts.
 */
import type { Channel, MessageKind } from '../schemas/message-kinds.ts';
import { addDays, localDate, startOfLocalDay } from './time.ts';

export interface NotificationPreferences {
  email: string | null;
  mobile: string | null;
  appointmentReminders: boolean;
  statusUpdates: boolean;
}

export const DEFAULT_PREFERENCES: NotificationPreferences = {
  email: null,
  mobile: null,
  appointmentReminders: true,
  statusUpdates: true,
};

/**
 * Where a message of `kind` goes on `channel` under the patient's preferences now, or undefined
 * when the patient has not given that channel or has turned that kind of message off.
 * `appointmentReminders` covers reminders; `statusUpdates` every other kind.
 */
export function addressFor(prefs: NotificationPreferences, kind: MessageKind, channel: Channel): string | undefined {
  const wanted = kind === 'appointment-reminder' ? prefs.appointmentReminders : prefs.statusUpdates;
  if (!wanted) return undefined;
  return (channel === 'email' ? prefs.email : prefs.mobile) ?? undefined;
}

/**
 * A message's id: the event (kind and the appointment or request it is about) and the channel.
 * Each such event happens at most once (an appointment is booked, reminded of or cancelled by the
 * practice once; a request is approved, rejected or issued once), so a retried request, a
 * retried batch or a restarted sender always arrives at the same id.
 */
export function messageId(kind: MessageKind, ref: string, channel: Channel): string {
  return `${kind}.${ref}.${channel}`;
}

/** SMS quiet hours, practice time: from 21:00 until 08:00. */
const QUIET_FROM_HOUR = 21;
const QUIET_UNTIL_HOUR = 8;
/** An early appointment's reminder goes at this hour the evening before instead of being held. */
const EARLY_REMINDER_HOUR = 20;
/** An appointment starting before this hour (practice time) is "early". */
const EARLY_APPOINTMENT_BEFORE_HOUR = 10;

/** The instant a local wall-clock hour begins on a local date (DST-safe: via local midnight). */
function localHour(date: string, hour: number, timeZone: string): Date {
  const midnight = startOfLocalDay(date, timeZone);
  // Hours are counted on the wall clock, not from midnight: on a change day the two differ.
  const guess = new Date(midnight.getTime() + hour * 3_600_000);
  const drift = wallHour(guess, timeZone) - hour;
  return drift === 0 ? guess : new Date(guess.getTime() - drift * 3_600_000);
}

function wallHour(instant: Date, timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(instant));
}

function wallMinutes(instant: Date, timeZone: string): number {
  const [h, m] = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(instant)
    .split(':')
    .map(Number) as [number, number];
  return h * 60 + m;
}

/**
 * The quiet period an instant falls in, if any: the local date whose evening (21:00) it began.
 */
function quietEvening(instant: Date, timeZone: string): string | undefined {
  const minutes = wallMinutes(instant, timeZone);
  const date = localDate(instant, timeZone);
  if (minutes >= QUIET_FROM_HOUR * 60) return date;
  if (minutes < QUIET_UNTIL_HOUR * 60) return addDays(date, -1);
  return undefined;
}

/**
 * When an SMS that falls due at `due` may go: at once outside quiet hours, else held until the
 * 08:00 that ends them (practice time, across BST/GMT changes). E-mail is never held.
 */
export function smsSendAt(due: Date, timeZone: string): Date {
  const evening = quietEvening(due, timeZone);
  return evening === undefined ? due : localHour(addDays(evening, 1), QUIET_UNTIL_HOUR, timeZone);
}

/**
 * When an appointment's reminder falls due: `reminderHoursBefore` hours before its start; none
 * when reminders are off (0) or that moment has passed already (a late booking).
 */
export function reminderDueAt(start: Date, reminderHoursBefore: number, now: Date): Date | undefined {
  if (reminderHoursBefore <= 0) return undefined;
  const due = new Date(start.getTime() - reminderHoursBefore * 3_600_000);
  return due.getTime() > now.getTime() ? due : undefined;
}

/**
 * When a reminder's SMS goes. Falling due in quiet hours it is held until 08:00, except for an
 * appointment starting before 10:00 (practice time), when 08:00 would be too short notice: that
 * reminder goes at 20:00 the evening before, just ahead of the quiet hours, or at once if it was
 * booked after that.
 */
export function reminderSmsSendAt(due: Date, start: Date, now: Date, timeZone: string): Date {
  const evening = quietEvening(due, timeZone);
  if (evening === undefined) return due;
  if (wallMinutes(start, timeZone) >= EARLY_APPOINTMENT_BEFORE_HOUR * 60) return smsSendAt(due, timeZone);
  const early = localHour(evening, EARLY_REMINDER_HOUR, timeZone);
  return early.getTime() > now.getTime() ? early : now;
}

/** Delivery attempts per message before it is dead-lettered. */
export const MAX_DELIVERY_ATTEMPTS = 5;

/** Backoff before attempt `attempt + 1` (attempt counts from 1): doubling from `baseMs`, capped. */
export function retryDelayMs(attempt: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** (attempt - 1), 60 * 60_000);
}
