import { describe, expect, it } from 'vitest';
import { isValidNhsNumber } from '../../functions/schemas/common.ts';

describe('NHS number Modulus 11 check', () => {
  it.each(['9990000018', '9990000026', '9990000034', '9990000042', '9990000050', '9434765919'])('accepts %s', (n) => {
    expect(isValidNhsNumber(n)).toBe(true);
  });

  it.each([
    ['wrong check digit', '9990000019'],
    ['nine digits', '999000001'],
    ['eleven digits', '99900000180'],
    ['letters', '99900000AB'],
    ['spaces', '999 000 0018'],
    ['check digit would be 10', '9990000000'],
    ...Array.from({ length: 10 }, (_, d) => [
      `all ${d}s (every repeated digit passes Modulus 11)`,
      String(d).repeat(10),
    ]),
  ])('rejects %s', (_why, n) => {
    expect(isValidNhsNumber(n)).toBe(false);
  });
});
