import { PatientServices } from '../schemas/patients.ts';
import * as z from '../schemas/zod.ts';
import { tableName } from './client.ts';
import { keys, type Key } from './keys.ts';
import { getItem, queryAll, queryList, storedItem, type Item, type Page } from './read.ts';
import { WriteConflictError, type GuardedItem } from './transact.ts';

/**
 * Proxy grants: one item per (patient, proxy) in the patient's own partition, indexed by proxy
 * (GSI1) for "whom may I act for". A revoked grant is deleted (the staff audit keeps the history);
 * a grant past its `until` stays, and is simply not live.
 */
export interface GrantRecord {
  practice: string;
  /** The patient acted for. */
  nhsNumber: string;
  proxyNhsNumber: string;
  /** Copied from the profiles when granted, so lists need no read per grant. */
  patientName: string;
  proxyName: string;
  relationship: string;
  services: PatientServices;
  /** The last day of access (practice time zone), if it ends. */
  until?: string;
  grantedAt: string;
  updatedAt: string;
  version: number;
}

export const grantKey = (practice: string, nhsNumber: string, proxyNhsNumber: string): Key =>
  keys.proxyGrant(practice, nhsNumber, proxyNhsNumber);

const parseGrant = storedItem('proxy grant', (): z.ZodMiniType<GrantRecord> =>
  z.object({
    practice: z.string(),
    nhsNumber: z.string(),
    proxyNhsNumber: z.string(),
    patientName: z.string(),
    proxyName: z.string(),
    relationship: z.string(),
    services: PatientServices,
    until: z.optional(z.string()),
    grantedAt: z.string(),
    updatedAt: z.string(),
    version: z._default(z.number(), 0),
  }),
);

export function grantFrom(item: Item | undefined): GrantRecord | undefined {
  if (!item || item.entity !== 'proxy-grant') return undefined;
  return parseGrant(item);
}

/** Whether a grant still gives access on `today` (YYYY-MM-DD, practice time zone): it ends after `until`. */
export const grantIsLive = (grant: Pick<GrantRecord, 'until'>, today: string): boolean =>
  grant.until === undefined || grant.until >= today;

/** The grant between two patients: one GetItem (strongly consistent). */
export async function getGrant(practice: string, nhsNumber: string, proxyNhsNumber: string) {
  return grantFrom(await getItem(grantKey(practice, nhsNumber, proxyNhsNumber)));
}

/** Writes the whole grant, only at the version read (or still absent): a lost race re-reads and decides again. */
export function grantPutItem(grant: GrantRecord, readVersion: number | undefined): GuardedItem {
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: {
          ...grantKey(grant.practice, grant.nhsNumber, grant.proxyNhsNumber),
          entity: 'proxy-grant',
          GSI1PK: keys.proxyForPartition(grant.practice, grant.proxyNhsNumber),
          GSI1SK: grant.nhsNumber,
          ...grant,
        },
        ...(readVersion === undefined
          ? { ConditionExpression: 'attribute_not_exists(PK)' }
          : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': readVersion } }),
      },
    },
    onConditionFailed: () => new WriteConflictError(0),
  };
}

/** Ends a grant, only at the version read: a change racing the revocation is decided again. */
export function grantDeleteItem(grant: GrantRecord): GuardedItem {
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
export function profileUnchangedItem(practice: string, nhsNumber: string, version: number): GuardedItem {
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
  return items.flatMap((item) => (typeof item.nhsNumber === 'string' ? [item.nhsNumber] : []));
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
