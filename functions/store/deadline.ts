import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * How long one HTTP request may spend on DynamoDB in all: its sequential calls, conflict retries
 * and the SDK's own retries included. A request that has not finished by then answers 503
 * `unavailable`, so it ends within 5 s with 2 s to spare for the HTTP layer and an event loop
 * that is busy with other requests (a burst against a stalled database is exactly that). The API
 * functions' Lambda timeout sits a little above it (lib/service-function.ts), so a handler always
 * answers before Lambda would cut it off.
 */
export const REQUEST_DEADLINE_MS = 3_000;

/**
 * The monthly rollup's DynamoDB work stops two minutes before its 15-minute Lambda timeout
 * (lib/monthly-report.ts), leaving time to write the files of the practices done: a database
 * that stalls ends the run in a logged, retried failure rather than a timeout.
 */
export const ROLLUP_DEADLINE_MS = 13 * 60_000;

/** The deadline (epoch ms) of the work in progress, when someone set one. */
const deadlines = new AsyncLocalStorage<number>();

/**
 * Runs `work` with every DynamoDB call inside it aborted once `ms` have passed (an inner deadline
 * never extends an outer one). An aborted call fails with an AbortError, which the store turns
 * into 503 `unavailable`.
 */
export function withDeadline<T>(ms: number, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + ms;
  const outer = deadlines.getStore();
  return deadlines.run(outer === undefined ? deadline : Math.min(outer, deadline), work);
}

/** Why a call was aborted: its deadline had passed before it started. */
export class DeadlineExceededError extends Error {
  constructor() {
    super('the deadline for this work has passed');
    this.name = 'TimeoutError';
  }
}

/** The abort signal of the current deadline (if any), joined with the caller's own (if any). */
export function deadlineSignal(own: AbortSignal | undefined): AbortSignal | undefined {
  const deadline = deadlines.getStore();
  if (deadline === undefined) return own;
  const remaining = deadline - Date.now();
  const signal = remaining > 0 ? AbortSignal.timeout(remaining) : AbortSignal.abort(new DeadlineExceededError());
  return own ? AbortSignal.any([own, signal]) : signal;
}
