import type { CountedAction } from '../domain/activity.ts';
import { alreadyCancelled } from '../domain/appointments.ts';
import type { AppointmentRecord, PatientRecord, SlotRecord } from '../domain/model.ts';
import { Appointment } from '../schemas/appointments.ts';
import type { IdempotencyClaim } from '../domain/idempotency.ts';
import type { AuditRecord } from '../domain/record.ts';

import { localDate } from '../domain/time.ts';
import { putAuditItem } from './audit.ts';
import { tableName } from './client.ts';
import { countedActionItems } from './counters.ts';
import { commitChange, idempotencyKey, idempotencyRecordFrom, type KeptAnswer } from './idempotency.ts';
import { keys } from './keys.ts';
import { storedItem } from './stored-item.ts';
import type { Item, GuardedItem } from './dynamo.ts';
import { getItems, type Page, queryList, queryPage } from './read.ts';
import { bookedMessageItems, cancelledMessageItems, practiceCancelledMessageItems, type Sender } from './outbox.ts';
import { isLeavingOrLeft, patientBookingsItem, patientFrom, releaseBookingsItem } from './patients.ts';
import { settingsFrom } from './practices.ts';
import { bookSlotItem, releaseSlotItem, slotFrom } from './slots.ts';

const parseAppointment = /* @__PURE__ */ storedItem('appointment', () => Appointment);

export function appointmentFrom(item: Item | undefined): AppointmentRecord | undefined {
  return item && parseAppointment(item);
}

export const appointmentKey = (a: Pick<AppointmentRecord, 'practice' | 'nhsNumber' | 'appointmentId'>) =>
  keys.appointment(a.practice, a.nhsNumber, a.appointmentId);

/** A new appointment in the patient's partition, indexed by practice day (GSI1) and by id (GSI2). */
function putAppointmentItem(a: AppointmentRecord, timeZone: string): GuardedItem {
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: {
          ...appointmentKey(a),
          entity: 'appointment',
          ...a,
          GSI1PK: keys.dayPartition(a.practice, localDate(new Date(a.start), timeZone)),
          GSI1SK: keys.startSort(a.start, a.appointmentId),
          GSI2PK: keys.appointmentIdPartition(a.practice, a.appointmentId),
          GSI2SK: keys.appointmentIdSort,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
  };
}

/** Marks a booked appointment cancelled; a second cancellation finds it already cancelled. */
function cancelAppointmentItem(a: AppointmentRecord, cancellation: Cancellation): GuardedItem {
  const byProxy = cancellation.cancelledByNhsNumber !== undefined;
  return {
    item: {
      Update: {
        TableName: tableName(),
        Key: appointmentKey(a),
        UpdateExpression: `SET #status = :cancelled, cancelledAt = :at, cancelReason = :reason, cancelledBy = :by${byProxy ? ', cancelledByNhsNumber = :byNhs' : ''}`,
        ConditionExpression: '#status = :booked',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':cancelled': 'cancelled',
          ':booked': 'booked',
          ':at': cancellation.cancelledAt,
          ':reason': cancellation.cancelReason,
          ':by': cancellation.cancelledBy,
          ...(byProxy ? { ':byNhs': cancellation.cancelledByNhsNumber } : {}),
        },
      },
    },
    onConditionFailed: alreadyCancelled,
  };
}

/**
 * Everything a change to a patient's appointments is decided on, in ONE BatchGetItem: the
 * patient's profile, the practice settings, the slot and the appointment involved, and the
 * Idempotency-Key's record.
 */
export async function readAppointmentContext(
  practice: string,
  nhsNumber: string,
  wanted: { slotId?: string; appointmentId?: string },
  claim: IdempotencyClaim | undefined,
) {
  const [patientItem, settingsItem, slotItem, appointmentItem, idemItem] = await getItems([
    keys.patient(practice, nhsNumber),
    keys.practiceSettings(practice),
    wanted.slotId ? keys.slot(practice, wanted.slotId) : undefined,
    wanted.appointmentId ? keys.appointment(practice, nhsNumber, wanted.appointmentId) : undefined,
    idempotencyKey(claim),
  ]);
  return {
    patient: patientFrom(patientItem),
    /** The patient is leaving, or has left, online services at the practice. */
    patientLeaving: isLeavingOrLeft(patientItem),
    settings: settingsFrom(settingsItem),
    slot: slotFrom(slotItem),
    appointment: appointmentFrom(appointmentItem),
    idempotency: idempotencyRecordFrom(idemItem),
  };
}

/** Who cancelled an appointment, and when and why. */
export interface Cancellation {
  cancelledAt: string;
  cancelReason: string;
  cancelledBy: 'patient' | 'practice' | 'proxy';
  /** With a proxy: who. */
  cancelledByNhsNumber?: string;
}

/** A new appointment in its slot, for the patient whose bookings it joins. */
export interface Booking {
  appointment: AppointmentRecord;
  slot: SlotRecord;
  patient: PatientRecord;
  /** The patient's bookings whose start has passed, dropped on this write. */
  lapsed: string[];
  reminderHoursBefore: number;
}

