import type { PatientServices } from '../schemas/patients.ts';
import type { Item } from './dynamo.ts';
import { keys, type Key } from './keys.ts';

/**
 * A proxy grant as stored (store/proxies.ts reads and writes them): its key, the record an item
 * holds, and whether it is live. Apart from proxies.ts so the proxy guard (store/proxy-guard.ts),
 * which every read and transaction consults, can check a grant without importing them back.
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

export function grantFrom(item: Item | undefined): GrantRecord | undefined {
  if (!item || item.entity !== 'proxy-grant') return undefined;
  return {
    practice: String(item.practice),
    nhsNumber: String(item.nhsNumber),
    proxyNhsNumber: String(item.proxyNhsNumber),
    patientName: String(item.patientName),
    proxyName: String(item.proxyName),
    relationship: String(item.relationship),
    services: item.services as PatientServices,
    ...(typeof item.until === 'string' ? { until: item.until } : {}),
    grantedAt: String(item.grantedAt),
    updatedAt: String(item.updatedAt),
    version: Number(item.version ?? 0),
  };
}

/** Whether a grant still gives access on `today` (YYYY-MM-DD, practice time zone): it ends after `until`. */
export const grantIsLive = (grant: Pick<GrantRecord, 'until'>, today: string): boolean =>
  grant.until === undefined || grant.until >= today;
