import type { Clock } from '../domain/clock.ts';
import { ProblemError, unavailable } from '../domain/errors.ts';
import { replayOf, type Completed, type IdempotencyClaim, type IdempotencyRecord } from '../domain/idempotency.ts';
import {
  IdempotencyRecordExists,
  idempotencyKey,
  idempotencyRecordFrom,
  type KeptAnswer,
} from '../store/idempotency.ts';
import { getItem } from '../store/dynamo.ts';
import { retryOnConflict } from '../store/transact.ts';

/** What a change decided: its answer, the status it answers with, and what to write. */
export interface Decision<T, W> {
  value: T;
  status: number;
  /** What `commit` writes. Absent: the answer needs no write at all, not even the key's record. */
  change?: W;
  /** The body kept under the key when it is not the answer itself (e.g. an answer holding a secret). */
  kept?: unknown;
}

/** A state-changing use case as three steps: read → decide (pure rules) → commit. */
export interface Change<C, T, W> {
  claim: IdempotencyClaim | undefined;
  clock: Clock;
  /**
   * The aggregate's read-context (store): one round trip, with the key's record (`idempotency`)
   * where it rides along; the guards of the request (registry entry, proxy grant) ride along too.
   */
  read: () => Promise<C & { idempotency?: IdempotencyRecord }>;
  /** The rules, on what was read. Refuses by throwing a ProblemError; nothing is written then. */
  decide: (context: C, now: Date) => Decision<T, NoInfer<W>>;
  /**
   * The aggregate's commit (store): one TransactWriteItems of the change and the kept answer, whose
   * item order and condition explanations the store owns.
   */
  commit: (change: W, kept: KeptAnswer | undefined) => Promise<void>;
}

/**
 * Runs a change under Idempotency-Key (idempotentWrite below): a live record read with the
 * context replays the first answer (or refuses another request under the same key) before any
 * rule runs; otherwise the decision is committed with the answer kept under the key.
 */
export function idempotentChange<C, T, W>({
  claim,
  clock,
  read,
  decide,
  commit,
}: Change<C, T, W>): Promise<Completed<T>> {
  return idempotentWrite(claim, clock, async () => {
    const now = clock.now();
    const context = await read();
    const replay = claim && replayOf<T>(context.idempotency, claim, now);
    if (replay) return replay;
    const decision = decide(context, now);
    if (decision.change !== undefined) {
      const body = 'kept' in decision ? decision.kept : (decision.value ?? null);
      await commit(decision.change, claim && { claim, status: decision.status, body, at: now });
    }
    return { value: decision.value, replayed: false, status: decision.status };
  });
}

/**
 * Runs a state-changing use case (any role) that honours Idempotency-Key. `attempt` reads,
 * decides and writes its effect in one transaction that carries the claim's record
 * (store/idempotency.ts `commitChange`, first), so the effect and the record commit together
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
