import {
  assertPatientCanCancel,
  assertPracticeCanCancel,
  assertSlotBookable,
  lapsedBookings,
  newAppointment,
} from '../domain/appointments.ts';
import { ProblemError } from '../domain/errors.ts';
import type { Completed, IdempotencyClaim } from '../domain/idempotency.ts';
import type { AppointmentRecord, PatientRecord, SlotRecord } from '../domain/model.ts';
import { assertServiceEnabled } from '../domain/services.ts';
import type { PatientCaller, StaffCaller } from '../schemas/identity.ts';
import {
  appointmentFrom,
  appointmentKey,
  commitAppointmentChange,
  findPracticeAppointment,
  queryDayAppointments,
  queryPatientAppointments,
  readAppointmentContext,
  type AppointmentChange,
  type Booking,
  type Cancellation,
} from '../store/appointments.ts';
import { timeOrderedId, type IdSource } from '../domain/ids.ts';
import type { PracticeSettings } from '../schemas/practice.ts';
import { defaultDeps, practiceOf, type Deps } from './deps.ts';
import { idempotentChange, type Decision } from './idempotency.ts';
import { gated, serviceGate } from './service-gate.ts';

/**
 * A patient's appointment change reads its context (store/appointments.ts, one BatchGetItem with
 * the practice's registry entry riding along), decides by the rules in domain/appointments.ts and
 * commits in one TransactWriteItems, re-run from the read when a concurrent write got in first.
 */
export async function readForAppointmentChange(
  practice: string,
  nhsNumber: string,
  wanted: { slotId?: string; appointmentId?: string },
  claim: IdempotencyClaim | undefined,
) {
  const read = await readAppointmentContext(practice, nhsNumber, wanted, claim);
  // The practice's registry entry rode along with that read.
  return { ...read, practice: await practiceOf(practice) };
}

/**
 * A new appointment in `slot` (its id ordered by the slot's start) and the booking that commits
 * it: the patient's lapsed bookings dropped, the reminder timed by the practice's settings.
 */
export function newBooking(
  input: {
    slot: SlotRecord;
    patient: PatientRecord;
    settings: PracticeSettings;
    now: Date;
    description?: string;
    bookedBy?: 'practice';
    proxyNhsNumber?: string;
  },
  ids: IdSource,
): Booking {
  const { slot, patient, now } = input;
  const appointment = newAppointment({
    appointmentId: timeOrderedId(new Date(slot.start), ids.next()),
    slot,
    patient,
    description: input.description,
    now,
    bookedBy: input.bookedBy,
    proxyNhsNumber: input.proxyNhsNumber,
  });
  return {
    appointment,
    slot,
    patient,
    lapsed: lapsedBookings(patient, now),
    reminderHoursBefore: input.settings.reminderHoursBefore,
  };
}

function notFound(): ProblemError {
  return new ProblemError('not-found', 'No such appointment');
}

/** A booking's decision: answered with the new appointment (201), committed with `change`. */
export function booked(
  book: Booking,
  change: Omit<AppointmentChange, 'book'>,
): Decision<AppointmentRecord, AppointmentChange> {
  return { value: book.appointment, status: 201, change: { ...change, book } };
}

/** POST /appointments: one BatchGetItem + one TransactWriteItems (retried only on a write conflict). */
export async function bookAppointment(
  caller: PatientCaller,
  input: { slotId: string; description?: string },
  claim: IdempotencyClaim | undefined,
  deps: Deps = defaultDeps,
): Promise<Completed<AppointmentRecord>> {
  return idempotentChange({
    claim,
    clock: deps.clock,
    read: () => readForAppointmentChange(caller.practice, caller.nhsNumber, { slotId: input.slotId }, claim),
    decide: (read, now) => {
      const patient = assertServiceEnabled(read.patient, read.settings, 'appointments');
      const { timeZone } = read.practice;
      const slot = assertSlotBookable({ slot: read.slot, patient, settings: read.settings, timeZone, now });
      const book = newBooking(
        {
          slot,
          patient,
          settings: read.settings,
          now,
          description: input.description,
          proxyNhsNumber: caller.proxy?.nhsNumber,
        },
        deps.ids,
      );
      return booked(book, {
        practice: read.practice,
        now,
        counted: [
          {
            kind: 'appointment-booked' as const,
            at: now,
            ref: book.appointment.appointmentId,
            proxy: caller.proxy !== undefined,
          },
        ],
      });
    },
    commit: commitAppointmentChange,
  });
}

/** Who cancels: the patient, the practice, or a proxy (with their NHS number). */
type Canceller = 'patient' | 'practice' | { proxy: string };

/** The cancellation now, for `reason`, by whom. */
function cancellation(at: Date, reason: string, by: Canceller): Cancellation {
  return {
    cancelledAt: at.toISOString(),
    cancelReason: reason,
    ...(typeof by === 'string'
      ? { cancelledBy: by }
      : { cancelledBy: 'proxy' as const, cancelledByNhsNumber: by.proxy }),
  };
}

/** The patient's own cancellation, or their proxy's. */
const patientOrProxy = (caller: PatientCaller): Canceller =>
  caller.proxy ? { proxy: caller.proxy.nhsNumber } : 'patient';

/**
 * A cancellation's decision: `appointment` cancelled now, for `reason`, by whom, answered as
 * cancelled (200) and committed with `change`.
 */
function cancelling(
  appointment: AppointmentRecord,
  reason: string,
  by: Canceller,
  change: Omit<AppointmentChange, 'cancel'>,
): Decision<AppointmentRecord, AppointmentChange> {
  const c = cancellation(change.now, reason, by);
  return {
    value: { ...appointment, status: 'cancelled', ...c },
    status: 200,
    change: { ...change, cancel: { appointment, cancellation: c } },
  };
}

