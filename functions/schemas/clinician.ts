/**
 * One clinician, however staff happen to type the name: "Dr. Case X", "dr case x" and
 * "DR  CASE X" are the same person's diary. Compatibility forms are folded (NFKC: full-width
 * letters, ligatures, non-breaking spaces), case is dropped, punctuation removed and runs of
 * whitespace collapsed. The name as typed stays on each slot for display; this key is what
 * overlap checks, the clinician index and the `clinician` filter compare. The contract relies on it
 * too (a slot's clinician must have a non-empty key), so it sits with the schemas.
 */
export function clinicianKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\p{P}+/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
}
