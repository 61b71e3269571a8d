import { PatientServices } from '../schemas/patients.ts';
import * as z from '../schemas/zod.ts';
import type { Item } from './dynamo.ts';
import { keys, type Key } from './keys.ts';
import { storedItem } from './stored-item.ts';

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

const parseGrant = /* @__PURE__ */ storedItem('proxy grant', (): z.ZodMiniType<GrantRecord> =>
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
