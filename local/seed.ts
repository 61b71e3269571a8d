import type { PracticeConfig } from '../functions/schemas/practice-config.ts';
import { addDays, localDate, startOfLocalDay } from '../functions/domain/time.ts';
import type { NewSlot } from '../functions/schemas/slots.ts';
import { repeatMedicationsStep } from './seed-prescriptions.ts';
import { recordsStep } from './seed-records.ts';
import type { DemoPractice, DemoSession, SeedContext, SeedStep } from './seed-step.ts';

/**
 * Demo data for local mode, written THROUGH the route handlers (as the practice's staff) so that
 * every counter and invariant the handlers maintain holds for it exactly as for real traffic.
 * The seed is a list of steps: a later feature adds its own (repeat medications, records) by
 * appending a step that calls its staff route.
 */

export class SeedError extends Error {
  constructor(
    readonly step: string,
    message: string,
  ) {
    super(`Demo seed step "${step}" failed: ${message}`);
    this.name = 'SeedError';
  }
}

type DemoPracticeData = Omit<DemoPractice, 'config'>;

/** Test NHS numbers (999…, valid Modulus 11 check digits); a unit test re-checks them. */
export const DEMO_DATA: Readonly<Record<string, DemoPracticeData>> = {
  A99001: {
    settings: { listSize: 9000 },
    patients: [
      {
        nhsNumber: '9990000018',
        name: 'Olivia Bennett',
        dateOfBirth: '1984-03-12',
        services: { appointments: true, prescriptions: true, record: 'detailed' },
      },
      {
        nhsNumber: '9990000026',
        name: 'Mohammed Rahman',
        dateOfBirth: '1957-11-02',
        services: { appointments: true, prescriptions: true, record: 'summary' },
      },
      {
        nhsNumber: '9990000034',
        name: 'Chloe Williams',
        dateOfBirth: '1999-07-25',
        services: { appointments: true, prescriptions: false, record: 'none' },
      },
      {
        nhsNumber: '9990000042',
        name: 'Arthur Jenkins',
        dateOfBirth: '1941-01-30',
        services: { appointments: false, prescriptions: true, record: 'summary' },
      },
    ],
    sessions: [
      { clinician: 'Dr Amira Shah', type: 'GP', channel: 'in-person', from: '08:30', to: '11:30', minutes: 10 },
      {
        clinician: 'Dr Tom Reilly',
        type: 'GP',
        channel: 'telephone',
        from: '08:30',
        to: '10:00',
        minutes: 10,
        weekdays: [1, 2, 4, 5],
      },
      {
        clinician: 'Dr Tom Reilly',
        type: 'GP',
        channel: 'video',
        from: '14:00',
        to: '15:00',
        minutes: 15,
        weekdays: [1, 2, 4, 5],
      },
      { clinician: 'Nurse Grace Obi', type: 'Nurse', channel: 'in-person', from: '09:00', to: '12:00', minutes: 15 },
      { clinician: 'Nurse Grace Obi', type: 'Nurse', channel: 'in-person', from: '14:00', to: '16:00', minutes: 20 },
    ],
  },
  A99002: {
    settings: { listSize: 6500 },
    patients: [
      {
        nhsNumber: '9990000050',
        name: 'Siobhan Murphy',
        dateOfBirth: '1972-05-18',
        services: { appointments: true, prescriptions: true, record: 'detailed' },
      },
      {
        nhsNumber: '9990000069',
        name: 'Daniel Kowalski',
        dateOfBirth: '1990-09-09',
        services: { appointments: true, prescriptions: false, record: 'summary' },
      },
      {
        nhsNumber: '9990000077',
        name: 'Aisha Begum',
        dateOfBirth: '1965-12-21',
        services: { appointments: false, prescriptions: true, record: 'none' },
      },
      {
        nhsNumber: '9990000085',
        name: 'George Thompson',
        dateOfBirth: '2004-02-14',
        services: { appointments: true, prescriptions: true, record: 'summary' },
      },
    ],
    sessions: [
      { clinician: 'Dr Priya Nair', type: 'GP', channel: 'in-person', from: '09:00', to: '12:00', minutes: 10 },
      { clinician: 'Dr James Okafor', type: 'GP', channel: 'telephone', from: '13:30', to: '15:00', minutes: 10 },
      {
        clinician: 'Dr James Okafor',
        type: 'GP',
        channel: 'video',
        from: '15:00',
        to: '16:00',
        minutes: 15,
        weekdays: [2, 4],
      },
      { clinician: 'Nurse Helen Price', type: 'Nurse', channel: 'in-person', from: '08:30', to: '11:30', minutes: 20 },
    ],
  },
};

