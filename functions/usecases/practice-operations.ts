import { patientNotFound, ProblemError } from '../domain/errors.ts';
import type { Completed, IdempotencyClaim } from '../domain/idempotency.ts';
import { assertPracticeBookable } from '../domain/appointments.ts';
import { toBoardSlot, type AppointmentRecord } from '../domain/model.ts';
import { enabledFlags, servicesMoved } from '../domain/activity.ts';
import {
  isCurrent,
  itemEffects,
  toMedication,
  toPrescriptionRequest,
  transitioned,
  type MedicationRecord,
} from '../domain/prescriptions.ts';
import { localMonth } from '../domain/time.ts';
import { viewAudited, type AuditRecord } from '../domain/record.ts';
import type { PatientCaller, StaffCaller } from '../schemas/identity.ts';
import type { BoardSlot, StaffSlotsQuery } from '../schemas/slots.ts';
import type {
  ChangeMedicationBody,
  PrescriptionRequest,
  PrescriptionsQuery,
  StaffMedication,
} from '../schemas/prescriptions.ts';
import { RECORD_SECTIONS, type AuditAction, type RecordAccess, type StaffRecordView } from '../schemas/record.ts';
import { putAuditItem, queryRecordViews } from '../store/audit.ts';
import { commitAppointmentChange, queryPatientAppointments } from '../store/appointments.ts';
import {
  commitLeaving,
  commitLeft,
  patientRegisteredCheck,
  readLeaveContext,
  type LeaveReason,
  type Leaving,
} from '../store/patients.ts';
import {
  commitMedicationChange,
  commitTransition,
  queryPatientMedications,
  queryPatientPrescriptions,
  readMedicationContext,
} from '../store/prescriptions.ts';
import { commitAccountChange, getInvitation, readPatientAccount } from '../store/linkage.ts';
import { allPages, mapPage, type Page } from '../store/read.ts';
import { guardFirst } from '../store/request-guard.ts';
import { readRecordForView } from '../store/record.ts';
import { querySlotBoard } from '../store/slots.ts';
import { transact } from '../store/transact.ts';
import { booked, newBooking, readForAppointmentChange } from './appointments.ts';
import { defaultDeps, practiceConfig, practiceOf, type Deps } from './deps.ts';
import { idempotentChange } from './idempotency.ts';
import { staffAudit, staffAuditItem } from './staff-audit.ts';
import { endGrantsOf } from './proxies.ts';

/**
 * What reception and the prescriptions clerk do: the slot board, phone and desk bookings, a
 * patient's lists, medication reviews. Every staff read of a patient's data and every change is
 * an audit entry `{ at, actor, role, nhsNumber?, action }`, written in the same transaction as a
 * change; a read writes its entry in one transaction with a check that the patient is registered
 * at the caller's practice (else 404), alongside the read itself.
 */

/** A staff read of a patient's data: the registration check and the audit entry, in one transaction. */
async function auditedRead<T>(
  caller: StaffCaller,
  nhsNumber: string,
  action: AuditAction,
  read: Promise<T>,
  deps: Deps,
): Promise<T> {
  const audit = transact([
    patientRegisteredCheck(caller.practice, nhsNumber),
    staffAuditItem(caller, nhsNumber, action, deps.clock.now(), deps),
  ]);
  return guardFirst(audit, read);
}

// ── Slots ─────────────────────────────────────────────────────────────────────────────────────

/** GET /staff/slots: the window's slots, free, booked and withdrawn, by start (one Query). */
export async function slotBoard(caller: StaffCaller, query: StaffSlotsQuery): Promise<Page<BoardSlot>> {
  const page = await querySlotBoard({
    practice: caller.practice,
    from: new Date(query.from).toISOString(),
    to: new Date(query.to).toISOString(),
    clinician: query.clinician,
    limit: query.limit,
    nextToken: query.nextToken,
  });
  return mapPage(page, toBoardSlot);
}

// ── Phone and desk bookings ───────────────────────────────────────────────────────────────────

/**
 * POST /staff/appointments: one BatchGetItem (patient, slot, idempotency record) + the same single
 * TransactWriteItems as a patient's booking (the slot, conditioned on still being free; the
 * appointment; the patient's bookings), with the audit entry and without the online counters.
 * Against a patient booking the same slot, the slot's condition lets exactly one commit.
 */
