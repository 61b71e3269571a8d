import { defineRoute } from './route-spec.ts';
import { listOf } from '../schemas/common.ts';
import { AuditEntry, AuditQuery } from '../schemas/record.ts';

/*
 * The practice's record-access audit trail. Handlers: functions/api/audit/.
 */

export const listAudit = /* @__PURE__ */ defineRoute({
  operationId: 'listAudit',
  method: 'GET',
  path: '/staff/audit',
  access: 'staff',
  entry: 'api/audit/list.ts',
  table: 'read',
  summary: 'Record-access events of the caller’s practice, newest first, optionally for one patient and a time window',
  request: { query: AuditQuery },
  response: { status: 200, description: 'A page of audit entries', schema: /* @__PURE__ */ listOf(AuditEntry) },
  tags: ['staff', 'record'],
});
