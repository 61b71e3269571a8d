import { ProblemError } from '../domain/errors.ts';
import { replayOf, type Completed, type IdempotencyClaim } from '../domain/idempotency.ts';
import { idempotencyKey, idempotencyRecordFrom } from '../store/idempotency.ts';
import { getItem } from '../store/read.ts';
import type { Clock } from '../domain/clock.ts';
import { unavailable, type WriteConflictError } from '../store/transact.ts';

/**
 * Runs an idempotent use case. A BatchGetItem is not a snapshot: a twin request with the same
 * key can commit between our read of its (absent) record and our read of the slot or item it
 * took, so we would refuse what is really a retry. On a refusal, and only then, one more read of
 * the record settles it: the twin's response is replayed.
 */
export async function runIdempotent<T>(
  claim: IdempotencyClaim | undefined,
  clock: Clock,
  run: () => Promise<Completed<T>>,
): Promise<Completed<T>> {
  try {
    return await run();
  } catch (error) {
    const refusal = error instanceof ProblemError && error.status < 500 && !error.code.startsWith('idempotency-');
    if (!claim || !refusal) throw error;
    const record = idempotencyRecordFrom(await getItem(idempotencyKey(claim)!));
    const replay = replayOf<T>(record, claim, clock.now());
    if (replay) return replay;
    throw error;
  }
}

/**
 * What a use case answers when its write kept colliding with concurrent ones: with an
 * Idempotency-Key, the likeliest collider is the same request still in flight (409
 * idempotency-in-progress); without one, it is plain contention (503, retry shortly).
 */
export const whenConflictsPersist =
  (claim: IdempotencyClaim | undefined) =>
  (_: WriteConflictError): ProblemError =>
    claim
      ? new ProblemError('idempotency-in-progress', 'An identical request is still being processed; retry shortly')
      : unavailable();
