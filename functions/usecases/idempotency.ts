import type { Clock } from '../domain/clock.ts';
import { ProblemError } from '../domain/errors.ts';
import { replayOf, type Completed, type IdempotencyClaim } from '../domain/idempotency.ts';
import { idempotencyKey, idempotencyRecordFrom } from '../store/idempotency.ts';
import { getItem } from '../store/read.ts';
import { retryOnConflict, unavailable } from '../store/transact.ts';

/**
 * Runs a state-changing patient use case that honours Idempotency-Key. `attempt` reads (the
 * idempotency record included), decides and writes one transaction that carries the record.
 *
 * - A write conflict re-runs `attempt` from its read (retryOnConflict). If conflicts persist: with
 *   a key, the likeliest collider is the same request still in flight (409
 *   idempotency-in-progress); without one, it is plain contention (503, retry shortly).
 * - A BatchGetItem is not a snapshot: a twin request with the same key can commit between our read
 *   of its (absent) record and our read of what it took, so we would refuse what is really a
 *   retry. On a refusal, and only then, one more read of the record settles it: the twin's
 *   response is replayed.
 */
export async function idempotentWrite<T>(
  claim: IdempotencyClaim | undefined,
  clock: Clock,
  attempt: () => Promise<Completed<T>>,
): Promise<Completed<T>> {
  try {
    return await retryOnConflict(attempt, () =>
      claim
        ? new ProblemError('idempotency-in-progress', 'An identical request is still being processed; retry shortly')
        : unavailable(),
    );
  } catch (error) {
    const refusal = error instanceof ProblemError && error.status < 500 && !error.code.startsWith('idempotency-');
    if (!claim || !refusal) throw error;
    const record = idempotencyRecordFrom(await getItem(idempotencyKey(claim)!));
    const replay = replayOf<T>(record, claim, clock.now());
    if (replay) return replay;
    throw error;
  }
}
