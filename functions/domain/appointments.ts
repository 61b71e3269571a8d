import { ProblemError } from './errors.ts';
import type { AppointmentRecord, PatientRecord, SlotRecord } from './model.ts';
import type { PracticeSettings } from '../schemas/practice.ts';
import { addDays, localDate } from './time.ts';

/**
 * The booking and cancellation rules, as pure functions of what was read and
 * "now". Time rules use the practice's calendar (see time.ts).
 */

/** Booked appointments still in the future: what `maxActiveAppointments` limits. */
export function activeBookings(patient: PatientRecord, now: Date): string[] {
  return Object.entries(patient.bookings)
    .filter(([, start]) => Date.parse(start) > now.getTime())
    .map(([id]) => id);
}

/** Bookings whose start has passed: dropped from the profile's bookkeeping on the next write. */
export function lapsedBookings(patient: PatientRecord, now: Date): string[] {
  return Object.entries(patient.bookings)
    .filter(([, start]) => Date.parse(start) <= now.getTime())
    .map(([id]) => id);
}

/**
 * The last local date a patient may book on: today + bookingHorizonDays, in the practice's
 * calendar (so a 28-day horizon is 28 calendar days whether or not the clocks change).
 */
export function lastBookableDate(settings: PracticeSettings, now: Date, timeZone: string): string {
  return addDays(localDate(now, timeZone), settings.bookingHorizonDays);
}

/** 409: the appointment was cancelled already (by anyone). */
export const alreadyCancelled = () => new ProblemError('already-cancelled', 'This appointment is already cancelled');

const slotStarted = () => new ProblemError('slot-in-past', 'That slot has already started');

/** The practice may book any free slot that has not started: online limits and the horizon are the patient's. */
export function assertPracticeBookable(slot: SlotRecord | undefined, now: Date): SlotRecord {
  if (!slot) throw new ProblemError('slot-not-found', 'No such slot at this practice');
  if (slot.status !== 'free') throw new ProblemError('slot-unavailable', 'That slot is no longer free');
  if (Date.parse(slot.start) <= now.getTime()) throw slotStarted();
  return slot;
}

export interface BookingCheck {
  slot: SlotRecord | undefined;
  patient: PatientRecord;
  settings: PracticeSettings;
  timeZone: string;
  now: Date;
  /** An appointment being moved by a reschedule does not count against the limit. */
  replacing?: string;
}

export function assertSlotBookable({ slot, patient, settings, timeZone, now, replacing }: BookingCheck): SlotRecord {
  if (!slot) throw new ProblemError('slot-not-found', 'No such slot at your practice');
  if (slot.status !== 'free' || !slot.bookableOnline)
    throw new ProblemError('slot-unavailable', 'That slot is no longer available. Please choose another.');
  if (Date.parse(slot.start) <= now.getTime()) throw slotStarted();
  if (localDate(new Date(slot.start), timeZone) > lastBookableDate(settings, now, timeZone)) {
    throw new ProblemError(
      'outside-booking-horizon',
      `Appointments can be booked up to ${settings.bookingHorizonDays} days ahead`,
    );
  }
  const active = activeBookings(patient, now).filter((id) => id !== replacing);
  if (active.length >= settings.maxActiveAppointments) {
    throw new ProblemError(
      'too-many-appointments',
      `You already have ${active.length} upcoming appointments, the most your practice allows online`,
    );
  }
  return slot;
}

/** Patients may cancel until `cancellationCutoffMinutes` before the start. */
export function assertPatientCanCancel(appointment: AppointmentRecord, settings: PracticeSettings, now: Date): void {
  if (appointment.status === 'cancelled') throw alreadyCancelled();
  const minutesToStart = (Date.parse(appointment.start) - now.getTime()) / 60_000;
  if (minutesToStart < settings.cancellationCutoffMinutes) {
    throw new ProblemError(
      'cancellation-too-late',
      minutesToStart <= 0
        ? 'This appointment has already started'
        : `Appointments can be cancelled online up to ${settings.cancellationCutoffMinutes} minutes before the start. Please call the practice.`,
    );
  }
}

/** The practice may cancel any appointment that has not started (the cut-off protects its diary, not itself). */
export function assertPracticeCanCancel(appointment: AppointmentRecord, now: Date): void {
  if (appointment.status === 'cancelled') throw alreadyCancelled();
  if (Date.parse(appointment.start) <= now.getTime()) {
    throw new ProblemError('cancellation-too-late', 'This appointment has already started');
  }
}

export function newAppointment(input: {
  appointmentId: string;
  slot: SlotRecord;
  patient: PatientRecord;
  description?: string;
  now: Date;
  bookedBy?: 'patient' | 'practice';
  /** A proxy booking for the patient (recorded as bookedBy proxy). */
  proxyNhsNumber?: string;
}): AppointmentRecord {
  const { slot } = input;
  return {
    appointmentId: input.appointmentId,
    slotId: slot.slotId,
    practice: slot.practice,
    nhsNumber: input.patient.nhsNumber,
    start: slot.start,
    end: slot.end,
    clinician: slot.clinician,
    type: slot.type,
    channel: slot.channel,
    ...(input.description ? { description: input.description } : {}),
    status: 'booked',
    bookedAt: input.now.toISOString(),
    ...(input.proxyNhsNumber
      ? { bookedBy: 'proxy' as const, bookedByNhsNumber: input.proxyNhsNumber }
      : { bookedBy: input.bookedBy ?? 'patient' }),
    // Denormalised so the practice's day list names the patient without a read per appointment.
    patientName: input.patient.name,
  };
}
