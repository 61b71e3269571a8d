import type { Clock } from '../domain/clock.ts';
import { ProblemError } from '../domain/errors.ts';
import { replayOf, type Completed, type IdempotencyClaim } from '../domain/idempotency.ts';
import { IdempotencyRecordExists, idempotencyKey, idempotencyRecordFrom } from '../store/idempotency.ts';
import { getItem } from '../store/read.ts';
import { retryOnConflict, unavailable } from '../store/transact.ts';

/**
 * Runs a state-changing use case (any role) that honours Idempotency-Key. `attempt` reads,
 * decides and writes its effect in one transaction that carries the claim's record
 * (store/idempotency.ts `idempotencyItem`, first), so the effect and the record commit together
 * or not at all, and a retry after a lost response, a timeout or any 5xx has the effect once.
 *
 * - The record already there (the transaction's first condition failed): the first response is
 *   replayed, or 422 idempotency-key-reuse when it was another request.
 * - A write conflict re-runs `attempt` from its read (retryOnConflict). If conflicts persist: with
 *   a key, the likeliest collider is the same request still in flight (409
 *   idempotency-in-progress); without one, it is plain contention (503, retry shortly).
 * - A refusal (4xx) may be the effect of this very request, already committed: a retried staff
 *   cancel finds the appointment cancelled, a retried approval finds the request approved, and a
 *   BatchGetItem is not a snapshot, so a twin can commit between our reads. On a refusal, and
 *   only then, one read of the record settles it: the first response is replayed. Otherwise the
 *   refusal stands and nothing is stored, so the request can be corrected under the same key.
 */
export async function idempotentWrite<T>(
  claim: IdempotencyClaim | undefined,
  clock: Clock,
  attempt: () => Promise<Completed<T>>,
): Promise<Completed<T>> {
  const attemptOrReplay = async (): Promise<Completed<T>> => {
    try {
      return await attempt();
    } catch (error) {
      if (!claim || !(error instanceof IdempotencyRecordExists)) throw error;
      const record = error.record ?? idempotencyRecordFrom(await getItem(idempotencyKey(claim)!));
      // No live record only if it expired in the instant since: a conflict, and the next attempt overwrites it.
      const replay = replayOf<T>(record, claim, clock.now());
      if (replay) return replay;
      throw error;
    }
  };
  try {
    return await retryOnConflict(attemptOrReplay, () =>
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
