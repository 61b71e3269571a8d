import { afterAll } from 'vitest';
import { undocumentedResponses } from './recorded-responses.ts';

// Runs before every test file: quiet structured logs (tests assert on responses, not log lines).
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

// Every answer an integration suite received must be one the OpenAPI document describes.
afterAll(async () => {
  const failures = await undocumentedResponses();
  if (failures.length > 0) {
    throw new Error(`Answers the OpenAPI document does not describe:\n  ${failures.join('\n  ')}`);
  }
});
