import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { useUnitEnv } from './unit-env.ts';

/**
 * Captures what the code writes to stdout and stderr (log lines, EMF metrics) instead of printing
 * it, until `vi.restoreAllMocks()`. The array fills as the code writes.
 */
export function captureOutput(): string[] {
  const written: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  return written;
}

/**
 * For a suite that reads the error log lines of failing requests: the unit environment with
 * error logging on, each test's output captured, the mocks and the mocked table reset after each
 * test. Returns what the current test has written so far.
 */
export function useCapturedErrorLogs(table: { reset(): void }): () => string {
  let written: string[] = [];
  beforeAll(() => {
    useUnitEnv();
    process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  });
  afterAll(() => {
    process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  });
  beforeEach(() => {
    written = captureOutput();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    table.reset();
  });
  return () => written.join('');
}
