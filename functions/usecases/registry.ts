import { ProblemError } from '../domain/errors.ts';
import type { Completed, IdempotencyClaim } from '../domain/idempotency.ts';
import { mapPage, type Page } from '../store/read.ts';
import type { AdminCaller } from '../schemas/identity.ts';
import type { AdminPracticesQuery, PutPracticeBody, RegisteredPractice } from '../schemas/admin.ts';
import { putAuditItem } from '../store/audit.ts';
import { idempotencyItem } from '../store/idempotency.ts';
import type { RegistryEntry } from '../store/registry-entry.ts';
import { getRegistryEntry, listRegistry, registryWriteItem } from '../store/registry.ts';
import { transact } from '../store/transact.ts';
import { defaultDeps, type Deps } from './deps.ts';
import { idempotentWrite } from './idempotency.ts';

/**
 * The practice registry, as `admin` manages it: which practices the stack serves, and their
 * details (name, time zone, the POMI geography). A change reaches every handler on its next
 * request: they read the caller's practice from the registry each time.
 */

const toView = (entry: RegistryEntry): RegisteredPractice => ({
  ...entry.practice,
  source: entry.source,
  createdAt: entry.createdAt,
  updatedAt: entry.updatedAt,
});

/**
 * PUT /admin/practices/{ods}: adds the practice (201) or replaces its details (200): a read, then
 * one conditional write at the version read (with an Idempotency-Key, in one transaction with the
 * key's record). From then on a deploy leaves it as the admin set it.
 */
export async function putPractice(
  caller: AdminCaller,
  ods: string,
  body: PutPracticeBody,
  claim: IdempotencyClaim | undefined,
  deps: Deps = defaultDeps,
): Promise<Completed<RegisteredPractice>> {
  return idempotentWrite(claim, deps.clock, async () => {
    const now = deps.clock.now();
    const current = await getRegistryEntry(ods);
    const write = registryWriteItem({ ods, ...body }, current, now);
    const at = now.toISOString();
    const value: RegisteredPractice = {
      ods,
      ...body,
      source: 'admin',
      createdAt: current?.createdAt ?? at,
      updatedAt: at,
    };
    const status = current ? 200 : 201;
    // The practice's audit trail records who changed its registry entry, as it does staff changes.
    const audit = putAuditItem(
      ods,
      { auditId: deps.ids.next(), at, actor: caller.sub, role: 'admin', action: 'change-registry' },
      current?.auditRetentionYears ?? null,
    );
    await transact([...idempotencyItem(claim, status, value, now), write, audit]);
    return { value, replayed: false, status };
  });
}

/** GET /admin/practices/{ods}: one GetItem; 404 when the stack does not serve it. */
export async function describeRegisteredPractice(ods: string): Promise<RegisteredPractice> {
  const entry = await getRegistryEntry(ods);
  if (!entry) throw new ProblemError('not-found', `Practice ${ods} is not in the registry`);
  return toView(entry);
}

/** GET /admin/practices: the practices served, by ODS code, a page at a time (one Query). */
export async function listRegisteredPractices(query: AdminPracticesQuery): Promise<Page<RegisteredPractice>> {
  const page = await listRegistry(query.limit, query.nextToken);
  return mapPage(page, toView);
}
