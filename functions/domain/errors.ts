/**
 * Domain code throws `ProblemError` with one of the API's error codes; the HTTP layer turns it
 * into problem+json in one place.
 */
import { STATUS_OF_CODE, type ErrorCode } from '../schemas/error-codes.ts';

/** One entry of a problem's `errors[]`: which input was wrong and why. */
export interface FieldError {
  path: string;
  message: string;
}

/** An expected failure with a contract code; its `detail` is safe to show to the caller. */
export class ProblemError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly errors?: FieldError[],
    /** Extra response headers, e.g. `Retry-After` on 503. */
    readonly headers?: Record<string, string>,
  ) {
    super(detail);
    this.name = 'ProblemError';
    this.status = STATUS_OF_CODE[code];
  }
}

/** 404: no patient with that NHS number is registered for online services at the caller's practice. */
export function patientNotFound(): ProblemError {
  return new ProblemError('not-found', 'No patient with that NHS number is registered for online services here');
}

/** 503 with Retry-After: throttling, an outage, or contention that outlasted our retries. */
export function unavailable(
  detail = 'The service is busy or briefly unavailable. Please retry shortly.',
): ProblemError {
  return new ProblemError('unavailable', detail, undefined, { 'retry-after': '1' });
}
