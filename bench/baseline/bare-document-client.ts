import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

/**
 * The cold-init baseline: the least a function that talks to the table loads, a bare document
 * client, bundled exactly as the real functions are (lib/bundling.ts). Like the handlers
 * (functions/store/client.ts `db()`), it creates its client on first use, not at import: an eager
 * client here would put work into the baseline's import that the handlers' imports never do.
 */
let client: DynamoDBDocumentClient | undefined;

export const handler = async (event: { key: Record<string, string> }) => {
  client ??= DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const { Item } = await client.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: event.key }));
  return { statusCode: Item ? 200 : 404 };
};
