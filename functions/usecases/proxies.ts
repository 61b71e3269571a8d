import { patientNotFound, ProblemError, unavailable } from '../domain/errors.ts';
import type { Completed, IdempotencyClaim } from '../domain/idempotency.ts';
import { localDate } from '../domain/time.ts';
import type { PatientCaller, StaffCaller } from '../schemas/identity.ts';
import type { PatientServices, RecordLevel } from '../schemas/patients.ts';
import type { ActingFor, Me, ProxyGrant, PutProxyBody } from '../schemas/proxies.ts';
import { actingProxyGrant } from '../store/proxy-guard.ts';
import { patientKey } from '../store/patients.ts';
import { grantFrom, grantIsLive, grantKey, type GrantRecord } from '../store/grant-record.ts';
import {
  commitGrant,
  commitGrantEnd,
  queryGrantKeysBy,
  queryGrantsFor,
  queryGrantsPage,
  readGrantContext,
  registeredPatientFrom,
} from '../store/proxies.ts';
import { getItems, mapPage, type Page } from '../store/read.ts';
import { retryOnConflict } from '../store/transact.ts';
import { defaultDeps, practiceOf, type Deps } from './deps.ts';
import { idempotentChange } from './idempotency.ts';
import { findPatient } from './patients.ts';
import { staffAudit } from './staff-audit.ts';

const LEVELS: readonly RecordLevel[] = ['none', 'summary', 'detailed'];

const registered = registeredPatientFrom;

function invalid(errors: { path: string; message: string }[]): ProblemError {
  return new ProblemError('validation-failed', `${errors[0]!.path}: ${errors[0]!.message}`, errors);
}

/** What may be granted: every service asked for is enabled for the patient (a record level no higher). */
export function servicesBeyondEnabled(asked: PatientServices, enabled: PatientServices) {
  const errors: { path: string; message: string }[] = [];
  if (asked.appointments && !enabled.appointments)
    errors.push({ path: 'services.appointments', message: 'online appointments are not enabled for this patient' });
  if (asked.prescriptions && !enabled.prescriptions)
    errors.push({ path: 'services.prescriptions', message: 'online prescriptions are not enabled for this patient' });
  if (LEVELS.indexOf(asked.record) > LEVELS.indexOf(enabled.record))
    errors.push({
      path: 'services.record',
      message: `record access for this patient is ${enabled.record}: a proxy cannot be given more`,
    });
  return errors;
}

/** What a proxy may use now: granted, and still enabled for the patient. */
export function effectiveServices(granted: PatientServices, enabled: PatientServices): PatientServices {
  return {
    appointments: granted.appointments && enabled.appointments,
    prescriptions: granted.prescriptions && enabled.prescriptions,
    record: LEVELS[Math.min(LEVELS.indexOf(granted.record), LEVELS.indexOf(enabled.record))]!,
  };
}

export function toProxyGrant(grant: GrantRecord, today: string): ProxyGrant {
  return {
    nhsNumber: grant.nhsNumber,
    proxyNhsNumber: grant.proxyNhsNumber,
    proxyName: grant.proxyName,
    relationship: grant.relationship,
    services: grant.services,
    ...(grant.until ? { until: grant.until } : {}),
    live: grantIsLive(grant, today),
    grantedAt: grant.grantedAt,
    updatedAt: grant.updatedAt,
  };
}

const today = async (practice: string, deps: Deps) =>
  localDate(deps.clock.now(), (await practiceOf(practice)).timeZone);

/**
 * PUT /staff/patients/{nhsNumber}/proxies/{proxyNhsNumber}: grants or changes proxy access.
 * One BatchGetItem (both profiles, the grant, the idempotency record), the rules, then one
 * TransactWriteItems: the grant at the version read, both profiles unchanged since read (so a
 * grant never exceeds what was enabled when it was decided, and a patient leaving meanwhile is
 * seen), the staff audit entry and the idempotency record. Racing changes re-read and decide again.
 */
export async function putProxy(
  caller: StaffCaller,
  nhsNumber: string,
  proxyNhsNumber: string,
  input: PutProxyBody,
  claim: IdempotencyClaim | undefined,
  deps: Deps = defaultDeps,
): Promise<Completed<ProxyGrant> & { status: 200 | 201 }> {
  if (nhsNumber === proxyNhsNumber) {
    throw invalid([{ path: 'proxyNhsNumber', message: 'must be another patient than the one acted for' }]);
  }
  const completed = await idempotentChange({
    claim,
    clock: deps.clock,
    read: async () => {
      const read = await readGrantContext(caller.practice, nhsNumber, proxyNhsNumber, claim, true);
      return { ...read, today: await today(caller.practice, deps) };
    },
    decide: (read, now) => {
      const { patient, proxy } = read;
      const errors = [
        ...(patient ? [] : [{ path: 'nhsNumber', message: 'is not a patient registered for online services here' }]),
        ...(proxy ? [] : [{ path: 'proxyNhsNumber', message: 'is not a patient registered for online services here' }]),
        ...(patient ? servicesBeyondEnabled(input.services, patient.services) : []),
      ];
      if (errors.length > 0 || !patient || !proxy) throw invalid(errors);
      const existing = read.grant;
      const grant: GrantRecord = {
        practice: caller.practice,
        nhsNumber,
        proxyNhsNumber,
        patientName: patient.name,
        proxyName: proxy.name,
        relationship: input.relationship,
        services: input.services,
        ...(input.until ? { until: input.until } : {}),
        grantedAt: existing?.grantedAt ?? now.toISOString(),
        updatedAt: now.toISOString(),
        version: (existing?.version ?? 0) + 1,
      };
      return {
        value: toProxyGrant(grant, read.today),
        status: existing ? 200 : 201,
        change: {
          grant,
          readVersion: existing?.version,
          profileVersions: [patient.version, proxy.version] as [number, number],
          audit: staffAudit(caller, nhsNumber, existing ? 'change-proxy' : 'grant-proxy', now, deps),
        },
      };
    },
    commit: commitGrant,
  });
  return { ...completed, status: completed.status === 201 ? 201 : 200 };
}

