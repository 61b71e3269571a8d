import { AsyncLocalStorage } from 'node:async_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { requireEnv } from '../config.ts';
import { traceClient } from '../observability/tracer.ts';
import { deadlineSignal } from './deadline.ts';

type SendOptions = { abortSignal?: AbortSignal } & Record<string, unknown>;

/**
 * Each attempt: 1 s to connect, 2 s for the whole request — waiting for a free socket of the
 * pool included, so a burst queued behind a stalled database times out too. DynamoDB answers in
 * milliseconds, so this only ever cuts off a lost connection or a stalled database, while a
 * merely busy one (DynamoDB Local on a loaded laptop) still gets its answer in. Three attempts;
 * an HTTP request's deadline (store/deadline.ts) cuts them short.
 */
export const DYNAMODB_TIMEOUTS = {
  connectionTimeout: 1_000,
  requestTimeout: 2_000,
  throwOnRequestTimeout: true,
};
export const DYNAMODB_MAX_ATTEMPTS = 3;

let documentClient: DynamoDBDocumentClient | undefined;

/** Work that runs with a client of its own (withDocumentClient). */
const ownClient = new AsyncLocalStorage<DynamoDBDocumentClient>();

/**
 * Runs `work` (and everything it awaits) with its own document client: local mode's in-process
 * notification sender, so that its sweeps neither share the requests' socket pool nor count as
 * their commands, as they would not deployed (where the sender is a function of its own).
 */
export function withDocumentClient<T>(client: DynamoDBDocumentClient, work: () => Promise<T>): Promise<T> {
  return ownClient.run(client, work);
}

/**
 * One document client per process (created on first use, so local mode and tests can set the
 * environment first). DYNAMODB_ENDPOINT points it at DynamoDB Local. Every call it sends carries
 * the current deadline's abort signal: this is the one place that happens, so no store function
 * can forget it.
 */
export function db(): DynamoDBDocumentClient {
  const own = ownClient.getStore();
  if (own) return own;
  documentClient ??= createDocumentClient();
  return documentClient;
}

/** A document client as db() makes it: timeouts, retries, the request deadline on every call. */
export function createDocumentClient(): DynamoDBDocumentClient {
  const client = DynamoDBDocumentClient.from(
    // Traced once the Tracer is loaded (inside Lambda): one subsegment per call, named by the operation.
    traceClient(
      new DynamoDBClient({
        endpoint: process.env.DYNAMODB_ENDPOINT || undefined,
        maxAttempts: DYNAMODB_MAX_ATTEMPTS,
        requestHandler: DYNAMODB_TIMEOUTS,
      }),
    ),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  // Looked up on each call (not bound once), so a test's mock of the prototype still applies.
  const bounded = (command: unknown, options?: SendOptions) =>
    (DynamoDBDocumentClient.prototype.send as (command: unknown, options?: SendOptions) => Promise<unknown>).call(
      client,
      command,
      { ...options, abortSignal: deadlineSignal(options?.abortSignal) },
    );
  client.send = bounded as DynamoDBDocumentClient['send'];
  return client;
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
