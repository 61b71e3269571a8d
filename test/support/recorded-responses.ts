import type { RecordedResponse } from './openapi-responses.ts';

/**
 * Every answer the integration suites received through `TestApi.request` in this test file. The
 * setup file checks them all against the OpenAPI document once the file's tests are done.
 */
export const recordedResponses: RecordedResponse[] = [];

/** Each answer that the document does not describe, with why; empty when it describes them all. */
export async function undocumentedResponses(): Promise<string[]> {
  if (recordedResponses.length === 0) return [];
  const [{ createResponseValidator }, { buildOpenApi }, { ROUTES }] = await Promise.all([
    import('./openapi-responses.ts'),
    import('../../functions/http/openapi.ts'),
    import('../../functions/routes.ts'),
  ]);
  // Local mode serves the local document (with /dev/token); it is the deployed one plus that route.
  const document = JSON.parse(JSON.stringify(buildOpenApi(ROUTES, { includeLocalOnly: true }))) as Record<
    string,
    unknown
  >;
  const validator = createResponseValidator(document);
  const seen = new Set<string>();
  const failures: string[] = [];
  for (const response of recordedResponses.splice(0)) {
    const problems = validator.check(response);
    const key = `${response.method} ${response.target.split('?', 1)[0]} → ${response.status}: ${problems.join('; ')}`;
    if (problems.length > 0 && !seen.has(key)) {
      seen.add(key);
      failures.push(key);
    }
  }
  return failures;
}
