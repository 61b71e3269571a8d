import type { Appointment } from '../schemas/appointments.ts';
import type { PatientServices } from '../schemas/patients.ts';
import type { BoardSlot, PublishedSlot, Slot } from '../schemas/slots.ts';

/** A registered patient as stored: the contract's Patient plus bookkeeping. */
export interface PatientRecord {
  practice: string;
  nhsNumber: string;
  name: string;
  dateOfBirth: string;
  services: PatientServices;
  registeredAt: string;
  updatedAt: string;
  /** When the patient was first enabled for any service (POMI "new in month"). */
  firstEnabledAt?: string;
  /** Optimistic-lock version: every change to the profile conditions on it. */
  version: number;
  /** Booked appointments (id → start) so the active-appointment limit is checked without a query. */
  bookings: Record<string, string>;
}

export type SlotStatus = 'free' | 'booked' | 'withdrawn';

export interface SlotRecord extends Slot {
  practice: string;
  status: SlotStatus;
  appointmentId?: string;
  /** false: only the practice may book it (absent on slots published before the flag: true). */
  bookableOnline: boolean;
}

export type AppointmentRecord = Appointment;

export const toPatient = (p: PatientRecord) => ({
  nhsNumber: p.nhsNumber,
  name: p.name,
  dateOfBirth: p.dateOfBirth,
  practice: p.practice,
  services: p.services,
});

export const toSlot = (s: SlotRecord): PublishedSlot => ({
  slotId: s.slotId,
  start: s.start,
  end: s.end,
  clinician: s.clinician,
  type: s.type,
  channel: s.channel,
  bookableOnline: s.bookableOnline,
});

export const toBoardSlot = (s: SlotRecord): BoardSlot => ({
  ...toSlot(s),
  status: s.status,
  ...(s.status === 'booked' && s.appointmentId ? { appointmentId: s.appointmentId } : {}),
});
