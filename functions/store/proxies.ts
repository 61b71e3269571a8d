import { tableName } from './client.ts';
import { grantFrom, grantKey, type GrantRecord } from './grant-record.ts';
import { keys } from './keys.ts';
import { versionedPut, type Item, type GuardedItem } from './dynamo.ts';
import { getItems, type Page, queryAll, queryList } from './read.ts';

import type { IdempotencyClaim } from '../domain/idempotency.ts';
import type { AuditRecord } from '../domain/record.ts';
import { putAuditItem } from './audit.ts';
import { commitChange, idempotencyKey, idempotencyRecordFrom, type KeptAnswer } from './idempotency.ts';
import { isLeavingOrLeft, patientFrom } from './patients.ts';
import { WriteConflictError } from './write-conflict.ts';

/**
 * Proxy grants: one item per (patient, proxy) in the patient's own partition, indexed by proxy
 * (GSI1) for "whom may I act for". A revoked grant is deleted (the staff audit keeps the history);
 * a grant past its `until` stays, and is simply not live.
 */

/** Writes the whole grant, only at the version read (or still absent): a lost race re-reads and decides again. */
function grantPutItem(grant: GrantRecord, readVersion: number | undefined): GuardedItem {
  return versionedPut(
    {
      ...grantKey(grant.practice, grant.nhsNumber, grant.proxyNhsNumber),
      entity: 'proxy-grant',
      GSI1PK: keys.proxyForPartition(grant.practice, grant.proxyNhsNumber),
      GSI1SK: grant.nhsNumber,
      ...grant,
    },
    readVersion ?? 'absent',
  );
}

/** Ends a grant, only at the version read: a change racing the revocation is decided again. */
function grantDeleteItem(grant: GrantRecord): GuardedItem {
  return {
    item: {
      Delete: {
        TableName: tableName(),
        Key: grantKey(grant.practice, grant.nhsNumber, grant.proxyNhsNumber),
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':v': grant.version },
      },
    },
    onConditionFailed: () => new WriteConflictError(0),
  };
}

/**
 * A profile must stay as read while a grant is written: the patient's (so a grant never exceeds
 * what was enabled when it was decided) and the proxy's (so a patient leaving in between is seen).
 */
function profileUnchangedItem(practice: string, nhsNumber: string, version: number): GuardedItem {
  return {
    item: {
      ConditionCheck: {
        TableName: tableName(),
        Key: keys.patient(practice, nhsNumber),
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':v': version },
      },
    },
    onConditionFailed: () => new WriteConflictError(0),
  };
}

/** Every grant of one patient (who may act for them): Query PATIENT#{ods}#{nhs} begins_with PROXY#. */
export async function queryGrantsFor(practice: string, nhsNumber: string): Promise<GrantRecord[]> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: {
      ':pk': keys.patientPartition(practice, nhsNumber),
      ':prefix': keys.proxyGrantPrefix,
    },
    ConsistentRead: true,
  });
  return items.flatMap((item) => grantFrom(item) ?? []);
}

/**
 * Whom a proxy may act for: Query GSI1 PROXYFOR#{ods}#{proxy} for the keys (an index lags its table
 * a moment), then the grants themselves and the patients' profiles in one consistent BatchGetItem
 * by the caller, so a revoked grant is never shown.
 */
export async function queryGrantKeysBy(practice: string, proxyNhsNumber: string): Promise<string[]> {
  const items = await queryAll({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.proxyForPartition(practice, proxyNhsNumber) },
  });
  return items.flatMap((item) => grantFrom(item)?.nhsNumber ?? []);
}

/** One page of a patient's grants, by proxy NHS number: Query PATIENT#{ods}#{nhs} begins_with PROXY#. */
export async function queryGrantsPage(
  practice: string,
  nhsNumber: string,
  limit: number,
  nextToken: string | undefined,
): Promise<Page<GrantRecord>> {
  const PK = keys.patientPartition(practice, nhsNumber);
  return queryList(
    {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': PK, ':prefix': keys.proxyGrantPrefix },
      ConsistentRead: true,
      Limit: limit,
    },
    { partition: { PK }, nextToken },
    grantFrom,
  );
}

// ── Read-context and commits ──────────────────────────────────────────────────────────────────

/** A profile that can take part in a grant: registered here and not leaving or left. */
export const registeredPatientFrom = (item: Item | undefined) =>
  item !== undefined && !isLeavingOrLeft(item) ? patientFrom(item) : undefined;

/**
 * What a change of a grant is decided on, in ONE BatchGetItem: the grant, the key's record and,
 * for a grant given or changed, both profiles (each only if it can take part in a grant).
 */
export async function readGrantContext(
  practice: string,
  nhsNumber: string,
  proxyNhsNumber: string,
  claim: IdempotencyClaim | undefined,
  withProfiles: boolean,
) {
  const [grantItem, idemItem, patientItem, proxyItem] = await getItems([
    grantKey(practice, nhsNumber, proxyNhsNumber),
    idempotencyKey(claim),
    ...(withProfiles ? [keys.patient(practice, nhsNumber), keys.patient(practice, proxyNhsNumber)] : []),
  ]);
  return {
    grant: grantFrom(grantItem),
    patient: registeredPatientFrom(patientItem),
    proxy: registeredPatientFrom(proxyItem),
    idempotency: idempotencyRecordFrom(idemItem),
  };
}

/**
 * A grant given or changed, in one TransactWriteItems with the kept answer: the grant at the
 * version read, both profiles unchanged since read (so a grant never exceeds what was enabled when
 * it was decided, and a patient leaving meanwhile is seen), and the staff audit entry.
 */
export async function commitGrant(
  change: {
    grant: GrantRecord;
    readVersion: number | undefined;
    profileVersions: [number, number];
    audit: AuditRecord;
  },
  kept: KeptAnswer | undefined,
): Promise<void> {
  const { grant } = change;
  await commitChange(kept, [
    grantPutItem(grant, change.readVersion),
    profileUnchangedItem(grant.practice, grant.nhsNumber, change.profileVersions[0]),
    profileUnchangedItem(grant.practice, grant.proxyNhsNumber, change.profileVersions[1]),
    putAuditItem(grant.practice, change.audit),
  ]);
}

/**
 * A grant ended at the version read, with its audit entry; `end` absent (nothing to end): only the
 * kept answer. One TransactWriteItems, none when there is nothing to write.
 */
export async function commitGrantEnd(
  change: { end?: { grant: GrantRecord; audit: AuditRecord } },
  kept: KeptAnswer | undefined,
): Promise<void> {
  const { end } = change;
  await commitChange(kept, end ? [grantDeleteItem(end.grant), putAuditItem(end.grant.practice, end.audit)] : []);
}
