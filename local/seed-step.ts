import type { PracticeConfig } from '../functions/schemas/practice-config.ts';
import type { RegisterPatientBody } from '../functions/schemas/patients.ts';
import type { UpdateSettingsBody } from '../functions/schemas/practice.ts';
import type { NewSlot } from '../functions/schemas/slots.ts';

/**
 * What a demo seed step is and what it works on, in a module of its own: local/seed.ts lists the
 * steps, and each feature's step (local/seed-prescriptions.ts, local/seed-records.ts) names these
 * types without importing that list.
 */

/** Calls one route in-process through local mode's gateway, as staff of `staffOf`; throws unless 2xx. */
export type SeedCall = (request: {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  staffOf: string;
  body?: unknown;
}) => Promise<unknown>;

export interface SeedContext {
  call: SeedCall;
  /** The served practices (config) that have demo data (DEMO_DATA in local/seed.ts). */
  practices: readonly DemoPractice[];
  now: Date;
}

export interface SeedStep {
  name: string;
  run(context: SeedContext): Promise<void>;
}

export interface DemoPatient extends RegisterPatientBody {
  nhsNumber: string;
}

/** A repeating weekday clinic: consecutive slots of `minutes` from `from` to `to`, local time. */
export interface DemoSession {
  clinician: string;
  type: 'GP' | 'Nurse';
  channel: NewSlot['channel'];
  from: string;
  to: string;
  minutes: number;
  /** ISO weekdays, 1 = Monday; every weekday when absent. */
  weekdays?: readonly number[];
}

export interface DemoPractice {
  config: PracticeConfig;
  settings: UpdateSettingsBody;
  patients: readonly DemoPatient[];
  sessions: readonly DemoSession[];
}
