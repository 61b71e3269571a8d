import { ProblemError } from '../domain/errors.ts';
import { replayOf, type Completed, type IdempotencyClaim } from '../domain/idempotency.ts';
import { idempotencyKey, idempotencyRecordFrom } from '../store/idempotency.ts';
import { getItem } from '../store/read.ts';
import type { Clock } from '../domain/clock.ts';

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
