import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { requireEnv } from '../config.ts';
import { ProblemError } from '../domain/errors.ts';
import type { Caller } from '../schemas/identity.ts';
import { readSecretString } from '../store/secret.ts';
import type { HttpResponse } from './problem.ts';
import type { ApiEvent } from './api-event.ts';
import { httpRoute, type RouteRequest, type RouteResult } from './route-handler.ts';
import type { Access, RouteSpec } from '../routes/route-spec.ts';

/*
 * Page tokens (`nextToken`) as clients see them. The store pages with a cursor (the table's
 * LastEvaluatedKey, which names attributes and holds keys); clients only ever see it sealed with
 * AES-256-GCM under a key the stack provisions, with the token's scope (route, path parameters,
 * the caller's whole identity, the query without nextToken and limit) as associated data. So a
 * token reveals nothing, cannot be forged or altered, and opens only for the caller and query it
 * was issued to: anything else is a 400 on `nextToken` before the table is touched. `limit` is
 * left out of the scope on purpose: a client may change its page size between pages.
 *
 * Layout (base64url): version (1 byte) · IV (12) · ciphertext of [issued-at seconds (4, BE) ·
 * cursor (UTF-8)] · GCM tag (16).
 */

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const ISSUED_AT_BYTES = 4;
/** A token is refused this long after it was issued (the list has likely moved on anyway). */
export const PAGE_TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;
/** Containers' clocks may differ a little: a token "from the future" by less than this is fine. */
const CLOCK_SKEW_SECONDS = 5 * 60;
const KEY_INFO = 'patient-online page tokens v1';

/** What a token is bound to; two requests with equal scopes may continue each other's pages. */
export interface PageScope {
  /** API Gateway's routeKey, e.g. `GET /appointments`. */
  route: string;
  params: unknown;
  caller: Caller | undefined;
  /** The validated query (defaults applied); nextToken and limit are dropped here. */
  query: unknown;
}

/** The scope as bytes: canonical JSON (sorted keys), so equal scopes give equal bytes. */
export function scopeBytes(scope: PageScope): Buffer {
  const query = Object.fromEntries(
    Object.entries(isRecord(scope.query) ? scope.query : {}).filter(
      ([name]) => name !== 'nextToken' && name !== 'limit',
    ),
  );
  const caller = scope.caller && {
    sub: scope.caller.sub,
    role: scope.caller.role,
    practice: scope.caller.practice,
    nhsNumber: scope.caller.role === 'patient' ? scope.caller.nhsNumber : undefined,
  };
  const canonical = JSON.stringify(
    [VERSION, scope.route, scope.params ?? {}, caller ?? null, query],
    (_name, value: unknown) =>
      isRecord(value)
        ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : value,
  );
  return Buffer.from(canonical, 'utf8');
}

/** Seals the store's cursor into the opaque token a client gets. */
export function sealPageToken(cursor: string, scope: PageScope, key: Buffer, now: Date = new Date()): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(scopeBytes(scope));
  const issuedAt = Buffer.alloc(ISSUED_AT_BYTES);
  issuedAt.writeUInt32BE(Math.floor(now.getTime() / 1000));
  const sealed = Buffer.concat([cipher.update(issuedAt), cipher.update(cursor, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, sealed, cipher.getAuthTag()]).toString('base64url');
}

/**
 * The cursor inside a token this server issued for this scope, at most a day ago; anything else
 * (garbage, altered, another caller's or another query's, expired) is 400 validation-failed.
 */
