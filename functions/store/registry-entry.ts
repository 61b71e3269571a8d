import { PracticeConfigSchema, type PracticeConfig } from '../schemas/practice-config.ts';
import * as z from '../schemas/zod.ts';
import type { Item } from './dynamo.ts';
import { storedItem } from './stored-item.ts';

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
  /**
   * The practice's `auditRetentionYears` setting, mirrored here by each settings change so that
   * every request has it with the entry it reads anyway (unset: audit entries are kept indefinitely).
   */
  auditRetentionYears?: number;
}

/** The practice of a registry entry: the configuration's fields and rules, the item's other attributes dropped. */
let storedPractice: z.ZodMiniType<PracticeConfig> | undefined;

/**
 * The entry's own attributes. Every entry was written with them; `auditRetentionYears` is there
 * only while the practice's setting is set.
 */
const parseBookkeeping = /* @__PURE__ */ storedItem(
  'practice registry',
  (): z.ZodMiniType<Omit<RegistryEntry, 'practice'>> =>
    z.object({
      source: z.enum(['config', 'admin']),
      version: z.number(),
      createdAt: z.string(),
      updatedAt: z.string(),
      auditRetentionYears: z.optional(z.number()),
    }),
);

/**
 * A registry entry. One whose practice breaks the configuration's rules (edited by hand in the
 * table, say) is not served, as a practice missing from the registry is not: refused, not a fault.
 * One whose own attributes do not fit is a fault (StoredItemError).
 */
export function entryFrom(item: Item | undefined): RegistryEntry | undefined {
  if (!item || item.entity !== 'practice') return undefined;
  storedPractice ??= z.object(z.built(PracticeConfigSchema).shape);
  const parsed = storedPractice.safeParse(item);
  if (!parsed.success) return undefined;
  return { practice: parsed.data, ...parseBookkeeping(item) };
}
