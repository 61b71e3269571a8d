import type { CountedAction } from '../domain/activity.ts';
import {
  assertPatientCanCancel,
  assertPracticeCanCancel,
  assertSlotBookable,
  lapsedBookings,
  newAppointment,
} from '../domain/appointments.ts';
import { ProblemError } from '../domain/errors.ts';
import { replayOf, type Completed, type IdempotencyClaim } from '../domain/idempotency.ts';
import type { AppointmentRecord } from '../domain/model.ts';
import { assertServiceEnabled } from '../domain/services.ts';
import type { PatientCaller, StaffCaller } from '../schemas/identity.ts';
import {
  appointmentFrom,
  appointmentKey,
  cancelAppointmentItem,
  findPracticeAppointment,
  putAppointmentItem,
  queryDayAppointments,
  queryPatientAppointments,
} from '../store/appointments.ts';
import { countedActionItems } from '../store/counters.ts';
import { idempotencyItem, idempotencyKey, idempotencyRecordFrom } from '../store/idempotency.ts';
import { patientBookingsItem, patientFrom, patientKey, releaseBookingsItem } from '../store/patients.ts';
import { settingsFrom, settingsKey } from '../store/practices.ts';
import { getItems, type Item } from '../store/read.ts';
import { bookSlotItem, releaseSlotItem, slotFrom, slotKey } from '../store/slots.ts';
import { transact } from '../store/transact.ts';
import { timeOrderedId } from '../domain/ids.ts';
import { defaultDeps, practiceOf, type Deps } from './deps.ts';
import { idempotentWrite } from './idempotency.ts';
import { bookedMessageItems, cancelledMessageItems, practiceCancelledMessageItems } from './notifications.ts';

/**
 * Everything a booking-type decision needs, in ONE BatchGetItem: the patient, the practice
 * settings, the slot(s) and appointment involved, and the idempotency record if a key was sent.
 */
async function readForAppointmentChange(
  caller: PatientCaller,
  wanted: { slotId?: string; appointmentId?: string },
  claim: IdempotencyClaim | undefined,
) {
  const [patientItem, settingsItem, slotItem, appointmentItem, idemItem] = await getItems([
    patientKey(caller.practice, caller.nhsNumber),
    settingsKey(caller.practice),
    wanted.slotId ? slotKey(caller.practice, wanted.slotId) : undefined,
    wanted.appointmentId
      ? appointmentKey({ practice: caller.practice, nhsNumber: caller.nhsNumber, appointmentId: wanted.appointmentId })
      : undefined,
    idempotencyKey(claim),
  ]);
  return {
    patient: patientFrom(patientItem),
    settings: settingsFrom(settingsItem),
    slot: slotFrom(slotItem),
    appointment: appointmentFrom(appointmentItem),
    idempotency: idempotencyRecordFrom(idemItem),
  };
}

function notFound(): ProblemError {
  return new ProblemError('not-found', 'No such appointment');
}

/** POST /appointments: one BatchGetItem + one TransactWriteItems (retried only on a write conflict). */
export async function bookAppointment(
  caller: PatientCaller,
  input: { slotId: string; description?: string },
  claim: IdempotencyClaim | undefined,
  deps: Deps = defaultDeps,
): Promise<Completed<AppointmentRecord>> {
  return idempotentWrite(claim, deps.clock, async () => {
    const now = deps.clock.now();
    const read = await readForAppointmentChange(caller, { slotId: input.slotId }, claim);
    // The practice's registry entry rode along with that read.
    const { timeZone } = await practiceOf(caller.practice);
    const replay = claim && replayOf<AppointmentRecord>(read.idempotency, claim, now);
    if (replay) return replay;

    const patient = assertServiceEnabled(read.patient, read.settings, 'appointments');
    const slot = assertSlotBookable({ slot: read.slot, patient, settings: read.settings, timeZone, now });
    const appointment = newAppointment({
      appointmentId: timeOrderedId(new Date(slot.start), deps.ids.next()),
      slot,
      patient,
      description: input.description,
      now,
      proxyNhsNumber: caller.proxy?.nhsNumber,
    });
    const booked: CountedAction = {
      kind: 'appointment-booked',
      at: now,
      ref: appointment.appointmentId,
      proxy: caller.proxy !== undefined,
    };
    await transact([
      // The idempotency record goes first: if a twin request committed, its failed condition is
      // the explanation (replay), not the slot it took.
      ...idempotencyItem(claim, 201, appointment, now),
      bookSlotItem(slot, appointment.appointmentId),
      putAppointmentItem(appointment, timeZone),
      patientBookingsItem(patient, {
        add: { appointmentId: appointment.appointmentId, start: appointment.start },
        remove: lapsedBookings(patient, now),
      }),
      ...countedActionItems(caller.practice, timeZone, [booked]),
      ...bookedMessageItems(appointment, read.settings.reminderHoursBefore, now),
    ]);
    return { value: appointment, replayed: false };
  });
}

