import { randomBytes } from 'node:crypto';

/** Short random ids (80 bits, base32 lower-case): unguessable, URL-safe. */
export interface IdSource {
  next(): string;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

export const randomIds: IdSource = {
  next() {
    const bytes = randomBytes(10);
    let bits = 0;
    let value = 0;
    let out = '';
    for (const byte of bytes) {
      value = (value << 8) | byte;
      bits += 8;
      while (bits >= 5) {
        out += ALPHABET[(value >>> (bits - 5)) & 31];
        bits -= 5;
      }
    }
    return out;
  },
};

/**
 * An id that sorts by an instant (to the millisecond) before its random part, so a partition of
 * appointments, medications or requests lists in time order. `timeOrderedId(at, '')` is the
 * boundary that splits such ids at `at`.
 */
export function timeOrderedId(at: Date, random: string): string {
  return `${at.toISOString().replace(/[-:.]/g, '')}-${random}`;
}
