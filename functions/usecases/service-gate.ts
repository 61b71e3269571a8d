import { assertServiceEnabled, type OnlineService } from '../domain/services.ts';
import type { PatientCaller } from '../schemas/identity.ts';
import type { Key } from '../store/keys.ts';
import { readServiceContext } from '../store/patients.ts';
import { guardFirst } from '../store/request-guard.ts';

/**
 * The service gate of a patient route: the practice offers the service online and has enabled it
 * for this patient (403 service-not-enabled otherwise). One BatchGetItem, which takes the route's
 * own items (`more`) along; answers the profile, the settings and those items.
 */
export async function serviceGate(caller: PatientCaller, service: OnlineService, ...more: (Key | undefined)[]) {
  const read = await readServiceContext(caller.practice, caller.nhsNumber, ...more);
  return { ...read, patient: assertServiceEnabled(read.patient, read.settings, service) };
}

/** A listing with the service gate's read alongside (one round trip of latency); the gate decides first. */
export function gated<T>(caller: PatientCaller, service: OnlineService, list: Promise<T>): Promise<T> {
  return guardFirst(serviceGate(caller, service), list);
}