export async function staffBookAppointment(
  caller: StaffCaller,
  input: { slotId: string; nhsNumber: string; description?: string },
  claim: IdempotencyClaim | undefined,
  deps: Deps = defaultDeps,
): Promise<Completed<AppointmentRecord>> {
  return idempotentChange({
    claim,
    clock: deps.clock,
    read: () => readForAppointmentChange(caller.practice, input.nhsNumber, { slotId: input.slotId }, claim),
    decide: (read, now) => {
      const patient = read.patient;
      if (!patient) throw patientNotFound();
      if (read.patientLeaving)
        throw new ProblemError('not-found', 'This patient has left online services at this practice');
      const slot = assertPracticeBookable(read.slot, now);
      const book = newBooking(
        { slot, patient, settings: read.settings, now, description: input.description, bookedBy: 'practice' },
        deps.ids,
      );
      return booked(book, {
        practice: read.practice,
        now,
        audit: staffAudit(caller, patient.nhsNumber, 'book-appointment', now, deps),
      });
    },
    commit: commitAppointmentChange,
  });
}

// ── A patient's lists ─────────────────────────────────────────────────────────────────────────

/** GET /staff/patients/{nhsNumber}/appointments: one Query of the patient's partition, audited. */
export async function patientAppointments(
  caller: StaffCaller,
  nhsNumber: string,
  query: { when: 'upcoming' | 'past' | 'all'; limit: number; nextToken?: string },
  deps: Deps = defaultDeps,
): Promise<Page<AppointmentRecord>> {
  const read = queryPatientAppointments(
    caller.practice,
    nhsNumber,
    query.when,
    deps.clock.now(),
    query.limit,
    query.nextToken,
  );
  return auditedRead(caller, nhsNumber, 'view-appointments', read, deps);
}

/** GET /staff/patients/{nhsNumber}/prescriptions: one Query of the patient's partition, audited. */
export async function patientPrescriptions(
  caller: StaffCaller,
  nhsNumber: string,
  query: PrescriptionsQuery,
  deps: Deps = defaultDeps,
): Promise<Page<PrescriptionRequest>> {
  const read = queryPatientPrescriptions(caller.practice, nhsNumber, query.status, query.limit, query.nextToken);
  const page = await auditedRead(caller, nhsNumber, 'view-prescriptions', read, deps);
  return mapPage(page, toPrescriptionRequest);
}

export function toStaffMedication(med: MedicationRecord, now: Date, timeZone: string): StaffMedication {
  return {
    ...toMedication(med, now, timeZone),
    status: isCurrent(med) ? 'active' : 'discontinued',
    ...(med.discontinuedAt ? { discontinuedAt: med.discontinuedAt } : {}),
  };
}

/** GET /staff/patients/{nhsNumber}/medications: the repeat list, discontinued items included, audited. */
export async function patientMedications(
  caller: StaffCaller,
  nhsNumber: string,
  query: { limit: number; nextToken?: string },
  deps: Deps = defaultDeps,
): Promise<Page<StaffMedication>> {
  const read = queryPatientMedications(caller.practice, nhsNumber, query.limit, query.nextToken, {
    includeDiscontinued: true,
  });
  const page = await auditedRead(caller, nhsNumber, 'view-medications', read, deps);
  // The practice's registry entry was read alongside the route's own work.
  const { timeZone } = await practiceOf(caller.practice);
  const now = deps.clock.now();
  return mapPage(page, (m) => toStaffMedication(m, now, timeZone));
}

/**
 * GET /staff/patients/{nhsNumber}/record: the stored coded record, whole (one Query), audited as a
 * record view by staff, so the patient sees it in GET /me/record-access.
 */
export async function patientRecord(
  caller: StaffCaller,
  nhsNumber: string,
  deps: Deps = defaultDeps,
): Promise<StaffRecordView> {
  const read = await readRecordForView(caller.practice, nhsNumber);
  if (!read.patient) throw patientNotFound();
  const audit: AuditRecord = viewAudited({
    auditId: deps.ids.next(),
    at: deps.clock.now(),
    actor: caller.sub,
    nhsNumber,
    level: 'detailed',
    role: 'staff',
  });
  await transact([patientRegisteredCheck(caller.practice, nhsNumber), putAuditItem(caller.practice, audit)]);
  return {
    nhsNumber,
    ...Object.fromEntries(RECORD_SECTIONS.map((section) => [section, read.content[section] ?? []])),
    ...(read.updatedAt ? { updatedAt: read.updatedAt } : {}),
  } as StaffRecordView;
}

// ── Medication review and stop ────────────────────────────────────────────────────────────────

const medicationNotFound = () => new ProblemError('not-found', 'No such repeat medication for this patient');

/**
 * PATCH and DELETE …/medications/{medicationId}: one BatchGetItem (the item, the idempotency
 * record) + one TransactWriteItems of the change conditioned on the version read (an order or a
 * decision in between re-runs it), the audit entry and the record.
 */
