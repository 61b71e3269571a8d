import { AsyncLocalStorage } from 'node:async_hooks';
import { ProblemError } from '../domain/errors.ts';
import type { PracticeConfig } from '../schemas/practice-config.ts';
import { keys } from './keys.ts';
import { entryFrom } from './registry-entry.ts';
import { RideAlong, type Rider } from './request-guard.ts';

/**
 * Every request of a practice's caller runs on that practice's registry entry, read afresh (no
 * cache, so an admin's change takes effect on the next request) but never in front of the route's
 * own work: like a proxy's grant (store/proxy-guard.ts), the entry rides along with the first
 * BatchGetItem the route makes, or, for a route that makes none, is read by one GetItem alongside.
 * A use case asks for it with `await practiceOf(ods)` after its first read, when it is already
 * there; every transaction waits for it first, so nothing is written for a practice the registry
 * does not have.
 */
interface GuardState {
  ods: string;
  entry: RideAlong<PracticeConfig | undefined>;
  /** Set once the entry has arrived: what practiceConfig answers synchronously. */
  arrived?: PracticeConfig | undefined;
  /** The practice's audit retention setting, carried on its entry (unset: none). */
  auditRetentionYears?: number | undefined;
}

const current = new AsyncLocalStorage<GuardState>();

/** 403: the registry does not have the caller's practice. */
export const practiceNotServed = (ods: string) =>
  new ProblemError('forbidden', `Practice ${ods} is not served by this service`);

/**
 * Runs a request's work on the caller's practice's registry entry (see above). The answer waits
 * for the entry, and a practice the registry lacks outranks whatever the route answered.
 */
export async function withRegistryGuard<T>(ods: string, work: () => Promise<T>): Promise<T> {
  const state: GuardState = {
    ods,
    entry: new RideAlong(keys.practiceRegistry(ods), (item) => {
      const entry = entryFrom(item);
      state.arrived = entry?.practice;
      state.auditRetentionYears = entry?.auditRetentionYears;
      return state.arrived;
    }),
  };
  return current.run(state, () =>
    state.entry.guard(work(), (entry) => {
      if (!entry) throw practiceNotServed(ods);
    }),
  );
}

/** For store/read.ts getItems: the entry's key to add to this batch, once per request. */
export function registryRideAlong(): Rider | undefined {
  return current.getStore()?.entry.take();
}

/**
 * The request's practice entry, when this request runs on one for `ods`: undefined when the
 * registry does not have it; `'outside'` when no guard covers `ods` (a rollup task, a test).
 */
export async function guardedPractice(ods: string): Promise<PracticeConfig | undefined | 'outside'> {
  const state = current.getStore();
  if (!state || state.ods !== ods) return 'outside';
  return state.entry.value;
}

/** The entry, if it has arrived in this request (synchronous; `'outside'` as above). */
export function arrivedPractice(ods: string): PracticeConfig | undefined | 'outside' | 'pending' {
  const state = current.getStore();
  if (!state || state.ods !== ods) return 'outside';
  return 'arrived' in state ? state.arrived : 'pending';
}

/** The audit retention of the practice this request runs on, once its entry has arrived (unset: none). */
export function guardedAuditRetention(ods: string): number | undefined {
  const state = current.getStore();
  return state?.ods === ods ? state.auditRetentionYears : undefined;
}

/** The practice this request runs on, if any (what transactions wait for before writing). */
export function guardedOds(): string | undefined {
  return current.getStore()?.ods;
}