export function openPageToken(token: string, scope: PageScope, key: Buffer, now: Date = new Date()): string {
  const bytes = /^[A-Za-z0-9_-]+$/.test(token) ? Buffer.from(token, 'base64url') : Buffer.alloc(0);
  if (bytes.length < 1 + IV_BYTES + ISSUED_AT_BYTES + TAG_BYTES || bytes[0] !== VERSION) throw invalidToken();
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(1, 1 + IV_BYTES), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(scopeBytes(scope));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    plain = Buffer.concat([decipher.update(bytes.subarray(1 + IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw invalidToken();
  }
  const age = Math.floor(now.getTime() / 1000) - plain.readUInt32BE(0);
  if (age > PAGE_TOKEN_LIFETIME_SECONDS || age < -CLOCK_SKEW_SECONDS) {
    throw invalidToken('has expired: list again from the first page');
  }
  return plain.subarray(ISSUED_AT_BYTES).toString('utf8');
}

function invalidToken(message = 'is not a page token this list issued to you for this query'): ProblemError {
  return new ProblemError('validation-failed', `nextToken ${message}`, [{ path: 'nextToken', message }]);
}

/** The 32-byte AES key from the provisioned secret text (HKDF, so any secret format gives a uniform key). */
export function deriveKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), KEY_INFO, 32));
}

let cachedKey: { source: string; key: Promise<Buffer> } | undefined;

/**
 * The key, fetched once per container on the first list request (never at cold init). Local
 * mode passes it in PAGE_TOKEN_KEY; deployed, it is the Secrets Manager secret
 * PAGE_TOKEN_SECRET_ARN. A failed fetch is not cached.
 */
export async function pageTokenKey(): Promise<Buffer> {
  const local = process.env.PAGE_TOKEN_KEY;
  const source = local ? `key:${local}` : `secret:${requireEnv('PAGE_TOKEN_SECRET_ARN')}`;
  if (cachedKey?.source !== source) {
    const key = local
      ? Promise.resolve(deriveKey(local))
      : readSecretString(source.slice('secret:'.length)).then(deriveKey);
    cachedKey = { source, key };
  }
  const entry = cachedKey;
  try {
    return await entry.key;
  } catch (error) {
    if (cachedKey === entry) cachedKey = undefined;
    throw error;
  }
}

type PagedContext = Context & { input?: { caller: Caller | undefined; query: unknown; params: unknown } };

const scopeOf = (event: ApiEvent, input: NonNullable<PagedContext['input']>): PageScope => ({
  route: event.routeKey,
  params: input.params,
  caller: input.caller,
  query: input.query,
});

/**
 * Opens a request's `nextToken` into the store's cursor before the handler runs, and seals the
 * cursor a list answers with into the client's token after it. The key is loaded once per
 * container, in parallel with the first list query, so no request waits on it in sequence.
 */
export const pageTokens = (): MiddlewareObj<ApiEvent, HttpResponse, Error, PagedContext> => ({
  before: async (request) => {
    const input = request.context.input;
    if (!input || !isRecord(input.query)) return;
    if (typeof input.query.nextToken !== 'string') {
      // A first page may need the key to seal its token: fetch it alongside the query, never in
      // front of it (a failure here is retried when sealing, which answers 503 if it fails too).
      void pageTokenKey().catch(() => undefined);
      return;
    }
    input.query.nextToken = openPageToken(input.query.nextToken, scopeOf(request.event, input), await pageTokenKey());
  },
  after: async (request) => {
    const { response } = request;
    const input = request.context.input;
    if (!input || response?.statusCode !== 200 || !response.body?.includes('"nextToken"')) return;
    if (!response.headers['content-type']?.startsWith('application/json')) return;
    const body: unknown = JSON.parse(response.body);
    if (!isRecord(body) || typeof body.nextToken !== 'string') return;
    body.nextToken = sealPageToken(body.nextToken, scopeOf(request.event, input), await pageTokenKey());
    response.body = JSON.stringify(body);
  },
});

/**
 * httpRoute for a list route (a query with nextToken): the same middy stack, plus page tokens
 * opened after the query is validated and sealed into the answer. Only list handlers are built
 * with it, so no other function's bundle carries the token code or the Secrets Manager reader.
 */
export function listRoute<TAccess extends Access, TQuery, TParams = undefined>(
  spec: RouteSpec<TAccess, undefined, TQuery, TParams, false>,
  handle: (request: RouteRequest<TAccess, undefined, TQuery, TParams>) => Promise<RouteResult> | RouteResult,
) {
  const route = httpRoute(spec, handle);
  route.use(pageTokens());
  return Object.assign(route, { pageTokens: true as const });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
