import type { EnabledCounter, ServicesChange } from '../domain/activity.ts';
import { patientNotFound } from '../domain/errors.ts';
import type { IdempotencyClaim } from '../domain/idempotency.ts';
import type { PatientRecord } from '../domain/model.ts';
import { Patient, RemovePatientBody } from '../schemas/patients.ts';
import * as z from '../schemas/zod.ts';
import { tableName } from './client.ts';
import { type Key, keys } from './keys.ts';
import { storedItem, storedMap } from './stored-item.ts';
import { getItem, versionedPut, type Item, type GuardedItem } from './dynamo.ts';
import { getItems } from './read.ts';
import type { AuditRecord } from '../domain/record.ts';
import { putAuditItem } from './audit.ts';
import { enabledChangeItems, servicesChangeItem } from './counters.ts';
import { commitChange, idempotencyKey, idempotencyRecordFrom, type KeptAnswer } from './idempotency.ts';
import { settingsFrom } from './practices.ts';
import { WriteConflictError } from './write-conflict.ts';

export const patientKey = keys.patient;

/** A patient's profile as stored: the contract's Patient and its bookkeeping. */
const parsePatient = /* @__PURE__ */ storedItem('patient', (): z.ZodMiniType<PatientRecord> =>
  z.object({
    ...z.built(Patient).shape,
    registeredAt: z.string(),
    updatedAt: z.string(),
    firstEnabledAt: z.optional(z.string()),
    version: z._default(z.number(), 0),
    bookings: storedMap(z.string()),
  }),
);

export function patientFrom(item: Item | undefined): PatientRecord | undefined {
  return item && parsePatient(item);
}

/** A patient registered at a practice: one GetItem. */
export async function getPatient(practice: string, nhsNumber: string): Promise<PatientRecord | undefined> {
  return patientFrom(await getItem(keys.patient(practice, nhsNumber)));
}

/** The patient is registered at the practice (else 404): checked inside the transaction that carries it. */
export function patientRegisteredCheck(practice: string, nhsNumber: string): GuardedItem {
  return {
    item: {
      ConditionCheck: {
        TableName: tableName(),
        Key: keys.patient(practice, nhsNumber),
        ConditionExpression: 'attribute_exists(PK)',
      },
    },
    onConditionFailed: patientNotFound,
  };
}

/**
 * What a patient route's service gate decides on, the patient's profile and their practice's
 * settings, with the route's own items (`more`, in the order asked) alongside: one BatchGetItem.
 */
export async function readServiceContext(practice: string, nhsNumber: string, ...more: (Key | undefined)[]) {
  const [patientItem, settingsItem, ...items] = await getItems([
    keys.patient(practice, nhsNumber),
    keys.practiceSettings(practice),
    ...more,
  ]);
  return { patient: patientFrom(patientItem), settings: settingsFrom(settingsItem), items };
}

/**
 * Writes the whole profile, only if it is still at the version the use case read (or still absent
 * for a new registration). A lost race is a conflict: the use case re-reads and decides again.
 */
