import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { requireEnv } from '../config.ts';

let documentClient: DynamoDBDocumentClient | undefined;

/**
 * One document client per process (created on first use, so local mode and tests can set the
 * environment first). DYNAMODB_ENDPOINT points it at DynamoDB Local.
 */
export function db(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT || undefined, maxAttempts: 3 }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  return documentClient;
}

/** For tests that inject a mocked client (aws-sdk-client-mock mocks the class, so this is rarely needed). */
export function setDocumentClient(client: DynamoDBDocumentClient | undefined): void {
  documentClient = client;
}

let table: string | undefined;
export function tableName(): string {
  table ??= requireEnv('TABLE_NAME');
  return table;
}
