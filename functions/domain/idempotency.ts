import { ProblemError } from './errors.ts';

/** A request that asked to be idempotent: who, which key, and what exactly was asked. */
export interface IdempotencyClaim {
  owner: string;
  key: string;
  fingerprint: string;
}

/** What is kept for 24 h after the first success, written in the effect's own transaction. */
export interface IdempotencyRecord {
  fingerprint: string;
  status: number;
  /** The first response's body, replayed verbatim. */
  body: unknown;
  expiresAt: number;
}

export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

/** The outcome of an idempotent use case: a fresh result, or the first one replayed. */
export interface Completed<T> {
  value: T;
  replayed: boolean;
}

/**
 * Decides what an earlier record means for this request: replay it (same request), or refuse
 * (same key, different request). Undefined: no live record, go ahead.
 */
export function replayOf<T>(
  record: IdempotencyRecord | undefined,
  claim: IdempotencyClaim,
  now: Date,
): Completed<T> | undefined {
  if (!record || record.expiresAt * 1000 <= now.getTime()) return undefined;
  if (record.fingerprint !== claim.fingerprint) {
    throw new ProblemError(
      'idempotency-key-reuse',
      'This Idempotency-Key was already used for a different request; use a new key for a new request',
    );
  }
  return { value: record.body as T, replayed: true };
}