function patientPutItem(next: PatientRecord, readVersion: number | undefined): GuardedItem {
  return versionedPut(
    {
      ...keys.patient(next.practice, next.nhsNumber),
      entity: 'patient',
      // GSI1: every profile of a practice, for `rollup --verify`'s recount of enabled patients.
      GSI1PK: keys.practicePatientsPartition(next.practice),
      GSI1SK: next.nhsNumber,
      ...next,
    },
    readVersion ?? 'absent',
  );
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

/** What a registration (or a change of services) is decided on: the profile and the key's record (one BatchGetItem). */
export async function readRegistrationContext(
  practice: string,
  nhsNumber: string,
  claim: IdempotencyClaim | undefined,
) {
  const [item, idemItem] = await getItems([keys.patient(practice, nhsNumber), idempotencyKey(claim)]);
  return { patient: patientFrom(item), idempotency: idempotencyRecordFrom(idemItem) };
}

/**
 * A registration or a change of services in one TransactWriteItems with the kept answer: the
 * profile on the version read, the staff audit entry, the practice's enabled figures for the month
 * and, when any moved, the services change entry.
 */
export async function commitRegistration(
  change: {
    next: PatientRecord;
    readVersion: number | undefined;
    audit?: AuditRecord;
    month: string;
    timeZone: string;
    deltas: Record<EnabledCounter, number>;
    firstEverEnabled: boolean;
    servicesChange?: ServicesChange;
  },
  kept: KeptAnswer | undefined,
): Promise<void> {
  const { practice } = change.next;
  await commitChange(kept, [
    patientPutItem(change.next, change.readVersion),
    ...(change.audit ? [putAuditItem(practice, change.audit)] : []),
    ...enabledChangeItems(practice, change.month, change.deltas, change.firstEverEnabled),
    ...(change.servicesChange ? [servicesChangeItem(practice, change.timeZone, change.servicesChange)] : []),
  ]);
}

// ── A patient leaves ──────────────────────────────────────────────────────────────────────────

/** Why a patient leaves online services at the practice. */
export type LeaveReason = RemovePatientBody['reason'];

/** A leave under way: kept on the profile until every step is done. */
export interface Leaving {
  reason: LeaveReason;
  at: string;
  by: string;
}

/** Where a profile stands in leaving online services: a leave under way (`leaving`), or done (`leftAt`). */
interface LeaveState {
  leaving?: Leaving;
  leftAt?: string;
  leftReason?: LeaveReason;
}

/** A profile's leave attributes, apart from the Patient the contract shows (a profile that never left has none). */
const parseLeaveState = /* @__PURE__ */ storedItem('patient', (): z.ZodMiniType<LeaveState> => {
  const reason = z.built(RemovePatientBody).shape.reason;
  return z.object({
    leaving: z.optional(z.object({ reason, at: z.string(), by: z.string() })),
    leftAt: z.optional(z.string()),
    leftReason: z.optional(reason),
  });
});

/** Where a stored profile stands in leaving (no profile: nowhere). */
export function leaveStateFrom(item: Item | undefined): LeaveState {
  return item ? parseLeaveState(item) : {};
}

/** Whether a stored profile is leaving, or has left, online services at the practice. */
export function isLeavingOrLeft(item: Item | undefined): boolean {
  const state = leaveStateFrom(item);
  return state.leaving !== undefined || state.leftAt !== undefined;
}

/** What a leave is decided on: the profile, the leave under way or done, the key's record (one BatchGetItem). */
export async function readLeaveContext(practice: string, nhsNumber: string, claim: IdempotencyClaim | undefined) {
  const [item, idemItem] = await getItems([keys.patient(practice, nhsNumber), idempotencyKey(claim)]);
  const state = leaveStateFrom(item);
  return {
    patient: patientFrom(item),
    leaving: state.leaving,
    left: state.leftAt !== undefined,
    idempotency: idempotencyRecordFrom(idemItem),
  };
}

/**
 * The leave's first step, in one transaction: the profile marked leaving with every service off
 * (on the version read, so a booking in flight either commits first or is refused), the practice's
 * enabled figures for the month, the services change entry when any moved, the audit entry.
 */
export async function commitLeaving(change: {
  patient: PatientRecord;
  leaving: Leaving;
  now: Date;
  month: string;
  timeZone: string;
  deltas: Record<EnabledCounter, number>;
  servicesChange?: ServicesChange;
  audit: AuditRecord;
}): Promise<void> {
  const { patient, now } = change;
  await commitChange(undefined, [
    {
      item: {
        Update: {
          TableName: tableName(),
          Key: keys.patient(patient.practice, patient.nhsNumber),
          UpdateExpression: 'SET services = :off, leaving = :leaving, updatedAt = :now, version = :next',
          ConditionExpression: 'version = :v AND attribute_not_exists(leaving)',
          ExpressionAttributeValues: {
            ':off': { appointments: false, prescriptions: false, record: 'none' },
            ':leaving': change.leaving,
            ':now': now.toISOString(),
            ':v': patient.version,
            ':next': patient.version + 1,
          },
        },
      },
      onConditionFailed: () => new WriteConflictError(0),
    },
    ...enabledChangeItems(patient.practice, change.month, change.deltas, false),
    ...(change.servicesChange ? [servicesChangeItem(patient.practice, change.timeZone, change.servicesChange)] : []),
    putAuditItem(patient.practice, change.audit),
  ]);
}

/** The leave's last step: the profile marked left, with the kept answer (one TransactWriteItems). */
export async function commitLeft(
  change: { practice: string; nhsNumber: string; leaving: Leaving },
  kept: KeptAnswer | undefined,
): Promise<void> {
  await commitChange(kept, [
    {
      item: {
        Update: {
          TableName: tableName(),
          Key: keys.patient(change.practice, change.nhsNumber),
          UpdateExpression: 'SET leftAt = :at, leftReason = :reason REMOVE leaving',
          ConditionExpression: 'attribute_exists(leaving)',
          ExpressionAttributeValues: { ':at': change.leaving.at, ':reason': change.leaving.reason },
        },
      },
      // Another attempt finished first: the patient has left, which is what was asked.
      onConditionFailed: () => new WriteConflictError(1),
    },
  ]);
}
