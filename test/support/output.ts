import { vi } from 'vitest';

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
