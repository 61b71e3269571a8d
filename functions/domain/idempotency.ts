import { createHash } from 'node:crypto';
import { ProblemError } from './errors.ts';

/** A request that asked to be idempotent: whose key space, which key, and what exactly was asked. */
export interface IdempotencyClaim {
  /** `idempotencyOwner` of the caller: a hash of their whole identity. */
  owner: string;
  key: string;
  /** `requestFingerprint` of the request. */
  fingerprint: string;
}

/** What is kept for 24 h after the first success, written in the effect's own transaction. */
export interface IdempotencyRecord {
  fingerprint: string;
  status: number;
  /** The first response's body, replayed verbatim. */
  body: unknown;
  expiresAt: number;
}

export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

/** The outcome of an idempotent use case: a fresh result, or the first one replayed. */
export interface Completed<T> {
  value: T;
  replayed: boolean;
  /** The status the first response had, for a write whose status depends on its outcome (201 or 200). */
  status?: number;
}

/**
 * Everything a token says about who is calling. Parts a role does not have (a staff member's NHS
 * number, an operator's practice) are absent, so any role, present or future, fits.
 */
export interface CallerIdentity {
  sub: string;
  role: string;
  practice?: string;
  nhsNumber?: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/**
 * The key space of a caller: every part of the identity, as a JSON array (so no part can spill
 * into the next: `["a#b","c"]` is not `["a","b#c"]`), hashed to a fixed length. Two identities
 * that share a `sub` (a staff member and a patient, or one sign-in at two practices) never share
 * keys, and the stored key reveals neither the NHS number nor the sign-in.
 */
export function idempotencyOwner(caller: CallerIdentity): string {
  return sha256(JSON.stringify([caller.role, caller.sub, caller.practice ?? null, caller.nhsNumber ?? null]));
}

/** JSON with sorted keys, so `{"a":1,"b":2}` and `{"b":2,"a":1}` are the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * What makes two requests "the same request": method, path, the patient acted for (when a proxy
 * acts) and the body, each a separate element of one JSON array before hashing.
 */
export function requestFingerprint(request: {
  method: string;
  path: string;
  actingFor?: string;
  body: unknown;
}): string {
  return sha256(
    JSON.stringify([
      request.method.toUpperCase(),
      request.path,
      request.actingFor ?? null,
      canonicalJson(request.body),
    ]),
  );
}

/** The claim a request under `key` makes, as the HTTP layer builds it (tests build it the same way). */
export function idempotencyClaim(
  caller: CallerIdentity,
  key: string,
  request: Parameters<typeof requestFingerprint>[0],
): IdempotencyClaim {
  return { owner: idempotencyOwner(caller), key, fingerprint: requestFingerprint(request) };
}

/**
 * Decides what an earlier record means for this request: replay it (same request), or refuse
 * (same key, different request). Undefined: no live record, go ahead.
 */
export function replayOf<T>(
  record: IdempotencyRecord | undefined,
  claim: IdempotencyClaim,
  now: Date,
): Completed<T> | undefined {
  if (!record || record.expiresAt * 1000 <= now.getTime()) return undefined;
  if (record.fingerprint !== claim.fingerprint) {
    throw new ProblemError(
      'idempotency-key-reuse',
      'This Idempotency-Key was already used for a different request; use a new key for a new request',
    );
  }
  return { value: record.body as T, replayed: true, status: record.status };
}
