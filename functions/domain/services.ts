import { ProblemError } from './errors.ts';
import type { PatientRecord } from './model.ts';
import type { PracticeSettings } from '../schemas/practice.ts';

export type OnlineService = 'appointments' | 'prescriptions' | 'record';

/** 403: the caller is not registered for online services at the practice. */
export const notRegisteredHere = () =>
  new ProblemError('service-not-enabled', 'You are not registered for online services at this practice');

/**
 * A patient may use a service only when the practice offers it and has enabled it for them.
 * Returns the patient, now known to be registered.
 */
export function assertServiceEnabled(
  patient: PatientRecord | undefined,
  settings: PracticeSettings,
  service: OnlineService,
): PatientRecord {
  if (!patient) throw notRegisteredHere();
  if (!settings.servicesOffered[service]) {
    throw new ProblemError('service-not-enabled', `Your practice does not offer online ${service}`);
  }
  const enabled = service === 'record' ? patient.services.record !== 'none' : patient.services[service];
  if (!enabled) {
    throw new ProblemError('service-not-enabled', `Online ${service} have not been enabled for you: ask your practice`);
  }
  return patient;
}