/** The served practices we have demo data for (a custom cdk.json may list others: they stay empty). */
export function demoPractices(served: readonly PracticeConfig[]): DemoPractice[] {
  return served.flatMap((config) => {
    const data = DEMO_DATA[config.ods];
    return data ? [{ config, ...data }] : [];
  });
}

const SLOTS_PER_REQUEST = 250;
const SEED_DAYS = 14;

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
function isoWeekday(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay() || 7;
}

/**
 * A local wall-clock time on a date as an instant. Adding minutes to local midnight is exact on
 * days without a clock change; clinics run on weekdays and UK clocks change on Sundays.
 */
function localInstant(date: string, time: string, timeZone: string): Date {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return new Date(startOfLocalDay(date, timeZone).getTime() + (hours * 60 + minutes) * 60_000);
}

/** The weekday slots of a fortnight starting tomorrow (practice-local), in start order per session. */
export function fortnightOfSlots(practice: DemoPractice, now: Date): NewSlot[] {
  const { timeZone } = practice.config;
  const tomorrow = addDays(localDate(now, timeZone), 1);
  const dates = Array.from({ length: SEED_DAYS }, (_, i) => addDays(tomorrow, i)).filter((d) => isoWeekday(d) <= 5);
  return dates.flatMap((date) =>
    practice.sessions
      .filter((session) => !session.weekdays || session.weekdays.includes(isoWeekday(date)))
      .flatMap((session) => sessionSlots(session, date, timeZone)),
  );
}

function sessionSlots(session: DemoSession, date: string, timeZone: string): NewSlot[] {
  const end = localInstant(date, session.to, timeZone).getTime();
  const slots: NewSlot[] = [];
  for (
    let start = localInstant(date, session.from, timeZone).getTime();
    start + session.minutes * 60_000 <= end;
    start += session.minutes * 60_000
  ) {
    slots.push({
      start: new Date(start).toISOString(),
      end: new Date(start + session.minutes * 60_000).toISOString(),
      clinician: session.clinician,
      type: session.type,
      channel: session.channel,
    });
  }
  return slots;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

export const practiceSettingsStep: SeedStep = {
  name: 'practice settings',
  async run({ call, practices }) {
    for (const practice of practices) {
      await call({
        method: 'PUT',
        path: '/staff/practice/settings',
        staffOf: practice.config.ods,
        body: practice.settings,
      });
    }
  },
};

export const patientsStep: SeedStep = {
  name: 'patients',
  async run({ call, practices }) {
    for (const practice of practices) {
      for (const { nhsNumber, ...registration } of practice.patients) {
        await call({
          method: 'PUT',
          path: `/staff/patients/${nhsNumber}`,
          staffOf: practice.config.ods,
          body: registration,
        });
      }
    }
  },
};

export const slotsStep: SeedStep = {
  name: 'slots',
  async run({ call, practices, now }) {
    for (const practice of practices) {
      for (const slots of chunks(fortnightOfSlots(practice, now), SLOTS_PER_REQUEST)) {
        await call({ method: 'POST', path: '/staff/slots', staffOf: practice.config.ods, body: { slots } });
      }
    }
  },
};

/** In order: later steps may rely on earlier ones (patients before their medications). */
export const DEMO_SEED_STEPS: readonly SeedStep[] = [
  practiceSettingsStep,
  patientsStep,
  slotsStep,
  repeatMedicationsStep,
  recordsStep,
];

/** Runs the steps in order; the first failure stops the seed with the step's name. */
export async function runSeed(context: SeedContext, steps: readonly SeedStep[] = DEMO_SEED_STEPS): Promise<void> {
  for (const step of steps) {
    try {
      await step.run(context);
    } catch (error) {
      throw error instanceof SeedError
        ? error
        : new SeedError(step.name, error instanceof Error ? error.message : String(error));
    }
  }
}
