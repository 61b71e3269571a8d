import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, generateApiTypes } from '../../web/api-types.ts';

describe('the web app API client', () => {
  it('uses types generated from docs/openapi.json as committed (run `npm run openapi` after changing a route)', async () => {
    const document = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8')) as object;
    expect(readFileSync(API_TYPES_FILE, 'utf8')).toBe(await generateApiTypes(document));
  });
});
