import { staffAudited, type AuditRecord } from '../domain/record.ts';
import type { StaffCaller } from '../schemas/identity.ts';
import type { AuditAction } from '../schemas/record.ts';
import { putAuditItem } from '../store/audit.ts';
import type { GuardedItem } from '../store/dynamo.ts';
import type { Deps } from './deps.ts';

/**
 * A staff member's audit entry (for one patient, or for the practice), as one more item of the
 * transaction that makes the change it records: the change and its audit entry commit together.
 */
export function staffAuditItem(
  caller: StaffCaller,
  nhsNumber: string | undefined,
  action: AuditAction,
  now: Date,
  deps: Deps,
): GuardedItem {
  return putAuditItem(caller.practice, staffAudit(caller, nhsNumber, action, now, deps));
}

/** The entry itself, for a store commit that writes it with the change. */
export function staffAudit(
  caller: StaffCaller,
  nhsNumber: string | undefined,
  action: AuditAction,
  now: Date,
  deps: Deps,
): AuditRecord {
  return staffAudited({ auditId: deps.ids.next(), at: now, actor: caller.sub, nhsNumber, action });
}
