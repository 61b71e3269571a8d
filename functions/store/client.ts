import { AsyncLocalStorage } from 'node:async_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { requireEnv } from '../config.ts';

/**
 * How long one HTTP request may spend on DynamoDB in all, its sequential calls, conflict retries
 * and the SDK's own retries included. A request that has not finished by then answers 503
 * `unavailable`, so with the HTTP layer's own overhead it always ends within 5 s. The API
 * functions' Lambda timeout sits a little above it (lib/service-function.ts), so a handler always
 * answers before Lambda would cut it off.
 */
export const REQUEST_DEADLINE_MS = 4_000;

/**
 * Each attempt: 1 s to connect, 1.5 s for the whole request — waiting for a free socket of the
 * pool included, so a burst queued behind a stalled database times out too. Three attempts fit
 * DynamoDB's usual latency (milliseconds) many times over; the deadline above cuts them short.
 */
export const DYNAMODB_TIMEOUTS = {
  connectionTimeout: 1_000,
  requestTimeout: 1_500,
  throwOnRequestTimeout: true,
};
export const DYNAMODB_MAX_ATTEMPTS = 3;

/** The deadline (epoch ms) of the work in progress, when someone set one. */
const deadlines = new AsyncLocalStorage<number>();

/**
 * Runs `work` with every DynamoDB call inside it aborted once `ms` have passed (an inner deadline
 * never extends an outer one). An aborted call fails with an AbortError, which the store turns into
 * 503 `unavailable`.
 */
export function withDeadline<T>(ms: number, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + ms;
  const outer = deadlines.getStore();
  return deadlines.run(outer === undefined ? deadline : Math.min(outer, deadline), work);
}

/** Why a call was aborted: its deadline had passed (also the reason of an already-aborted signal). */
export class DeadlineExceededError extends Error {
  constructor() {
    super('the deadline for this work has passed');
    this.name = 'TimeoutError';
  }
}

/** The abort signal of the current deadline, joined with the caller's own if it gave one. */
function deadlineSignal(own: AbortSignal | undefined): AbortSignal | undefined {
  const deadline = deadlines.getStore();
  if (deadline === undefined) return own;
  const remaining = deadline - Date.now();
  const signal = remaining > 0 ? AbortSignal.timeout(remaining) : AbortSignal.abort(new DeadlineExceededError());
  return own ? AbortSignal.any([own, signal]) : signal;
}

type SendOptions = { abortSignal?: AbortSignal } & Record<string, unknown>;

let documentClient: DynamoDBDocumentClient | undefined;

/**
 * One document client per process (created on first use, so local mode and tests can set the
 * environment first). DYNAMODB_ENDPOINT points it at DynamoDB Local. Every call it sends carries
 * the current deadline's abort signal: this is the one place that happens, so no store function
 * can forget it.
 */
export function db(): DynamoDBDocumentClient {
  if (documentClient) return documentClient;
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: process.env.DYNAMODB_ENDPOINT || undefined,
      maxAttempts: DYNAMODB_MAX_ATTEMPTS,
      requestHandler: DYNAMODB_TIMEOUTS,
    }),
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
  documentClient = client;
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
