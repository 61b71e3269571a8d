import { isValidNhsNumber } from '../../functions/schemas/common.ts';

/**
 * The n-th valid test NHS number in the 999 range (999xxxxxxx numbers are never issued to real
 * patients). Numbers whose check digit would be 10 are skipped, as the Modulus 11 rule requires.
 */
export function testNhsNumber(n: number): string {
  let found = -1;
  for (let body = 999_000_000; ; body++) {
    const digits = String(body);
    const sum = [...digits].reduce((acc, d, i) => acc + Number(d) * (10 - i), 0);
    const check = (11 - (sum % 11)) % 11;
    if (check === 10) continue;
    const candidate = `${digits}${check}`;
    if (isValidNhsNumber(candidate) && ++found === n) return candidate;
  }
}
