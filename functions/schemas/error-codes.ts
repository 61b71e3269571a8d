/**
 * The API's stable error codes and the one status each maps to: the `code` of every problem
 * document (schemas/common.ts Problem) and of every `ProblemError` (domain/errors.ts).
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
