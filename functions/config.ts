import { parsePracticeList, type PracticeConfig } from './domain/practices.ts';

/** Reads a required environment variable, failing with a message that names it. */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(`Environment variable ${name} is not set`);
  }
  return value;
}

let practices: ReadonlyMap<string, PracticeConfig> | undefined;

/** The practices this stack serves, keyed by ODS code (env PRACTICES, parsed once per process). */
export function servedPractices(): ReadonlyMap<string, PracticeConfig> {
  practices ??= new Map(parsePracticeList(requireEnv('PRACTICES')).map((p) => [p.ods, p]));
  return practices;
}

/** For tests and local mode, which set PRACTICES after import. */
export function resetConfigCache(): void {
  practices = undefined;
}