async function changeMedicationItem(
  caller: StaffCaller,
  nhsNumber: string,
  medicationId: string,
  claim: IdempotencyClaim | undefined,
  deps: Deps,
  status: 200 | 204,
  change: (med: MedicationRecord, now: Date) => { set: Record<string, unknown>; action: AuditAction } | undefined,
): Promise<Completed<StaffMedication | undefined>> {
  return idempotentChange({
    claim,
    clock: deps.clock,
    read: async () => {
      const read = await readMedicationContext(caller.practice, nhsNumber, medicationId, claim);
      // The practice's registry entry rode along with that read.
      return { ...read, practice: await practiceOf(caller.practice) };
    },
    decide: (read, now) => {
      const { timeZone } = read.practice;
      const med = read.medication;
      if (!med) throw medicationNotFound();
      const decided = change(med, now);
      // Already so (a second DELETE): nothing to write.
      if (!decided) return { value: status === 204 ? undefined : toStaffMedication(med, now, timeZone), status };
      const next: MedicationRecord = { ...med, ...decided.set, version: med.version + 1 };
      return {
        value: status === 204 ? undefined : toStaffMedication(next, now, timeZone),
        status,
        change: { medication: med, set: decided.set, audit: staffAudit(caller, nhsNumber, decided.action, now, deps) },
      };
    },
    commit: commitMedicationChange,
  });
}

/** PATCH …/medications/{medicationId}: a review; a new reviewDate makes an overdue item orderable again. */
export async function changeMedication(
  caller: StaffCaller,
  nhsNumber: string,
  medicationId: string,
  patch: ChangeMedicationBody,
  claim: IdempotencyClaim | undefined,
  deps: Deps = defaultDeps,
): Promise<Completed<StaffMedication>> {
  const done = await changeMedicationItem(caller, nhsNumber, medicationId, claim, deps, 200, (med) => {
    if (!isCurrent(med)) throw medicationNotFound();
    return { set: { ...patch }, action: 'change-medication' };
  });
  return done as Completed<StaffMedication>;
}

/**
 * DELETE …/medications/{medicationId}: discontinued. The item stays (requests already made name
 * it, and their decisions still settle it) but leaves the patient's list and cannot be ordered.
 */
export async function discontinueMedication(
  caller: StaffCaller,
  nhsNumber: string,
  medicationId: string,
  claim: IdempotencyClaim | undefined,
  deps: Deps = defaultDeps,
): Promise<Completed<undefined>> {
  const done = await changeMedicationItem(caller, nhsNumber, medicationId, claim, deps, 204, (med, now) =>
    isCurrent(med) ? { set: { discontinuedAt: now.toISOString() }, action: 'discontinue-medication' } : undefined,
  );
  return { value: undefined, replayed: done.replayed };
}

// ── Who viewed my record ──────────────────────────────────────────────────────────────────────

/** GET /me/record-access: views of the caller's own record, newest first; staff by role and practice only. */
export async function recordAccess(
  caller: PatientCaller,
  query: { limit: number; nextToken?: string },
): Promise<Page<RecordAccess>> {
  const page = await queryRecordViews(caller.practice, caller.nhsNumber, query.limit, query.nextToken);
  return mapPage(page, (a) => ({
    at: a.at,
    ...(a.role === 'staff'
      ? { viewer: 'practice-staff' as const, practice: caller.practice }
      : a.proxyNhsNumber
        ? { viewer: 'proxy' as const, name: a.proxyName ?? 'a proxy' }
        : { viewer: 'you' as const }),
    ...(a.level ? { level: a.level } : {}),
  }));
}

// ── A patient leaves ──────────────────────────────────────────────────────────────────────────

export const LEFT_PRACTICE_REASON = 'patient left the practice';

/** One step of a leave: it must be safe to run again after a crash (it skips what is already done). */
interface LeaveStep {
  name: string;
  run: (caller: StaffCaller, nhsNumber: string, leaving: Leaving, deps: Deps) => Promise<void>;
}

/** Ignores a refusal that means the item was already settled (by an earlier attempt, or anyone). */
async function unlessSettled(write: Promise<void>, settled: string[]): Promise<void> {
  try {
    await write;
  } catch (error) {
    if (error instanceof ProblemError && settled.includes(error.code)) return;
    throw error;
  }
}

/**
 * After the profile is marked leaving (services off), what else must end, each step resumable.
 * Proxy grants join this list as a step of their own when they exist; a message to the patient
 * would be a step too, skipped after `deceased`.
 */
