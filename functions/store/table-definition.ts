/**
 * What a free-slot filter index copies from the slot: exactly the fields GET /slots answers with,
 * so an index entry stays a fraction of the slot item (one write unit, and reads that stay small).
 */
export const LISTED_SLOT_FIELDS = ['slotId', 'start', 'end', 'clinician', 'type', 'channel'] as const;

export type SlotFilter = 'type' | 'channel' | 'clinician';

export interface FreeSlotIndex {
  indexName: string;
  partitionKey: string;
  sortKey: string;
  /** The GET /slots filters whose values the partition key carries. */
  filters: readonly SlotFilter[];
  nonKeyAttributes: readonly string[];
}

const LETTER: Record<SlotFilter, string> = { type: 'T', channel: 'C', clinician: 'K' };

/**
 * `FreeByTypeClinician`, keyed by `FreeTKPK` and `FreeSK`: short attribute names, as every free
 * slot carries all seven.
 */
function freeSlotIndex(...filters: SlotFilter[]): FreeSlotIndex {
  const indexName = `FreeBy${filters.map((f) => f[0]!.toUpperCase() + f.slice(1)).join('')}`;
  return {
    indexName,
    partitionKey: `Free${filters.map((f) => LETTER[f]).join('')}PK`,
    sortKey: 'FreeSK',
    filters,
    nonKeyAttributes: LISTED_SLOT_FIELDS,
  };
}

/**
 * One sparse index per combination of GET /slots filters (type, channel, clinician). An item is in
 * them only while it has `FreeSK` (set while the slot is free, removed when it is booked or
 * withdrawn) and the index's partition key, which a slot bookable online gets when it is
 * published: the practice and the filter values (store/keys.ts `freeSlotsMatching`). A filtered
 * listing is then one Query that reads only the slots it returns. Each combination needs its own
 * index: one item sits in one partition of an index, and listing by start needs the start to lead
 * the sort key. Seven indexes (nine of DynamoDB's 20 per table with GSI1 and GSI2); each free slot
 * costs seven more index writes when it is published, booked, freed or withdrawn.
 */
export const FREE_SLOT_INDEXES: readonly FreeSlotIndex[] = [
  freeSlotIndex('type'),
  freeSlotIndex('channel'),
  freeSlotIndex('clinician'),
  freeSlotIndex('type', 'channel'),
  freeSlotIndex('type', 'clinician'),
  freeSlotIndex('channel', 'clinician'),
  freeSlotIndex('type', 'channel', 'clinician'),
];

/**
 * The single table's key schema, shared by the CDK stack (lib/) and local mode (bin/local.ts) so
 * the two can never drift. Every item has PK/SK; every GSI is sparse (an item appears in an index
 * only while it carries that index's key attributes). The two overloaded GSIs project everything;
 * an index with `nonKeyAttributes` projects only those.
 * See README "Single-table design" for what lives under which key.
 */
export const TABLE_DEFINITION = {
  partitionKey: 'PK',
  sortKey: 'SK',
  /** Epoch seconds; DynamoDB TTL removes expired idempotency records. */
  timeToLiveAttribute: 'expiresAt',
  globalSecondaryIndexes: [
    { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
    ...FREE_SLOT_INDEXES.map(({ indexName, partitionKey, sortKey, nonKeyAttributes }) => ({
      indexName,
      partitionKey,
      sortKey,
      nonKeyAttributes,
    })),
  ] as readonly { indexName: string; partitionKey: string; sortKey: string; nonKeyAttributes?: readonly string[] }[],
} as const;
