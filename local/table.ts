import {
  CreateTableCommand,
  ResourceInUseException,
  ScanCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { TABLE_DEFINITION } from '../functions/store/table-definition.ts';

/**
 * Creates the single table from the same definition the CDK stack uses (all key attributes are
 * strings, on-demand billing, each GSI's projection as defined), unless it already exists.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<'created' | 'existing'> {
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
  } catch (error) {
    if (error instanceof ResourceInUseException) return 'existing';
    throw error;
  }
  await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: tableName });
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: TABLE_DEFINITION.timeToLiveAttribute, Enabled: true },
    }),
  );
  return 'created';
}

export function createTableInput(tableName: string) {
  const { partitionKey, sortKey, globalSecondaryIndexes } = TABLE_DEFINITION;
  const keyNames = [partitionKey, sortKey, ...globalSecondaryIndexes.flatMap((i) => [i.partitionKey, i.sortKey])];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [...new Set(keyNames)].map((name) => ({ AttributeName: name, AttributeType: 'S' as const })),
    KeySchema: [
      { AttributeName: partitionKey, KeyType: 'HASH' as const },
      { AttributeName: sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: globalSecondaryIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: index.nonKeyAttributes
        ? { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...index.nonKeyAttributes] }
        : { ProjectionType: 'ALL' as const },
    })),
  };
}

/**
 * "Empty" for the demo seed means literally no item at all: a one-item Scan, so local mode needs
 * no knowledge of the key design (that stays in functions/store). A table anyone has written to,
 * seeded or not, is never seeded over.
 */
export async function isTableEmpty(client: DynamoDBClient, tableName: string): Promise<boolean> {
  const page = await client.send(
    new ScanCommand({
      TableName: tableName,
      Limit: 1,
      ProjectionExpression: '#pk',
      ExpressionAttributeNames: { '#pk': TABLE_DEFINITION.partitionKey },
    }),
  );
  return (page.Count ?? 0) === 0 && page.LastEvaluatedKey === undefined;
}