const LEAVE_STEPS: LeaveStep[] = [
  {
    name: 'unlink the sign-in and revoke the open invitation',
    run: async (caller, nhsNumber, _leaving, deps) => {
      const { account } = await readPatientAccount(caller.practice, nhsNumber);
      const open = account.openInvitation ? await getInvitation(account.openInvitation.accountId) : undefined;
      if (!account.link && open?.state !== 'open' && !account.openInvitation) return;
      // The account keeps no link and no open invitation: conditioned on the version read, so a
      // link racing the leave either lands first (and is ended here) or finds the account changed.
      await commitAccountChange(
        {
          ...(account.link ? { unlink: account.link } : {}),
          ...(open?.state === 'open' ? { revoke: open } : {}),
          account: { practice: caller.practice, nhsNumber, next: {}, readVersion: account.version },
          now: deps.clock.now(),
        },
        undefined,
      );
    },
  },
  {
    name: 'end proxy access both ways (as the proxy and as the patient acted for)',
    run: async (caller, nhsNumber, _leaving, deps) => endGrantsOf(caller, nhsNumber, deps),
  },
  {
    name: 'cancel future appointments (by the practice; slots freed)',
    run: async (caller, nhsNumber, leaving, deps) => {
      const now = deps.clock.now();
      const upcoming = await allPages((token) =>
        queryPatientAppointments(caller.practice, nhsNumber, 'upcoming', now, 100, token),
      );
      for (const a of upcoming.filter((x) => x.status === 'booked' && Date.parse(x.start) > now.getTime())) {
        const at = deps.clock.now();
        await unlessSettled(
          commitAppointmentChange(
            {
              practice: practiceConfig(caller.practice),
              now: at,
              cancel: {
                appointment: a,
                cancellation: {
                  cancelledAt: at.toISOString(),
                  cancelReason: LEFT_PRACTICE_REASON,
                  cancelledBy: 'practice',
                },
                // No message to a patient who has died; the reminders never go either way.
                silent: leaving.reason === 'deceased',
              },
            },
            undefined,
          ),
          ['already-cancelled'],
        );
      }
    },
  },
  {
    name: 'reject requests still requested',
    run: async (caller, nhsNumber, leaving, deps) => {
      const open = await allPages((token) =>
        queryPatientPrescriptions(caller.practice, nhsNumber, 'requested', 100, token),
      );
      for (const rx of open) {
        const now = deps.clock.now();
        const next = transitioned(rx, 'reject', now, LEFT_PRACTICE_REASON);
        await unlessSettled(
          commitTransition(
            {
              before: rx,
              next,
              name: 'reject',
              effect: itemEffects('reject', next),
              // No message to a patient who has died.
              ...(leaving.reason === 'deceased' ? {} : { tell: { from: practiceConfig(caller.practice), now } }),
            },
            undefined,
          ),
          ['invalid-transition'],
        );
      }
    },
  },
];

/**
 * DELETE /staff/patients/{nhsNumber}: the patient leaves online services. Several transactions,
 * resumable and idempotent, driven by what is stored:
 * 1. the profile is marked `leaving` with every service off, the practice's enabled figures drop
 *    in the month, and the audit entry is written (one transaction, on the profile's version, so a
 *    booking in flight either commits first, and is cancelled in step 2, or is refused);
 * 2. each of LEAVE_STEPS, which skip what is already done;
 * 3. the profile is marked left, with the Idempotency-Key's record in the same transaction.
 * A crash anywhere and a retry (with or without the key) end in the same state; the history
 * (appointments, requests, record, audit) is kept.
 */
export async function removePatient(
  caller: StaffCaller,
  nhsNumber: string,
  reason: LeaveReason,
  claim: IdempotencyClaim | undefined,
  deps: Deps = defaultDeps,
): Promise<Completed<undefined>> {
  return idempotentChange({
    claim,
    clock: deps.clock,
    read: async () => {
      const read = await readLeaveContext(caller.practice, nhsNumber, claim);
      // The practice's registry entry rode along with that read.
      return { ...read, practice: await practiceOf(caller.practice) };
    },
    decide: (read, now) => {
      const patient = read.patient;
      if (!patient) throw patientNotFound();
      if (read.left) return { value: undefined, status: 204 };
      if (read.leaving) return { value: undefined, status: 204, change: { leaving: read.leaving } };
      const leaving: Leaving = { reason, at: now.toISOString(), by: caller.sub };
      const { timeZone } = read.practice;
      const before = enabledFlags(patient.services);
      const after = enabledFlags({ appointments: false, prescriptions: false, record: 'none' });
      const mark = {
        patient,
        leaving,
        now,
        month: localMonth(now, timeZone),
        timeZone,
        ...servicesMoved({ at: now, nhsNumber, before, after, firstEnabled: false }),
        audit: staffAudit(caller, nhsNumber, 'remove-patient', now, deps),
      };
      return { value: undefined, status: 204, change: { leaving, mark } };
    },
    commit: async ({ leaving, mark }: { leaving: Leaving; mark?: Parameters<typeof commitLeaving>[0] }, kept) => {
      if (mark) await commitLeaving(mark);
      for (const step of LEAVE_STEPS) await step.run(caller, nhsNumber, leaving, deps);
      await commitLeft({ practice: caller.practice, nhsNumber, leaving }, kept);
    },
  });
}
