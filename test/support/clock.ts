import { fixedClock } from '../../functions/domain/clock.ts';
import { useClock } from '../../functions/usecases/deps.ts';

/**
 * "Now" for the use cases a test reaches through handlers or local mode: an injected clock
 * (usecases/deps.ts), not faked timers, so only the code that asks the clock sees the test's time.
 */
export const useFixedClock = (at: string | Date): void => useClock(fixedClock(at));

/** Back to the system clock (in afterEach / afterAll). */
export const useSystemClock = (): void => useClock(undefined);
