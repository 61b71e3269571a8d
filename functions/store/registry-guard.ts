import { AsyncLocalStorage } from 'node:async_hooks';
import { ProblemError } from '../domain/errors.ts';
import type { PracticeConfig } from '../schemas/practice-config.ts';
import { keys, type Key } from './keys.ts';
import { getItem, type Item } from './dynamo.ts';
import { entryFrom } from './registry-entry.ts';

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
  key: Key;
  /** Whether a read has taken the entry along (or the guard read it itself). */
  claimed: boolean;
  entry: Promise<PracticeConfig | undefined>;
  /** Set once the entry has arrived: what practiceConfig answers synchronously. */
  arrived?: PracticeConfig | undefined;
  /** The practice's audit retention setting, carried on its entry (unset: none). */
  auditRetentionYears?: number | undefined;
  resolve: (item: Item | undefined) => void;
  reject: (error: unknown) => void;
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
  let resolve!: GuardState['resolve'];
  let reject!: GuardState['reject'];
  const arrived = new Promise<Item | undefined>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const state: GuardState = {
    ods,
    key: keys.practiceRegistry(ods),
    claimed: false,
    entry: arrived.then((item) => {
      const entry = entryFrom(item);
      state.arrived = entry?.practice;
      state.auditRetentionYears = entry?.auditRetentionYears;
      return state.arrived;
    }),
    resolve,
    reject,
  };
  return current.run(state, async () => {
    // Both outcomes are awaited from the start, so neither is ever an unhandled rejection.
    const settled = Promise.allSettled([state.entry, work()]);
    // The route's first reads are issued before any I/O completes; if none took the entry along
    // by the next turn of the event loop, read it now, still alongside the route's own work.
    await new Promise((next) => setImmediate(next));
    if (!state.claimed) {
      state.claimed = true;
      getItem(state.key).then(resolve, reject);
    }
    const [entry, answered] = await settled;
    if (entry.status === 'rejected') throw entry.reason;
    if (!entry.value) throw practiceNotServed(ods);
    if (answered.status === 'rejected') throw answered.reason;
    return answered.value;
  });
}

/** For store/read.ts getItems: the entry's key to add to this batch, once per request. */
export function registryRideAlong():
  { key: Key; deliver: (item: Item | undefined) => void; fail: (error: unknown) => void } | undefined {
  const state = current.getStore();
  if (!state || state.claimed) return undefined;
  state.claimed = true;
  return { key: state.key, deliver: state.resolve, fail: state.reject };
}

/**
 * The request's practice entry, when this request runs on one for `ods`: undefined when the
 * registry does not have it; `'outside'` when no guard covers `ods` (a rollup task, a test).
 */
export async function guardedPractice(ods: string): Promise<PracticeConfig | undefined | 'outside'> {
  const state = current.getStore();
  if (!state || state.ods !== ods) return 'outside';
  return state.entry;
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
