import { servedPractices } from '../config.ts';
import { systemClock, type Clock } from '../domain/clock.ts';
import { randomIds, type IdSource } from '../domain/ids.ts';
import type { PracticeConfig } from '../domain/practices.ts';

/** What use cases take from outside besides the store: time and ids (tests inject fixed ones). */
export interface Deps {
  clock: Clock;
  ids: IdSource;
}

export const defaultDeps: Deps = { clock: systemClock, ids: randomIds };

/** The served practice's configuration (the caller's practice was checked at authentication). */
export function practiceConfig(ods: string): PracticeConfig {
  const practice = servedPractices().get(ods);
  if (!practice) throw new Error(`practice ${ods} is not configured`);
  return practice;
}