/** POST /appointments/{id}/cancel: one BatchGetItem + one TransactWriteItems. */
export async function cancelAppointment(
  caller: PatientCaller,
  appointmentId: string,
  reason: string,
  claim: IdempotencyClaim | undefined,
  deps: Deps = defaultDeps,
): Promise<Completed<AppointmentRecord>> {
  return idempotentChange({
    claim,
    clock: deps.clock,
    read: () => readForAppointmentChange(caller.practice, caller.nhsNumber, { appointmentId }, claim),
    decide: (read, now) => {
      const appointment = read.appointment;
      if (!appointment) throw notFound();
      assertServiceEnabled(read.patient, read.settings, 'appointments');
      assertPatientCanCancel(appointment, read.settings, now);
      return cancelling(appointment, reason, patientOrProxy(caller), {
        practice: read.practice,
        now,
        counted: [
          { kind: 'appointment-cancelled' as const, at: now, ref: appointmentId, proxy: caller.proxy !== undefined },
        ],
      });
    },
    commit: commitAppointmentChange,
  });
}

/**
 * POST /appointments/{id}/reschedule: the old appointment is cancelled (reason "rescheduled") and
 * the new one booked in ONE TransactWriteItems, so the patient never holds both, never neither.
 * Counted as one online cancellation plus one online booking in the monthly report.
 */
export async function rescheduleAppointment(
  caller: PatientCaller,
  appointmentId: string,
  slotId: string,
  claim: IdempotencyClaim | undefined,
  deps: Deps = defaultDeps,
): Promise<Completed<AppointmentRecord>> {
  return idempotentChange({
    claim,
    clock: deps.clock,
    read: () => readForAppointmentChange(caller.practice, caller.nhsNumber, { appointmentId, slotId }, claim),
    decide: (read, now) => {
      const old = read.appointment;
      if (!old) throw notFound();
      const patient = assertServiceEnabled(read.patient, read.settings, 'appointments');
      assertPatientCanCancel(old, read.settings, now);
      const slot = assertSlotBookable({
        slot: read.slot,
        patient,
        settings: read.settings,
        timeZone: read.practice.timeZone,
        now,
        replacing: old.appointmentId,
      });
      const book = newBooking(
        {
          slot,
          patient,
          settings: read.settings,
          now,
          description: old.description,
          proxyNhsNumber: caller.proxy?.nhsNumber,
        },
        deps.ids,
      );
      const proxy = caller.proxy !== undefined;
      return {
        value: book.appointment,
        status: 200,
        change: {
          practice: read.practice,
          now,
          cancel: { appointment: old, cancellation: cancellation(now, 'rescheduled', patientOrProxy(caller)) },
          book,
          counted: [
            { kind: 'appointment-cancelled' as const, at: now, ref: old.appointmentId, proxy },
            { kind: 'appointment-booked' as const, at: now, ref: book.appointment.appointmentId, proxy },
          ],
        },
      };
    },
    commit: commitAppointmentChange,
  });
}

/**
 * GET /appointments/{id}: one BatchGetItem of the appointment with the patient and settings for
 * the service gate. Another patient's id is simply not in this patient's partition (404).
 */
export async function getOwnAppointment(caller: PatientCaller, appointmentId: string): Promise<AppointmentRecord> {
  const {
    items: [item],
  } = await serviceGate(
    caller,
    'appointments',
    appointmentKey({ practice: caller.practice, nhsNumber: caller.nhsNumber, appointmentId }),
  );
  const appointment = appointmentFrom(item);
  if (!appointment) throw notFound();
  return appointment;
}

/**
 * GET /appointments: one Query of the patient's appointments, with the service gate's
 * BatchGetItem alongside (one round trip of latency); the gate decides first.
 */
export async function listOwnAppointments(
  caller: PatientCaller,
  query: { when: 'upcoming' | 'past' | 'all'; limit: number; nextToken?: string },
  deps: Deps = defaultDeps,
) {
  return gated(
    caller,
    'appointments',
    queryPatientAppointments(
      caller.practice,
      caller.nhsNumber,
      query.when,
      deps.clock.now(),
      query.limit,
      query.nextToken,
    ),
  );
}

export async function listDayAppointments(
  caller: StaffCaller,
  query: { date: string; limit: number; nextToken?: string },
) {
  return queryDayAppointments(caller.practice, query.date, query.limit, query.nextToken);
}

/**
 * POST /staff/appointments/{id}/cancel: recorded as cancelled by the practice, so not counted as
 * an online cancellation. Finds the appointment by id (one Query on GSI2), then one
 * TransactWriteItems whose conditions catch anything the index had not yet seen. A retry under
 * the same Idempotency-Key after the first committed finds the record (or the appointment already
 * cancelled, then the record) and replays the first answer.
 */
export async function staffCancelAppointment(
  caller: StaffCaller,
  appointmentId: string,
  reason: string,
  claim: IdempotencyClaim | undefined,
  deps: Deps = defaultDeps,
): Promise<Completed<AppointmentRecord>> {
  return idempotentChange({
    claim,
    clock: deps.clock,
    read: async () => {
      const appointment = await findPracticeAppointment(caller.practice, appointmentId);
      return { appointment, practice: await practiceOf(caller.practice) };
    },
    decide: ({ appointment, practice }, now) => {
      if (!appointment) throw notFound();
      assertPracticeCanCancel(appointment, now);
      return cancelling(appointment, reason, 'practice', { practice, now });
    },
    commit: commitAppointmentChange,
  });
}
