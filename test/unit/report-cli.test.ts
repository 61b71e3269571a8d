import { describe, expect, it } from 'vitest';
import { parseOptions } from '../../bin/rollup.ts';

describe('npm run rollup -- …', () => {
  it('takes the month, practices, --verify, --json and --out', () => {
    expect(
      parseOptions([
        '--month',
        '2026-11',
        '--practice',
        'a99001',
        '--practice=A99002',
        '--verify',
        '--json',
        '--out',
        'dist',
      ]),
    ).toEqual({
      month: '2026-11',
      practices: ['A99001', 'A99002'],
      verify: true,
      html: undefined,
      out: 'dist',
      json: true,
    });
  });

  it('takes --html with or without a file', () => {
    expect(parseOptions(['--month', '2026-11', '--html']).html).toEqual({});
    expect(parseOptions(['--month', '2026-11', '--html', '--verify']).html).toEqual({});
    expect(parseOptions(['--month', '2026-11', '--html', 'page.html', '--verify'])).toMatchObject({
      html: { file: 'page.html' },
      verify: true,
    });
    expect(parseOptions(['--month=2026-11', '--html=out/page.html']).html).toEqual({ file: 'out/page.html' });
  });

  it('refuses a missing or malformed month and unknown arguments', () => {
    expect(() => parseOptions([])).toThrow('--month YYYY-MM is required');
    expect(() => parseOptions(['--month', '2026-13'])).toThrow('--month must be YYYY-MM');
    expect(() => parseOptions(['--month', '2026-11', '--frobnicate'])).toThrow('unknown argument --frobnicate');
    expect(() => parseOptions(['--month'])).toThrow('--month needs a value');
  });
});