/**
 * A change to a patient's appointments, as one transaction: a booking, a cancellation, or both
 * (a reschedule: the patient never holds both, never neither).
 */
export interface AppointmentChange {
  /** The practice the appointment is at, as its messages name it. */
  practice: Sender;
  now: Date;
  /** A new appointment in a slot still free, added to the patient's bookings (`lapsed` dropped). */
  book?: Booking;
  /**
   * A booked appointment cancelled, its slot freed and dropped from the patient's bookings. By the
   * practice the patient is told, unless `silent` (the patient has died).
   */
  cancel?: { appointment: AppointmentRecord; cancellation: Cancellation; silent?: boolean };
  /** What the monthly report counts (online actions only). */
  counted?: CountedAction[];
  /** The staff member's audit entry. */
  audit?: AuditRecord;
}

/**
 * Commits an appointment change in ONE TransactWriteItems: the kept answer; the cancelled
 * appointment (already-cancelled explains a failure) and its slot freed; the slot booked
 * (slot-unavailable explains a failure) and the new appointment; the patient's bookings, on the
 * profile version read; the report counters; the audit entry; then the outbox.
 */
export async function commitAppointmentChange(change: AppointmentChange, kept: KeptAnswer | undefined): Promise<void> {
  const { book, cancel, now } = change;
  const bookings = book
    ? patientBookingsItem(book.patient, {
        add: { appointmentId: book.appointment.appointmentId, start: book.appointment.start },
        remove: cancel
          ? [cancel.appointment.appointmentId, ...book.lapsed.filter((id) => id !== cancel.appointment.appointmentId)]
          : book.lapsed,
      })
    : cancel &&
      releaseBookingsItem(cancel.appointment.practice, cancel.appointment.nhsNumber, [
        cancel.appointment.appointmentId,
      ]);
  const ods = (book ?? cancel)?.appointment.practice ?? '';
  const byPractice = cancel?.cancellation.cancelledBy === 'practice';
  await commitChange(kept, [
    ...(cancel
      ? [
          cancelAppointmentItem(cancel.appointment, cancel.cancellation),
          releaseSlotItem(cancel.appointment, cancel.appointment.appointmentId),
        ]
      : []),
    ...(book
      ? [
          bookSlotItem(book.slot, book.appointment.appointmentId),
          putAppointmentItem(book.appointment, change.practice.timeZone),
        ]
      : []),
    ...(bookings ? [bookings] : []),
    ...(change.counted ? countedActionItems(ods, change.practice.timeZone, change.counted) : []),
    ...(change.audit ? [putAuditItem(ods, change.audit)] : []),
    ...(cancel
      ? byPractice
        ? practiceCancelledMessageItems(change.practice, cancel.appointment, now, cancel.silent)
        : cancelledMessageItems(cancel.appointment)
      : []),
    ...(book ? bookedMessageItems(change.practice, book.appointment, book.reminderHoursBefore, now) : []),
  ]);
}

/**
 * A patient's appointments, by start: one Query on the patient's partition. Upcoming ascending
 * from now; past descending (most recent first); all ascending.
 */
export async function queryPatientAppointments(
  practice: string,
  nhsNumber: string,
  when: 'upcoming' | 'past' | 'all',
  now: Date,
  limit: number,
  nextToken: string | undefined,
): Promise<Page<AppointmentRecord>> {
  const PK = keys.patientPartition(practice, nhsNumber);
  const range = keys.appointmentsAround(now);
  const condition = {
    upcoming: { expr: 'PK = :pk AND SK BETWEEN :a AND :b', values: { ':a': range.at, ':b': range.to } },
    past: { expr: 'PK = :pk AND SK BETWEEN :a AND :b', values: { ':a': range.from, ':b': range.at } },
    all: { expr: 'PK = :pk AND begins_with(SK, :a)', values: { ':a': range.from } },
  }[when];
  return queryList(
    {
      KeyConditionExpression: condition.expr,
      ExpressionAttributeValues: { ':pk': PK, ...condition.values },
      ScanIndexForward: when !== 'past',
      Limit: limit,
      ConsistentRead: true,
    },
    { partition: { PK }, nextToken },
    parseAppointment,
  );
}

/** A practice's appointments on one local date, by start: one Query on GSI1. */
export async function queryDayAppointments(
  practice: string,
  date: string,
  limit: number,
  nextToken: string | undefined,
): Promise<Page<AppointmentRecord>> {
  const partition = keys.dayPartition(practice, date);
  return queryList(
    {
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': partition },
      Limit: limit,
    },
    { partition: { GSI1PK: partition }, nextToken },
    parseAppointment,
  );
}

/** An appointment of the practice by id (staff routes, which do not know the patient): one Query on GSI2. */
export async function findPracticeAppointment(practice: string, appointmentId: string) {
  const { items } = await queryPage({
    IndexName: 'GSI2',
    KeyConditionExpression: 'GSI2PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.appointmentIdPartition(practice, appointmentId) },
    Limit: 1,
  });
  return appointmentFrom(items[0]);
}
