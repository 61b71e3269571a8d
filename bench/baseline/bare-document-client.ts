import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The cold-init baseline: the least a function that talks to the table loads, a bare document
 * client, bundled exactly as the real functions are (lib/bundling.ts).
 */
export const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = () => Promise.resolve({ statusCode: 204 });
