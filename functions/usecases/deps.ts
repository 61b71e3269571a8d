import { AsyncLocalStorage } from 'node:async_hooks';
import { systemClock, type Clock } from '../domain/clock.ts';
import { randomIds, type IdSource } from '../domain/ids.ts';
import type { PracticeConfig } from '../domain/practices.ts';
import { allRegisteredPractices, getRegistryEntry } from '../store/registry.ts';

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
 * The configuration of a practice this request read from the registry: the caller's practice,
 * read when the request was authenticated, or the practices a rollup task works on.
 */
export function practiceConfig(ods: string): PracticeConfig {
  const practice = (readPractices.getStore() ?? fixedPractices ?? practicesOutsideRequests)?.get(ods);
  if (!practice) throw new Error(`practice ${ods} was not read from the registry for this request`);
  return practice;
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
