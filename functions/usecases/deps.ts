import { AsyncLocalStorage } from 'node:async_hooks';
import { systemClock, type Clock } from '../domain/clock.ts';
import { randomIds, type IdSource } from '../domain/ids.ts';
import type { PracticeConfig } from '../schemas/practice-config.ts';
import { allRegisteredPractices, getRegistryEntry } from '../store/registry.ts';
import { arrivedPractice, guardedPractice, practiceNotServed, withRegistryGuard } from '../store/registry-guard.ts';

/** What use cases take from outside besides the store: time and ids (tests inject fixed ones). */
export interface Deps {
  clock: Clock;
  ids: IdSource;
}

export const defaultDeps: Deps = { clock: systemClock, ids: randomIds };

/**
 * The practices the current request (or rollup task) has read from the registry. Scoped to that
 * one request, never kept between requests, so a registry change takes effect on the next one.
 */
const readPractices = new AsyncLocalStorage<ReadonlyMap<string, PracticeConfig>>();

/** Runs `work` with these practices' registry entries at hand (practiceConfig answers from them). */
export function withPractices<T>(practices: readonly PracticeConfig[], work: () => T): T {
  return readPractices.run(new Map(practices.map((p) => [p.ods, p])), work);
}

/**
 * Runs a request of a practice's caller on that practice's registry entry, read alongside the
 * route's own first read (store/registry-guard.ts); a practice the registry lacks answers 403.
 */
export async function runOnPractice<T>(ods: string, work: () => Promise<T>): Promise<T> {
  if (!fixedPractices) return withRegistryGuard(ods, work);
  const practice = fixedPractices.get(ods);
  if (!practice) throw practiceNotServed(ods);
  return withPractices([practice], work);
}

/**
 * A practice's configuration, for a use case: the request's registry entry (already there once the
 * use case's first read has answered: it rode along), or the practices a rollup task works on.
 */
export async function practiceOf(ods: string): Promise<PracticeConfig> {
  const known = (readPractices.getStore() ?? fixedPractices ?? practicesOutsideRequests)?.get(ods);
  if (known) return known;
  const guarded = await guardedPractice(ods);
  if (guarded === 'outside') throw new Error(`practice ${ods} was not read from the registry for this request`);
  if (!guarded) throw practiceNotServed(ods);
  return guarded;
}

/**
 * The same, synchronously, for code that runs after the use case's reads (templates, transaction
 * builders): the entry must have arrived (`await practiceOf` first where in doubt).
 */
export function practiceConfig(ods: string): PracticeConfig {
  const known = (readPractices.getStore() ?? fixedPractices ?? practicesOutsideRequests)?.get(ods);
  if (known) return known;
  const arrived = arrivedPractice(ods);
  if (arrived === 'outside') throw new Error(`practice ${ods} was not read from the registry for this request`);
  if (arrived === 'pending')
    throw new Error(`practice ${ods} is needed before its registry entry arrived: await practiceOf first`);
  if (!arrived) throw practiceNotServed(ods);
  return arrived;
}

/** Unit tests only (their table is mocked): the registry as a fixed list. Never set otherwise. */
let fixedPractices: ReadonlyMap<string, PracticeConfig> | undefined;

/** A practice's registry entry (one GetItem), undefined when the stack does not serve it. */
export async function servedPractice(ods: string): Promise<PracticeConfig | undefined> {
  if (fixedPractices) return fixedPractices.get(ods);
  return (await getRegistryEntry(ods))?.practice;
}

/** Tests only: what practiceConfig answers to a use case a test calls directly, outside any request. */
let practicesOutsideRequests: ReadonlyMap<string, PracticeConfig> | undefined;

/**
 * For tests that call use cases directly beside a running local mode: practiceConfig answers
 * these practices outside a request (requests still read the registry). Undefined: none.
 */
export function usePracticesOutsideRequests(practices: readonly PracticeConfig[] | undefined): void {
  practicesOutsideRequests = practices && new Map(practices.map((p) => [p.ods, p]));
}

/** Every practice in the registry, by ODS code. */
export async function registeredPractices(): Promise<PracticeConfig[]> {
  if (fixedPractices) return [...fixedPractices.values()];
  return allRegisteredPractices();
}

/**
 * For unit tests, whose DynamoDB is a mock: the registry answers from this list, also to use
 * cases called directly (outside a request). Undefined: the table's registry again.
 */
export function useFixedPractices(practices: readonly PracticeConfig[] | undefined): void {
  fixedPractices = practices && new Map(practices.map((p) => [p.ods, p]));
}

/**
 * For tests that reach use cases through a handler or local mode, which pass no deps of their
 * own: the clock those use cases take (e.g. `fixedClock(…)`). Undefined: the system clock again.
 */
export function useClock(clock: Clock | undefined): void {
  defaultDeps.clock = clock ?? systemClock;
}
