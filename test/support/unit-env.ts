import { afterEach, beforeAll, beforeEach } from 'vitest';
import type { PracticeConfig } from '../../functions/schemas/practice-config.ts';
import { useFixedPractices } from '../../functions/usecases/deps.ts';
import { useFixedClock, useSystemClock } from './clock.ts';
import { PRACTICES_JSON } from './events.ts';

/** The registry unit tests' handlers read (their table is mocked): the two demo practices, or these. */
export function useRegistry(practices: readonly PracticeConfig[] = JSON.parse(PRACTICES_JSON) as PracticeConfig[]) {
  useFixedPractices(practices);
}

/** Environment the handlers read, for unit tests (no network: DynamoDB is mocked). */
export function useUnitEnv(): void {
  useRegistry();
  process.env.TABLE_NAME = 'patient-online-test';
  process.env.AWS_REGION = 'eu-west-2';
  process.env.AWS_ACCESS_KEY_ID = 'test';
  process.env.AWS_SECRET_ACCESS_KEY = 'test';
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  // Page tokens are sealed with this key as local mode does (no Secrets Manager in unit tests).
  process.env.PAGE_TOKEN_KEY = 'unit-test-page-token-key';
}

/**
 * A describe block of handler tests on the mocked table at a fixed "now": the unit environment
 * once, a fresh mock and the clock at `now` before each test, the system clock again after.
 */
export function useMockedTableAt(table: { reset(): unknown }, now: string): void {
  beforeAll(useUnitEnv);
  beforeEach(() => {
    table.reset();
    useFixedClock(now);
  });
  afterEach(() => useSystemClock());
}