/** Who cancels: the patient, the practice, or a proxy (with their NHS number). */
type Canceller = 'patient' | 'practice' | { proxy: string };

function cancelledBy(by: Canceller) {
  return typeof by === 'string'
    ? { cancelledBy: by }
    : { cancelledBy: 'proxy' as const, cancelledByNhsNumber: by.proxy };
}

/** The patient's own cancellation, or their proxy's. */
const patientOrProxy = (caller: PatientCaller): Canceller =>
  caller.proxy ? { proxy: caller.proxy.nhsNumber } : 'patient';

function cancelled(a: AppointmentRecord, at: Date, reason: string, by: Canceller): AppointmentRecord {
  return { ...a, status: 'cancelled', cancelledAt: at.toISOString(), cancelReason: reason, ...cancelledBy(by) };
}

/** Cancel the appointment, free its slot and drop it from the patient's bookkeeping. */
function cancellationItems(appointment: AppointmentRecord, now: Date, reason: string, by: Canceller) {
  const result = cancelled(appointment, now, reason, by);
  return {
    result,
    items: [
      cancelAppointmentItem(appointment, {
        cancelledAt: result.cancelledAt!,
        cancelReason: reason,
        ...cancelledBy(by),
      }),
      releaseSlotItem(appointment, appointment.appointmentId),
      releaseBookingsItem(appointment.practice, appointment.nhsNumber, [appointment.appointmentId]),
    ],
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
  return idempotentWrite(claim, deps.clock, async () => {
    const now = deps.clock.now();
    const read = await readForAppointmentChange(caller, { appointmentId }, claim);
    // The practice's registry entry rode along with that read.
    const { timeZone } = await practiceOf(caller.practice);
    const replay = claim && replayOf<AppointmentRecord>(read.idempotency, claim, now);
    if (replay) return replay;

    if (!read.appointment) throw notFound();
    assertServiceEnabled(read.patient, read.settings, 'appointments');
    assertPatientCanCancel(read.appointment, read.settings, now);
    const { result, items } = cancellationItems(read.appointment, now, reason, patientOrProxy(caller));
    await transact([
      ...idempotencyItem(claim, 200, result, now),
      ...items,
      ...countedActionItems(caller.practice, timeZone, [
        { kind: 'appointment-cancelled', at: now, ref: appointmentId, proxy: caller.proxy !== undefined },
      ]),
      ...cancelledMessageItems(read.appointment),
    ]);
    return { value: result, replayed: false };
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
  return idempotentWrite(claim, deps.clock, async () => {
    const now = deps.clock.now();
    const read = await readForAppointmentChange(caller, { appointmentId, slotId }, claim);
    // The practice's registry entry rode along with that read.
    const { timeZone } = await practiceOf(caller.practice);
    const replay = claim && replayOf<AppointmentRecord>(read.idempotency, claim, now);
    if (replay) return replay;

    const old = read.appointment;
    if (!old) throw notFound();
    const patient = assertServiceEnabled(read.patient, read.settings, 'appointments');
    assertPatientCanCancel(old, read.settings, now);
    const slot = assertSlotBookable({
      slot: read.slot,
      patient,
      settings: read.settings,
      timeZone,
      now,
      replacing: old.appointmentId,
    });
    const next = newAppointment({
      appointmentId: timeOrderedId(new Date(slot.start), deps.ids.next()),
      slot,
      patient,
      description: old.description,
      now,
      proxyNhsNumber: caller.proxy?.nhsNumber,
    });
    const previous = cancelled(old, now, 'rescheduled', patientOrProxy(caller));
    await transact([
      ...idempotencyItem(claim, 200, next, now),
      cancelAppointmentItem(old, {
        cancelledAt: previous.cancelledAt!,
        cancelReason: 'rescheduled',
        ...cancelledBy(patientOrProxy(caller)),
      }),
      releaseSlotItem(old, old.appointmentId),
      bookSlotItem(slot, next.appointmentId),
      putAppointmentItem(next, timeZone),
      patientBookingsItem(patient, {
        add: { appointmentId: next.appointmentId, start: next.start },
        remove: [old.appointmentId, ...lapsedBookings(patient, now).filter((id) => id !== old.appointmentId)],
      }),
      ...countedActionItems(caller.practice, timeZone, [
        { kind: 'appointment-cancelled', at: now, ref: old.appointmentId, proxy: caller.proxy !== undefined },
        { kind: 'appointment-booked', at: now, ref: next.appointmentId, proxy: caller.proxy !== undefined },
      ]),
      // The old time's reminders go with it; the new time is confirmed and reminded of.
      ...cancelledMessageItems(old),
      ...bookedMessageItems(next, read.settings.reminderHoursBefore, now),
    ]);
    return { value: next, replayed: false };
  });
}

/**
 * The service gate of the patient's appointment reads: the practice offers online appointments
 * and has enabled them for this patient (403 service-not-enabled otherwise).
 */
function assertAppointmentsEnabled(patientItem: Item | undefined, settingsItem: Item | undefined): void {
  assertServiceEnabled(patientFrom(patientItem), settingsFrom(settingsItem), 'appointments');
}

/**
 * GET /appointments/{id}: one BatchGetItem of the appointment with the patient and settings for
 * the service gate. Another patient's id is simply not in this patient's partition (404).
 */
export async function getOwnAppointment(caller: PatientCaller, appointmentId: string): Promise<AppointmentRecord> {
  const [patientItem, settingsItem, item] = await getItems([
    patientKey(caller.practice, caller.nhsNumber),
    settingsKey(caller.practice),
    appointmentKey({ practice: caller.practice, nhsNumber: caller.nhsNumber, appointmentId }),
  ]);
  assertAppointmentsEnabled(patientItem, settingsItem);
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
  const [gate, page] = await Promise.allSettled([
    getItems([patientKey(caller.practice, caller.nhsNumber), settingsKey(caller.practice)]).then(
      ([patientItem, settingsItem]) => assertAppointmentsEnabled(patientItem, settingsItem),
    ),
    queryPatientAppointments(
      caller.practice,
      caller.nhsNumber,
      query.when,
      deps.clock.now(),
      query.limit,
      query.nextToken,
    ),
  ]);
  if (gate.status === 'rejected') throw gate.reason;
  if (page.status === 'rejected') throw page.reason;
  return page.value;
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
  return idempotentWrite(claim, deps.clock, async () => {
    const now = deps.clock.now();
    const appointment = await findPracticeAppointment(caller.practice, appointmentId);
    if (!appointment) throw notFound();
    assertPracticeCanCancel(appointment, now);
    const { result, items } = cancellationItems(appointment, now, reason, 'practice');
    await transact([
      ...idempotencyItem(claim, 200, result, now),
      ...items,
      ...practiceCancelledMessageItems(appointment, now),
    ]);
    return { value: result, replayed: false };
  });
}
