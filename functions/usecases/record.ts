import {
  proxyLevel,
  auditWindow,
  recordNotOffered,
  recordView,
  staffAudited,
  toAuditEntry,
  viewableLevel,
  viewAudited,
} from '../domain/record.ts';
import type { Completed, IdempotencyClaim } from '../domain/idempotency.ts';
import type { PatientCaller, StaffCaller } from '../schemas/identity.ts';
import type { AuditEntry, AuditQuery, PatientRecordView, RecordContent, StoredRecord } from '../schemas/record.ts';
import { putAuditItem, queryAudit } from '../store/audit.ts';
import { countedActionItems } from '../store/counters.ts';
import { mapPage, type Page } from '../store/read.ts';
import { serviceOfferedGuard } from '../store/practices.ts';
import { commitRecordReplacement, readRecordForView } from '../store/record.ts';
import { retryOnConflict, transact } from '../store/transact.ts';
import { unavailable } from '../domain/errors.ts';
import { actingProxyGrant } from '../store/proxy-guard.ts';
import { idempotentChange } from './idempotency.ts';
import { defaultDeps, practiceOf, type Deps } from './deps.ts';

/**
 * GET /record: the caller's own record, where "own" is the token's practice and NHS number and
 * nothing else. ONE Query (profile + repeat medications + coded sections), the level rules, then
 * ONE TransactWriteItems: the audit entry, the practice-month `recordViews` counter and its
 * activity entry, guarded by the practice still offering record access. A refused view (403)
 * writes nothing. A transaction that lost a race on the shared counter wrote nothing either and is
 * simply sent again (same audit id), so each successful view is audited and counted exactly once.
 */
export async function viewOwnRecord(caller: PatientCaller, deps: Deps = defaultDeps): Promise<PatientRecordView> {
  const [read, grant] = await Promise.all([
    readRecordForView(caller.practice, caller.nhsNumber),
    caller.proxy ? actingProxyGrant() : undefined,
  ]);
  const { timeZone } = await practiceOf(caller.practice);
  const viewable = viewableLevel(read.patient);
  const { patient } = viewable;
  // A proxy's grant covers record access (or the guard refused it): at most the level it gives.
  const level =
    grant && grant.services.record !== 'none' ? proxyLevel(viewable.level, grant.services.record) : viewable.level;
  const now = deps.clock.now();
  const audit = viewAudited({
    auditId: deps.ids.next(),
    at: now,
    actor: caller.sub,
    nhsNumber: caller.nhsNumber,
    level,
    ...(grant ? { proxy: { nhsNumber: grant.proxyNhsNumber, name: grant.proxyName } } : {}),
  });
  const items = [
    serviceOfferedGuard(caller.practice, 'record', recordNotOffered),
    putAuditItem(caller.practice, audit),
    ...countedActionItems(caller.practice, timeZone, [
      { kind: 'record-viewed', at: now, ref: audit.auditId, proxy: caller.proxy !== undefined },
    ]),
  ];
  await retryOnConflict(
    () => transact(items),
    () => unavailable(),
  );
  return recordView(level, patient, read);
}

/**
 * PUT /staff/patients/{nhsNumber}/record: replaces every section in ONE TransactWriteItems (no
 * read first), with the idempotency record when a key is sent: 404 if the patient is not
 * registered at the caller's practice.
 */
export async function replaceRecord(
  caller: StaffCaller,
  nhsNumber: string,
  content: RecordContent,
  claim: IdempotencyClaim | undefined,
  deps: Deps = defaultDeps,
): Promise<Completed<StoredRecord>> {
  // Two replaces at once: one waits for the other and both land whole, the later one winning.
  return idempotentChange({
    claim,
    clock: deps.clock,
    // No read: the patient's registration is checked in the transaction.
    read: () => Promise.resolve({}),
    decide: (_none, now) => {
      const updatedAt = now.toISOString();
      const meta = { revision: deps.ids.next(), updatedAt, updatedBy: caller.sub };
      const audit = staffAudited({
        auditId: deps.ids.next(),
        at: now,
        actor: caller.sub,
        nhsNumber,
        action: 'replace-record',
      });
      return {
        value: { nhsNumber, ...content, updatedAt },
        status: 200,
        change: { practice: caller.practice, nhsNumber, content, meta, audit },
      };
    },
    commit: commitRecordReplacement,
  });
}

/** GET /staff/audit: the caller's own practice only (its partition), newest first. One Query. */
export async function listAudit(caller: StaffCaller, query: AuditQuery): Promise<Page<AuditEntry>> {
  const { timeZone } = await practiceOf(caller.practice);
  const window = auditWindow(query, timeZone);
  const page = await queryAudit(
    caller.practice,
    { nhsNumber: query.nhsNumber, ...window },
    query.limit,
    query.nextToken,
  );
  return mapPage(page, toAuditEntry);
}
