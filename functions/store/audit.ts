import type { AuditRecord } from '../domain/record.ts';
import { AuditEntry } from '../schemas/record.ts';
import * as z from '../schemas/zod.ts';
import { tableName } from './client.ts';
import { keys } from './keys.ts';
import { storedItem } from './stored-item.ts';
import { queryList, type Page } from './read.ts';
import type { GuardedItem } from './dynamo.ts';

/**
 * The record-access audit trail. Append-only: this module can add an entry and list entries;
 * nothing anywhere updates or deletes one. Entries are kept indefinitely, unless the practice sets
 * `auditRetentionYears`: an entry written while it is set expires that many years after it was
 * made (DynamoDB TTL on `expiresAt`, which deletes it within a few days of that).
 */

/** An audit entry's expiry (epoch seconds): `years` after `at`. */
export function auditExpiry(at: string, years: number): number {
  const expires = new Date(at);
  expires.setUTCFullYear(expires.getUTCFullYear() + years);
  return Math.floor(expires.getTime() / 1000);
}

/** An audit entry as stored: the contract's entry, its id and, for a proxy's view, the proxy's name. */
const auditFrom = /* @__PURE__ */ storedItem('audit', (): z.ZodMiniType<AuditRecord> =>
  z.object({
    ...z.built(AuditEntry).shape,
    auditId: z.string(),
    // Entries from before staff work was audited are all patients' own record views.
    role: z._default(z.built(AuditEntry).shape.role, 'patient'),
    action: z._default(z.built(AuditEntry).shape.action, 'view'),
    proxyName: z.optional(z.string()),
  }),
);

/**
 * A new entry in the practice's audit partition, also indexed per patient (GSI1); never overwrites.
 * Its expiry follows `retentionYears` when the caller knows it (null: none); otherwise the
 * practice's, from the request's registry entry once it has arrived (transact completes the item).
 */
export function putAuditItem(practice: string, entry: AuditRecord, retentionYears?: number | null): GuardedItem {
  const sort = keys.auditSort(entry.at, entry.auditId);
  const put = {
    Put: {
      TableName: tableName(),
      Item: {
        PK: keys.auditPartition(practice),
        SK: sort,
        entity: 'audit',
        practice,
        ...entry,
        ...(entry.nhsNumber ? { GSI1PK: keys.auditPatientPartition(practice, entry.nhsNumber), GSI1SK: sort } : {}),
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
  const withExpiry = (years: number | null | undefined) =>
    years ? { Put: { ...put.Put, Item: { ...put.Put.Item, expiresAt: auditExpiry(entry.at, years) } } } : put;
  return {
    item: withExpiry(retentionYears),
    onConditionFailed: () => new Error('audit entry id collision'),
    ...(retentionYears === undefined ? { atCommit: (p) => withExpiry(p.auditRetentionYears) } : {}),
  };
}

/** The sort-key condition for [from, to): entries sort by `{at}#{id}`, so `{from}` ≤ SK < `{to}`. */
function windowCondition(sortKey: string, from: Date | undefined, to: Date | undefined) {
  const values: Record<string, string> = {};
  if (from) values[':from'] = from.toISOString();
  if (to) values[':to'] = to.toISOString();
  if (from && to) return { expr: ` AND ${sortKey} BETWEEN :from AND :to`, values };
  if (from) return { expr: ` AND ${sortKey} >= :from`, values };
  if (to) return { expr: ` AND ${sortKey} < :to`, values };
  return { expr: '', values };
}

/**
 * A practice's audit entries, newest first, optionally for one patient and within [from, to).
 * Whole practice: one Query on the AUDIT#{ods} partition (strongly consistent). One patient: one
 * Query on GSI1 (AUDIT#{ods}#{nhs}); a GSI is eventually consistent, so a view made a moment ago
 * may take a moment to appear there.
 */
export async function queryAudit(
  practice: string,
  filter: { nhsNumber?: string; from?: Date; to?: Date },
  limit: number,
  nextToken: string | undefined,
): Promise<Page<AuditRecord>> {
  const byPatient = filter.nhsNumber !== undefined;
  const partition = byPatient ? keys.auditPatientPartition(practice, filter.nhsNumber!) : keys.auditPartition(practice);
  const [pkName, skName] = byPatient ? ['GSI1PK', 'GSI1SK'] : ['PK', 'SK'];
  const window = windowCondition(skName, filter.from, filter.to);
  return queryList(
    {
      ...(byPatient ? { IndexName: 'GSI1' } : { ConsistentRead: true }),
      KeyConditionExpression: `${pkName} = :pk${window.expr}`,
      ExpressionAttributeValues: { ':pk': partition, ...window.values },
      ScanIndexForward: false,
      Limit: limit,
    },
    { partition: { [pkName]: partition }, nextToken },
    auditFrom,
  );
}

/**
 * The views of one patient's record, newest first: one Query on the patient's GSI1 audit
 * partition, filtered to record views (a patient has few entries).
 */
export async function queryRecordViews(
  practice: string,
  nhsNumber: string,
  limit: number,
  nextToken: string | undefined,
): Promise<Page<AuditRecord>> {
  const partition = keys.auditPatientPartition(practice, nhsNumber);
  return queryList(
    {
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      FilterExpression: '#action = :view OR attribute_not_exists(#action)',
      ExpressionAttributeNames: { '#action': 'action' },
      ExpressionAttributeValues: { ':pk': partition, ':view': 'view' },
      ScanIndexForward: false,
      Limit: limit,
    },
    { partition: { GSI1PK: partition }, nextToken },
    auditFrom,
  );
}
