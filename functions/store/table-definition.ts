/**
 * The single table's key schema, shared by the CDK stack (lib/) and local mode (bin/local.ts) so
 * the two can never drift. Every item has PK/SK; the two overloaded GSIs are sparse (an item
 * appears in an index only while it carries that index's key attributes).
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
  ],
} as const;
