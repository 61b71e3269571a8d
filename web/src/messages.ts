import type { ProblemCode } from './api/client.ts';
import { ApiProblem } from './api/client.ts';

/** What a person reads for each problem code: plain English, saying what to do next. */
const MESSAGES: Partial<Record<ProblemCode, string>> = {
  'slot-unavailable': 'Someone else has just booked this appointment. Choose another time.',
  'slot-not-found': 'This appointment is no longer available. Choose another time.',
  'slot-in-past': 'This appointment time has passed. Choose another time.',
  'outside-booking-horizon': 'You cannot book this far ahead yet. Choose an earlier time.',
  'too-many-appointments':
    'You already have the most appointments you can book online. Cancel one, or contact your GP surgery.',
  'cancellation-too-late': 'It is too late to cancel this appointment online. Contact your GP surgery.',
  'already-cancelled': 'This appointment has already been cancelled.',
  'slot-booked': 'This slot has just been booked, so it cannot be withdrawn. Cancel the appointment first.',
  'slot-overlap': 'The clinician already has a slot at this time. Choose another time.',
  'medication-not-found': 'One of these medicines is no longer on your repeat list. Choose again.',
  'medication-not-orderable': 'You cannot order one of these medicines yet. Choose again.',
  'invalid-transition': 'This request has already been dealt with, so it cannot be changed now.',
  'service-not-enabled': 'Your GP surgery has not turned on this service for you. Contact your GP surgery.',
  'not-found': 'We could not find this. It may have been removed.',
  unauthenticated: 'You have been signed out. Sign in again.',
  forbidden: 'You cannot use this part of the service.',
  'too-many-requests': 'There have been too many requests. Wait a minute, then try again.',
  unavailable: 'Sorry, there is a problem with the service. Try again later.',
  internal: 'Sorry, there is a problem with the service. Try again later.',
  'idempotency-in-progress': 'We are still dealing with your last request. Wait a moment, then check.',
};

export const GENERIC_MESSAGE = 'Sorry, there is a problem with the service. Try again later.';

/** The sentence to show for a failed call. */
export function messageFor(error: unknown): string {
  if (error instanceof ApiProblem && error.code) return MESSAGES[error.code] ?? error.problem.detail ?? GENERIC_MESSAGE;
  return GENERIC_MESSAGE;
}
