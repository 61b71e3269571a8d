import { ProblemError } from '../domain/errors.ts';
import { idempotencyClaim, type IdempotencyClaim } from '../domain/idempotency.ts';
import type { Caller, PatientSignIn } from '../schemas/identity.ts';
import type { ApiEvent } from './api-event.ts';

/** RFC 9110's safe methods: they change nothing, so there is nothing to make idempotent. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

/**
 * Whether a method creates or changes state, and so honours Idempotency-Key. Derived from the
 * method rather than declared per route, so a new write route cannot forget it.
 */
export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/**
 * The Idempotency-Key header (IETF httpapi draft) as a claim the use case writes in the same
 * transaction as its effect. Keys are scoped to the caller's whole identity (sub, role, practice,
 * NHS number), so no two callers share a key space; the fingerprint covers method, path,
 * Acting-For and body, so a reused key with another request is caught.
 */
export function readIdempotencyClaim(
  event: ApiEvent,
  caller: Caller | PatientSignIn,
  body: unknown,
): IdempotencyClaim | undefined {
  const key = event.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new ProblemError('validation-failed', 'Idempotency-Key must be 1..255 visible ASCII characters', [
      { path: 'Idempotency-Key', message: 'must be 1..255 visible ASCII characters' },
    ]);
  }
  return idempotencyClaim(caller, key, {
    method: event.requestContext.http.method,
    path: event.rawPath,
    actingFor: event.headers['acting-for'],
    body,
  });
}
