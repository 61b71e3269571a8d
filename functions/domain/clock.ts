/**
 * Time and ids are injected so every rule about "now" can be tested with a fixed clock.
 * Production uses the system clock; tests pass their own.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: string | Date): Clock {
  const instant = new Date(at);
  return { now: () => new Date(instant) };
}
