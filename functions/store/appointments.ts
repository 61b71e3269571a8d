import { ProblemError } from '../domain/errors.ts';
import type { AppointmentRecord } from '../domain/model.ts';
import { Appointment } from '../schemas/appointments.ts';
import { localDate } from '../domain/time.ts';
import { tableName } from './client.ts';
import { keys } from './keys.ts';
import { queryList, queryPage, storedItem, type Item, type Page } from './read.ts';
import type { GuardedItem } from './transact.ts';

const parseAppointment = storedItem('appointment', () => Appointment);

export function appointmentFrom(item: Item | undefined): AppointmentRecord | undefined {
  return item && parseAppointment(item);
}

export const appointmentKey = (a: Pick<AppointmentRecord, 'practice' | 'nhsNumber' | 'appointmentId'>) =>
  keys.appointment(a.practice, a.nhsNumber, a.appointmentId);

/** A new appointment in the patient's partition, indexed by practice day (GSI1) and by id (GSI2). */
export function putAppointmentItem(a: AppointmentRecord, timeZone: string): GuardedItem {
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
          GSI2SK: 'APPT',
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
  };
}

/** Marks a booked appointment cancelled; a second cancellation finds it already cancelled. */
export function cancelAppointmentItem(
  a: AppointmentRecord,
  cancellation: {
    cancelledAt: string;
    cancelReason: string;
    cancelledBy: 'patient' | 'practice' | 'proxy';
    /** With a proxy: who. */
    cancelledByNhsNumber?: string;
  },
): GuardedItem {
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
    onConditionFailed: () => new ProblemError('already-cancelled', 'This appointment is already cancelled'),
  };
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
