import { PracticeConfigSchema, type PracticeConfig } from '../schemas/practice-config.ts';
import type { Item } from './dynamo.ts';

/**
 * A practice's registry entry as stored (store/registry.ts reads and writes them). Apart from
 * registry.ts so the registry guard (store/registry-guard.ts), which every read and transaction
 * consults, can read an entry without importing them back.
 */
export interface RegistryEntry {
  practice: PracticeConfig;
  /** Who last wrote it: the deploy configuration's seed, or an admin. */
  source: 'config' | 'admin';
  version: number;
  createdAt: string;
  updatedAt: string;
}

const FIELDS = ['ods', 'name', 'timeZone', 'regionCode', 'regionName', 'subIcbCode', 'subIcbName'] as const;

export function entryFrom(item: Item | undefined): RegistryEntry | undefined {
  if (!item || item.entity !== 'practice') return undefined;
  const raw = Object.fromEntries(FIELDS.filter((f) => item[f] !== undefined).map((f) => [f, item[f]]));
  const parsed = PracticeConfigSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  return {
    practice: parsed.data,
    source: item.source === 'admin' ? 'admin' : 'config',
    version: Number(item.version ?? 1),
    createdAt: String(item.createdAt),
    updatedAt: String(item.updatedAt),
  };
}
