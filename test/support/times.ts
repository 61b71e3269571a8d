/** A whole-minute instant `days` from today at hh:mm UTC, by the real clock (ISO). */
export function at(days: number, hh: number, mm = 0): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  d.setUTCHours(hh, mm, 0, 0);
  return d.toISOString();
}

/** `iso` moved by `minutes` (ISO). */
export const plusMinutes = (iso: string, minutes: number): string =>
  new Date(Date.parse(iso) + minutes * 60_000).toISOString();
