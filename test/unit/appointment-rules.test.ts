import { describe, expect, it } from 'vitest';
import {
  assertPatientCanCancel,
  assertPracticeCanCancel,
  assertSlotBookable,
  lastBookableDate,
} from '../../functions/domain/appointments.ts';
import { ProblemError } from '../../functions/domain/errors.ts';
import type { AppointmentRecord, PatientRecord, SlotRecord } from '../../functions/domain/model.ts';
import { DEFAULT_SETTINGS } from '../../functions/schemas/practice.ts';

const TZ = 'Europe/London';

const patient = (bookings: Record<string, string> = {}): PatientRecord => ({
  practice: 'A99001',
  nhsNumber: '9990000018',
  name: 'Ada Patel',
  dateOfBirth: '1980-01-01',
  services: { appointments: true, prescriptions: true, record: 'summary' },
  registeredAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  version: 1,
  bookings,
});

const slot = (start: string, status: SlotRecord['status'] = 'free'): SlotRecord => ({
  slotId: 's1',
  practice: 'A99001',
  start,
  end: new Date(Date.parse(start) + 10 * 60_000).toISOString(),
  clinician: 'Dr Amira Shah',
  type: 'GP',
  channel: 'in-person',
  status,
  bookableOnline: true,
});

const appointment = (start: string, status: AppointmentRecord['status'] = 'booked'): AppointmentRecord => ({
  appointmentId: 'a1',
  slotId: 's1',
  practice: 'A99001',
  nhsNumber: '9990000018',
  start,
  end: start,
  clinician: 'Dr Amira Shah',
  type: 'GP',
  channel: 'in-person',
  status,
  bookedAt: '2026-10-01T09:00:00Z',
  bookedBy: 'patient',
});

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    if (error instanceof ProblemError) return error.code;
    throw error;
  }
}

describe('booking rules', () => {
  const now = new Date('2026-10-20T10:00:00Z'); // BST
  const check = (s: SlotRecord | undefined, p = patient(), settings = DEFAULT_SETTINGS) =>
    codeOf(() => assertSlotBookable({ slot: s, patient: p, settings, timeZone: TZ, now }));

  it('books a free future slot inside the horizon', () => {
    expect(check(slot('2026-10-21T09:00:00Z'))).toBeUndefined();
  });

  it('answers slot-not-found for an unknown slot', () => {
    expect(check(undefined)).toBe('slot-not-found');
  });

  it.each(['booked', 'withdrawn'] as const)('answers slot-unavailable for a %s slot', (status) => {
    expect(check(slot('2026-10-21T09:00:00Z', status))).toBe('slot-unavailable');
  });

  it('answers slot-in-past for a slot that already started', () => {
    expect(check(slot('2026-10-20T10:00:00Z'))).toBe('slot-in-past');
  });

  it('counts the horizon in local calendar days across the BST→GMT change', () => {
    // now is 20 Oct (BST); 28 days later is 17 Nov (GMT). The whole of 17 Nov is bookable, 18 Nov is not.
    expect(lastBookableDate(DEFAULT_SETTINGS, now, TZ)).toBe('2026-11-17');
    expect(check(slot('2026-11-17T23:50:00Z'))).toBeUndefined();
    expect(check(slot('2026-11-18T00:00:00Z'))).toBe('outside-booking-horizon');
  });

  it('uses the local date for the horizon: 23:30 UTC in BST is already the next day', () => {
    const settings = { ...DEFAULT_SETTINGS, bookingHorizonDays: 1 };
    // 2026-10-21T23:30Z is 00:30 on 22 Oct in London: two local days ahead.
    expect(check(slot('2026-10-21T22:30:00Z'), patient(), settings)).toBeUndefined();
    expect(check(slot('2026-10-21T23:30:00Z'), patient(), settings)).toBe('outside-booking-horizon');
  });

  it('refuses a booking beyond maxActiveAppointments future bookings', () => {
    const two = patient({ x: '2026-10-22T09:00:00Z', y: '2026-10-23T09:00:00Z' });
    expect(check(slot('2026-10-21T09:00:00Z'), two)).toBe('too-many-appointments');
  });

  it('does not count appointments that have already happened', () => {
    const onePast = patient({ x: '2026-10-19T09:00:00Z', y: '2026-10-23T09:00:00Z' });
    expect(check(slot('2026-10-21T09:00:00Z'), onePast)).toBeUndefined();
  });

  it('lets a reschedule replace one of the active appointments', () => {
    const two = patient({ x: '2026-10-22T09:00:00Z', y: '2026-10-23T09:00:00Z' });
    expect(
      codeOf(() =>
        assertSlotBookable({
          slot: slot('2026-10-21T09:00:00Z'),
          patient: two,
          settings: DEFAULT_SETTINGS,
          timeZone: TZ,
          now,
          replacing: 'x',
        }),
      ),
    ).toBeUndefined();
  });
});

describe('cancellation rules', () => {
  const now = new Date('2026-10-20T10:00:00Z');
  const cancel = (a: AppointmentRecord) => codeOf(() => assertPatientCanCancel(a, DEFAULT_SETTINGS, now));

  it('allows cancelling exactly cancellationCutoffMinutes before the start', () => {
    expect(cancel(appointment('2026-10-20T11:00:00Z'))).toBeUndefined();
  });

  it('answers cancellation-too-late one minute inside the cut-off', () => {
    expect(cancel(appointment('2026-10-20T10:59:00Z'))).toBe('cancellation-too-late');
  });

  it('answers cancellation-too-late once started', () => {
    expect(cancel(appointment('2026-10-20T09:00:00Z'))).toBe('cancellation-too-late');
  });

  it('answers already-cancelled for a cancelled appointment', () => {
    expect(cancel(appointment('2026-10-25T09:00:00Z', 'cancelled'))).toBe('already-cancelled');
  });

  it('lets the practice cancel inside the patient cut-off but not after the start', () => {
    expect(codeOf(() => assertPracticeCanCancel(appointment('2026-10-20T10:30:00Z'), now))).toBeUndefined();
    expect(codeOf(() => assertPracticeCanCancel(appointment('2026-10-20T10:00:00Z'), now))).toBe(
      'cancellation-too-late',
    );
  });
});
