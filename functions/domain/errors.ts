/**
 * The API's stable error codes and the one status each maps to.
 * Domain code throws `ProblemError`; the HTTP layer turns it into problem+json in one place.
 */
export const STATUS_OF_CODE = {
  'invalid-json': 400,
  'validation-failed': 400,
  unauthenticated: 401,
  forbidden: 403,
  'service-not-enabled': 403,
  'not-found': 404,
  'method-not-allowed': 405,
  'slot-unavailable': 409,
  'already-cancelled': 409,
  'slot-booked': 409,
  'slot-overlap': 409,
  'invalid-transition': 409,
  'idempotency-in-progress': 409,
  'already-linked': 409,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'request-header-fields-too-large': 431,
  'slot-not-found': 422,
  'slot-in-past': 422,
  'outside-booking-horizon': 422,
  'too-many-appointments': 422,
  'cancellation-too-late': 422,
  'medication-not-found': 422,
  'medication-not-orderable': 422,
  'idempotency-key-reuse': 422,
  'linkage-failed': 422,
  'linkage-locked': 423,
  'too-many-requests': 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof STATUS_OF_CODE;

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

/** 503 with Retry-After: throttling, an outage, or contention that outlasted our retries. */
export function unavailable(
  detail = 'The service is busy or briefly unavailable. Please retry shortly.',
): ProblemError {
  return new ProblemError('unavailable', detail, undefined, { 'retry-after': '1' });
}
