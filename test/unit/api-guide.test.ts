import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STATUS_OF_CODE } from '../../functions/schemas/error-codes.ts';
import { ROUTES } from '../../functions/routes.ts';

const GUIDE_URL = new URL('../../docs/api-guide.md', import.meta.url);
const guide = readFileSync(GUIDE_URL, 'utf8');

describe('docs/api-guide.md', () => {
  it('gives every route of the route table its own entry', () => {
    const missing = ROUTES.map((r) => `${r.method} ${r.path}`).filter((key) => !guide.includes(`**\`${key}\`**`));
    expect(missing).toEqual([]);
  });

  it('explains every problem code with the status it answers', () => {
    const missing = Object.entries(STATUS_OF_CODE)
      .filter(([code, status]) => !new RegExp(`^\\| \`${code}\` \\| ${status} \\| \\S`, 'm').test(guide))
      .map(([code, status]) => `${code} (${status})`);
    expect(missing).toEqual([]);
  });

  it('names no route the route table does not have', () => {
    const known = new Set(ROUTES.map((r) => `${r.method} ${r.path}`));
    const named = [...guide.matchAll(/\*\*`((?:GET|POST|PUT|PATCH|DELETE) [^`]+)`\*\*/g)].map((m) => m[1]!);
    expect(named.filter((key) => !known.has(key))).toEqual([]);
  });

  it('links only to files in the repository', () => {
    const links = [...guide.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]!);
    for (const link of links) {
      if (link.startsWith('#')) continue;
      expect(link, 'a link outside the repository').not.toMatch(/^[a-z]+:/i);
      expect(existsSync(new URL(link, GUIDE_URL)), link).toBe(true);
    }
  });
});
