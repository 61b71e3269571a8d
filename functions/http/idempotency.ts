import { createHash } from 'node:crypto';
import { ProblemError } from '../domain/errors.ts';
import type { IdempotencyClaim } from '../domain/idempotency.ts';
import type { Caller } from '../schemas/identity.ts';
import type { ApiEvent } from './route-handler.ts';

export type { IdempotencyClaim };

/** JSON with sorted keys, so `{"a":1,"b":2}` and `{"b":2,"a":1}` are the same request. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The Idempotency-Key header (IETF httpapi draft) as a claim the use case writes in the same
 * transaction as its effect. Keys are scoped to the caller, so two patients can never collide;
 * the fingerprint covers method, path and body, so a reused key with another request is caught.
 */
export function readIdempotencyClaim(event: ApiEvent, caller: Caller, body: unknown): IdempotencyClaim | undefined {
  const key = event.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new ProblemError('validation-failed', 'Idempotency-Key must be 1..255 visible ASCII characters', [
      { path: 'Idempotency-Key', message: 'must be 1..255 visible ASCII characters' },
    ]);
  }
  const fingerprint = createHash('sha256')
    .update(`${event.requestContext.http.method} ${event.rawPath}\n${canonicalJson(body)}`)
    .digest('base64url');
  return { owner: caller.sub, key, fingerprint };
}
