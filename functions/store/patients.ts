import type { PatientRecord } from '../domain/model.ts';
import { Patient } from '../schemas/patients.ts';
import * as z from '../schemas/zod.ts';
import { tableName } from './client.ts';
import { keys } from './keys.ts';
import { getItem, storedItem, type Item } from './read.ts';
import { WriteConflictError, type GuardedItem } from './transact.ts';

export const patientKey = keys.patient;

/** A patient's profile as stored: the contract's Patient and its bookkeeping. */
const parsePatient = storedItem('patient', (): z.ZodMiniType<PatientRecord> =>
  z.object({
    ...Patient.shape,
    registeredAt: z.string(),
    updatedAt: z.string(),
    firstEnabledAt: z.optional(z.string()),
    version: z._default(z.number(), 0),
    bookings: z._default(z.record(z.string(), z.string()), () => ({})),
  }),
);

export function patientFrom(item: Item | undefined): PatientRecord | undefined {
  return item && parsePatient(item);
}

/** A patient registered at a practice: one GetItem. */
export async function getPatient(practice: string, nhsNumber: string): Promise<PatientRecord | undefined> {
  return patientFrom(await getItem(keys.patient(practice, nhsNumber)));
}

/**
 * Writes the whole profile, only if it is still at the version the use case read (or still absent
 * for a new registration). A lost race is a conflict: the use case re-reads and decides again.
 */
export function patientPutItem(next: PatientRecord, readVersion: number | undefined): GuardedItem {
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: {
          ...keys.patient(next.practice, next.nhsNumber),
          entity: 'patient',
          // GSI1: every profile of a practice, for `rollup --verify`'s recount of enabled patients.
          GSI1PK: keys.practicePatientsPartition(next.practice),
          GSI1SK: next.nhsNumber,
          ...next,
        },
        ...(readVersion === undefined
          ? { ConditionExpression: 'attribute_not_exists(PK)' }
          : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': readVersion } }),
      },
    },
    onConditionFailed: () => new WriteConflictError(0),
  };
}

/**
 * Records a change to the patient's booked appointments (add and/or remove ids), guarded by the
 * profile version so two concurrent bookings by one patient cannot both slip under the limit.
 */
export function patientBookingsItem(
  patient: PatientRecord,
  change: { add?: { appointmentId: string; start: string }; remove?: string[] },
): GuardedItem {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':v': patient.version, ':next': patient.version + 1 };
  const set = ['version = :next'];
  const remove: string[] = [];
  if (change.add) {
    names['#add'] = change.add.appointmentId;
    values[':start'] = change.add.start;
    set.push('bookings.#add = :start');
  }
  (change.remove ?? []).forEach((id, i) => {
    names[`#r${i}`] = id;
    remove.push(`bookings.#r${i}`);
  });
  return {
    item: {
      Update: {
        TableName: tableName(),
        Key: keys.patient(patient.practice, patient.nhsNumber),
        UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
        ConditionExpression: 'version = :v',
        ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
        ExpressionAttributeValues: values,
      },
    },
    onConditionFailed: () => new WriteConflictError(0),
  };
}

/**
 * Drops appointments from the patient's bookkeeping. Removing can never break the limit, so it
 * needs no version guard; it still bumps the version so a booking decided on the old map retries.
 */
export function releaseBookingsItem(practice: string, nhsNumber: string, appointmentIds: string[]): GuardedItem {
  const names = Object.fromEntries(appointmentIds.map((id, i) => [`#r${i}`, id]));
  return {
    item: {
      Update: {
        TableName: tableName(),
        Key: keys.patient(practice, nhsNumber),
        UpdateExpression: `REMOVE ${appointmentIds.map((_, i) => `bookings.#r${i}`).join(', ')} ADD version :one`,
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ':one': 1 },
      },
    },
  };
}