/** GET /staff/patients/{nhsNumber}/proxies: who may act for the patient (one Query of their partition). */
export async function listProxies(
  caller: StaffCaller,
  nhsNumber: string,
  query: { limit: number; nextToken?: string },
  deps: Deps = defaultDeps,
): Promise<Page<ProxyGrant>> {
  const [patient] = await getItems([patientKey(caller.practice, nhsNumber)]);
  if (!patient) throw patientNotFound();
  const page = await queryGrantsPage(caller.practice, nhsNumber, query.limit, query.nextToken);
  const day = await today(caller.practice, deps);
  return mapPage(page, (g) => toProxyGrant(g, day));
}

/**
 * DELETE /staff/patients/{nhsNumber}/proxies/{proxyNhsNumber}: 204, effective on the proxy's next
 * request (every proxy request checks its grant). The grant is deleted at the version read, with
 * its audit entry; revoking what is not there is a 204 too (the outcome asked for).
 */
export async function revokeProxy(
  caller: StaffCaller,
  nhsNumber: string,
  proxyNhsNumber: string,
  claim: IdempotencyClaim | undefined,
  deps: Deps = defaultDeps,
): Promise<Completed<null>> {
  return idempotentChange({
    claim,
    clock: deps.clock,
    read: () => readGrantContext(caller.practice, nhsNumber, proxyNhsNumber, claim, false),
    decide: ({ grant }, now) => ({
      value: null,
      status: 204,
      change: grant ? { end: { grant, audit: staffAudit(caller, grant.nhsNumber, 'revoke-proxy', now, deps) } } : {},
    }),
    commit: commitGrantEnd,
  });
}

/**
 * Ends every grant where the patient is the proxy or the one acted for (they leave the practice,
 * or their sign-in is unlinked). One transaction per grant, each skipping a grant already gone, so
 * a crash half-way and a retry end in the same state.
 */
export async function endGrantsOf(caller: StaffCaller, nhsNumber: string, deps: Deps = defaultDeps): Promise<void> {
  const [asPatient, asProxyOf] = await Promise.all([
    queryGrantsFor(caller.practice, nhsNumber),
    queryGrantKeysBy(caller.practice, nhsNumber),
  ]);
  const asProxy = asProxyOf.map((patient) => ({
    practice: caller.practice,
    nhsNumber: patient,
    proxyNhsNumber: nhsNumber,
  }));
  for (const found of [...asPatient, ...asProxy]) {
    // Each grant as it is now (a change may have raced the query), ended at that version.
    await retryOnConflict(
      async () => {
        const [item] = await getItems([grantKey(found.practice, found.nhsNumber, found.proxyNhsNumber)]);
        const grant = grantFrom(item);
        if (grant) {
          const audit = staffAudit(caller, grant.nhsNumber, 'revoke-proxy', deps.clock.now(), deps);
          await commitGrantEnd({ end: { grant, audit } }, undefined);
        }
      },
      () => unavailable(),
    );
  }
}

/**
 * GET /me's `actingFor`: the live grants the patient holds as a proxy, each with what they may use
 * now (granted and still enabled). The index gives whom; one consistent BatchGetItem gives the
 * grants and the patients' profiles, so a revoked grant never shows.
 */
export async function actingForOf(
  practice: string,
  proxyNhsNumber: string,
  deps: Deps = defaultDeps,
): Promise<ActingFor[]> {
  const patients = await queryGrantKeysBy(practice, proxyNhsNumber);
  if (patients.length === 0) return [];
  const items = await getItems(
    patients.flatMap((nhs) => [grantKey(practice, nhs, proxyNhsNumber), patientKey(practice, nhs)]),
  );
  const day = await today(practice, deps);
  return patients.flatMap((nhsNumber, i): ActingFor[] => {
    const grant = grantFrom(items[2 * i]);
    const patient = registered(items[2 * i + 1]);
    if (!grant || !patient || !grantIsLive(grant, day)) return [];
    return [
      {
        nhsNumber,
        name: patient.name,
        relationship: grant.relationship,
        services: effectiveServices(grant.services, patient.services),
        ...(grant.until ? { until: grant.until } : {}),
      },
    ];
  });
}

/**
 * GET /me: the patient and whom they may act for. Acting for someone, it is that patient with
 * what the proxy may use for them, and no `actingFor` (a proxy cannot act onwards).
 */
export async function describeMe(caller: PatientCaller, deps: Deps = defaultDeps): Promise<Me> {
  if (caller.proxy) {
    const [patient, grant] = await Promise.all([findPatient(caller.practice, caller.nhsNumber), actingProxyGrant()]);
    return { ...patient, services: effectiveServices(grant!.services, patient.services), actingFor: [] };
  }
  const [patient, actingFor] = await Promise.all([
    findPatient(caller.practice, caller.nhsNumber),
    actingForOf(caller.practice, caller.nhsNumber, deps),
  ]);
  return { ...patient, actingFor };
}
