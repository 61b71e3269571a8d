import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { ProblemError } from '../functions/domain/errors.ts';
import { noRouteFor, NO_STORE, problemResponse } from '../functions/http/problem.ts';
import { verifyDevToken } from '../functions/identity/dev-jwt.ts';
import type { RouteDefinition } from '../functions/routes/route-spec.ts';
import {
  buildEvent,
  eventHeaders,
  lambdaContext,
  type IncomingRequest,
  type JwtAuthorizerContext,
  type LocalEvent,
} from './event.ts';
import { createRouter, type RouteMatch } from './routing.ts';

/** What goes back on the wire: API Gateway's rendering of the function's result. */
export interface GatewayResponse {
  statusCode: number;
  headers: Record<string, string>;
  /** Each becomes its own Set-Cookie header. */
  cookies: string[];
  body: Buffer;
}

export interface Gateway {
  /** Routes, authorizes and invokes one request, as the HTTP API would. Never throws. */
  handle(request: IncomingRequest): Promise<GatewayResponse>;
}

export interface GatewayOptions {
  routes: readonly RouteDefinition[];
  /** Absolute directory that route entries are relative to (functions/). */
  functionsDir: string;
  /** Verifies dev tokens where the deployed stack's JWT authorizer verifies Cognito's. */
  tokenSecret: string;
  /** Failures that became a 500: the caller sees nothing of them, the console does. */
  logError: (message: string, error: unknown) => void;
}

type LambdaHandler = (event: LocalEvent, context: Context) => Promise<unknown>;

/** A stand-in for the HTTP API: route table, JWT authorizer, payload v2.0 Lambda integration. */
export function createGateway(options: GatewayOptions): Gateway {
  const router = createRouter(options.routes);
  const loadHandler = handlerLoader(options.functionsDir);

  async function handle(request: IncomingRequest): Promise<GatewayResponse> {
    const path = request.target.split('?', 1)[0] ?? '/';
    const match = router.match(request.method, path);
    if (!match) return problem(noRouteFor(request.method, path, router.allowedMethods(path)));

    // The function adds this to its own answers; these two never reach it.
    const authenticated = match.route.access !== 'public';
    let authorizer: JwtAuthorizerContext | undefined;
    if (authenticated) {
      authorizer = await authorize(request, options.tokenSecret);
      if (!authorizer) return problem(new ProblemError('unauthenticated', 'Sign in: send a valid bearer token'), true);
    }
    try {
      return await invoke(request, match, authorizer);
    } catch (error) {
      options.logError(`${match.route.operationId} failed`, error);
      return problem(
        new ProblemError('internal', 'Something went wrong on our side. Please try again later.'),
        authenticated,
      );
    }
  }

  async function invoke(request: IncomingRequest, match: RouteMatch, authorizer: JwtAuthorizerContext | undefined) {
    const requestId = randomUUID();
    const event = buildEvent(request, match, authorizer, new Date(), requestId);
    const handler = await loadHandler(match.route.entry);
    const result = await handler(event, lambdaContext(`patient-online-${match.route.operationId}`, requestId));
    return renderResult(result);
  }

  return { handle };
}

/**
 * Imports handler modules on first use, after local mode has set the environment they read.
 * A failed import is not cached, so a handler written while local mode runs is picked up.
 */
function handlerLoader(functionsDir: string): (entry: string) => Promise<LambdaHandler> {
  const cache = new Map<string, Promise<LambdaHandler>>();
  const load = async (entry: string): Promise<LambdaHandler> => {
    const module = (await import(pathToFileURL(join(functionsDir, entry)).href)) as { handler?: unknown };
    if (typeof module.handler !== 'function') throw new Error(`functions/${entry} does not export a handler`);
    return module.handler as LambdaHandler;
  };
  return (entry) => {
    let loading = cache.get(entry);
    if (!loading) {
      loading = load(entry);
      cache.set(entry, loading);
      loading.catch(() => cache.delete(entry));
    }
    return loading;
  };
}

/**
 * The JWT authorizer: `Authorization: Bearer <token>`, signature, issuer and expiry checked; the
 * claims reach the function as strings under requestContext.authorizer.jwt.
 */
async function authorize(request: IncomingRequest, secret: string): Promise<JwtAuthorizerContext | undefined> {
  const header = eventHeaders(request.headers).headers.authorization;
  const token = header ? /^(?:Bearer\s+)?(\S+)$/i.exec(header.trim())?.[1] : undefined;
  if (!token) return undefined;
  const claims = await verifyDevToken(token, secret);
  if (!claims) return undefined;
  const scopes = claims.scope ? claims.scope.split(' ') : null;
  return { jwt: { claims, scopes } };
}

function problem(error: ProblemError, noStore = false): GatewayResponse {
  const response = problemResponse(error);
  return {
    statusCode: response.statusCode,
    headers: noStore ? { ...response.headers, ...NO_STORE } : response.headers,
    cookies: [],
    body: Buffer.from(response.body ?? ''),
  };
}

function isStructuredResult(result: unknown): result is { statusCode: number } & Record<string, unknown> {
  return (
    typeof result === 'object' && result !== null && typeof (result as { statusCode?: unknown }).statusCode === 'number'
  );
}

/**
 * Payload v2.0 response rules: a result with a statusCode is used as given (headers, cookies,
 * base64 body); anything else is a 200 JSON body, which API Gateway infers the same way.
 */
export function renderResult(result: unknown): GatewayResponse {
  if (!isStructuredResult(result)) {
    const body = typeof result === 'string' ? result : JSON.stringify(result ?? null);
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, cookies: [], body: Buffer.from(body) };
  }
  const headers = Object.fromEntries(
    Object.entries((result.headers ?? {}) as Record<string, unknown>).map(([name, value]) => [
      name.toLowerCase(),
      String(value),
    ]),
  );
  const cookies = Array.isArray(result.cookies) ? result.cookies.map(String) : [];
  const rawBody = typeof result.body === 'string' ? result.body : '';
  const body = result.isBase64Encoded === true ? Buffer.from(rawBody, 'base64') : Buffer.from(rawBody);
  return { statusCode: result.statusCode, headers, cookies, body };
}

export interface InProcessResponse {
  status: number;
  headers: Record<string, string>;
  /** The parsed body when it is JSON (problem+json included), else undefined. */
  json: unknown;
}

/**
 * One request through the gateway without a socket: the seed uses it, so seeded data passes the
 * same authorizer, validation and handlers as HTTP traffic.
 */
export async function callInProcess(
  gateway: Gateway,
  request: { method: string; path: string; token?: string; body?: unknown },
): Promise<InProcessResponse> {
  const headers: Record<string, string[]> = { host: ['127.0.0.1'], 'user-agent': ['patient-online-local'] };
  if (request.token) headers.authorization = [`Bearer ${request.token}`];
  if (request.body !== undefined) headers['content-type'] = ['application/json'];
  const response = await gateway.handle({
    method: request.method,
    target: request.path,
    headers,
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    sourceIp: '127.0.0.1',
    protocol: 'HTTP/1.1',
  });
  const isJson = /json/i.test(response.headers['content-type'] ?? '') && response.body.length > 0;
  return {
    status: response.statusCode,
    headers: response.headers,
    json: isJson ? (JSON.parse(response.body.toString('utf8')) as unknown) : undefined,
  };
}
