import { anyEnabled, enabledFlags, servicesMoved } from '../domain/activity.ts';
import { patientNotFound, ProblemError } from '../domain/errors.ts';
import type { Completed, IdempotencyClaim } from '../domain/idempotency.ts';
import { toPatient, type PatientRecord } from '../domain/model.ts';
import { localDate, localMonth } from '../domain/time.ts';
import type { Patient, RegisterPatientBody } from '../schemas/patients.ts';
import { commitRegistration, getPatient, readRegistrationContext } from '../store/patients.ts';
import { staffAudited } from '../domain/record.ts';
import { defaultDeps, practiceOf, type Deps } from './deps.ts';
import { idempotentChange } from './idempotency.ts';

/**
 * PUT /staff/patients/{nhsNumber}: registers a patient for online services or changes what is
 * enabled. The profile and the practice's enabled counts (running totals and this month's change)
 * move in one TransactWriteItems, so the monthly report's snapshot is always consistent; the
 * idempotency record rides in it too, with the first answer's status (201 registered, 200
 * updated), so a retried registration replays 201 rather than answering 200 for its own effect.
 */
export async function registerPatient(
  practice: string,
  nhsNumber: string,
  input: RegisterPatientBody,
  claim: IdempotencyClaim | undefined,
  deps: Deps = defaultDeps,
  /** The staff member (token subject) making the change, for the audit trail. */
  actor?: string,
): Promise<Completed<Patient> & { status: 200 | 201 }> {
  const completed = await idempotentChange({
    claim,
    clock: deps.clock,
    read: async () => {
      const read = await readRegistrationContext(practice, nhsNumber, claim);
      // The practice's registry entry rode along with that read.
      return { ...read, timeZone: (await practiceOf(practice)).timeZone };
    },
    decide: ({ patient: existing, timeZone }, now) => {
      // "Today" is the practice's calendar day, which the request schema knows neither of.
      if (input.dateOfBirth > localDate(now, timeZone)) {
        throw new ProblemError('validation-failed', 'dateOfBirth: must not be in the future', [
          { path: 'dateOfBirth', message: 'must not be in the future' },
        ]);
      }
      const before = enabledFlags(existing?.services);
      const after = enabledFlags(input.services);
      const firstEverEnabled = !existing?.firstEnabledAt && anyEnabled(after);
      const next: PatientRecord = {
        practice,
        nhsNumber,
        name: input.name,
        dateOfBirth: input.dateOfBirth,
        services: input.services,
        registeredAt: existing?.registeredAt ?? now.toISOString(),
        updatedAt: now.toISOString(),
        ...(existing?.firstEnabledAt || firstEverEnabled
          ? { firstEnabledAt: existing?.firstEnabledAt ?? now.toISOString() }
          : {}),
        version: (existing?.version ?? 0) + 1,
        bookings: existing?.bookings ?? {},
      };
      return {
        value: toPatient(next),
        status: existing ? 200 : 201,
        change: {
          next,
          readVersion: existing?.version,
          ...(actor
            ? {
                audit: staffAudited({ auditId: deps.ids.next(), at: now, actor, nhsNumber, action: 'change-services' }),
              }
            : {}),
          month: localMonth(now, timeZone),
          timeZone,
          firstEverEnabled,
          ...servicesMoved({ at: now, nhsNumber, before, after, firstEnabled: firstEverEnabled }),
        },
      };
    },
    commit: commitRegistration,
  });
  return { ...completed, status: completed.status === 201 ? 201 : 200 };
}

/** GET /staff/patients/{nhsNumber} and GET /me: one GetItem in the practice's key space. */
export async function findPatient(practice: string, nhsNumber: string): Promise<Patient> {
  const patient = await getPatient(practice, nhsNumber);
  if (!patient) throw patientNotFound();
  return toPatient(patient);
}
