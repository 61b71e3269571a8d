import { randomUUID } from 'node:crypto';
import type { APIGatewayEventRequestContextV2, APIGatewayProxyEventV2WithRequestContext, Context } from 'aws-lambda';
import { LOCAL_ACCOUNT_ID, LOCAL_API_ID, LOCAL_REGION } from './constants.ts';
import type { RouteMatch } from './routing.ts';
import { routeKeyOf } from './routing.ts';

/** What the HTTP API JWT authorizer adds: every claim as a string, `scopes` null without a scope claim. */
export interface JwtAuthorizerContext {
  jwt: { claims: Record<string, string>; scopes: string[] | null };
}

/**
 * The HTTP API v2.0 request context as API Gateway really sends it. (@types/aws-lambda's JWT
 * authorizer type also demands principalId/integrationLatency, which HTTP APIs do not send.)
 */
export type LocalRequestContext = APIGatewayEventRequestContextV2 & { authorizer?: JwtAuthorizerContext };
export type LocalEvent = APIGatewayProxyEventV2WithRequestContext<LocalRequestContext>;

/** An HTTP request as local mode received it, before it becomes an event. */
export interface IncomingRequest {
  method: string;
  /** The request target: path plus optional `?query`, still percent-encoded. */
  target: string;
  /** Lower- or mixed-case names; a name sent more than once has all its values, in order. */
  headers: Readonly<Record<string, readonly string[] | undefined>>;
  body: string | undefined;
  sourceIp: string;
  /** e.g. `HTTP/1.1` */
  protocol: string;
}

const LAMBDA_TIMEOUT_MS = 29_000;

/** `POST /appointments/a1/cancel?x=1` → the API Gateway HTTP API payload v2.0 event for that route. */
export function buildEvent(
  request: IncomingRequest,
  match: RouteMatch,
  authorizer: JwtAuthorizerContext | undefined,
  now: Date = new Date(),
  requestId: string = randomUUID(),
): LocalEvent {
  const { rawPath, rawQueryString } = splitTarget(request.target);
  const { headers, cookies } = eventHeaders(request.headers);
  const host = headers.host ?? 'localhost';
  const domainName = host.replace(/:\d+$/, '');
  const routeKey = routeKeyOf(match.route);
  const queryStringParameters = parseQuery(rawQueryString);
  const requestContext: LocalRequestContext = {
    accountId: LOCAL_ACCOUNT_ID,
    apiId: LOCAL_API_ID,
    domainName,
    domainPrefix: domainName.split('.')[0] ?? domainName,
    http: {
      method: request.method,
      path: rawPath,
      protocol: request.protocol,
      sourceIp: request.sourceIp,
      userAgent: headers['user-agent'] ?? '',
    },
    requestId,
    routeKey,
    stage: '$default',
    time: clfTime(now),
    timeEpoch: now.getTime(),
    ...(authorizer ? { authorizer } : {}),
  };
  // API Gateway leaves out the optional fields that would be empty rather than sending {} or "".
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    requestContext,
    ...(request.body !== undefined && request.body !== '' ? { body: request.body } : {}),
    ...(Object.keys(match.pathParameters).length > 0 ? { pathParameters: match.pathParameters } : {}),
    isBase64Encoded: false,
  };
}

function splitTarget(target: string): { rawPath: string; rawQueryString: string } {
  const at = target.indexOf('?');
  return at === -1
    ? { rawPath: target, rawQueryString: '' }
    : { rawPath: target.slice(0, at), rawQueryString: target.slice(at + 1) };
}

/**
 * Header names lower-cased and repeated values joined with commas, as payload v2.0 does; the
 * Cookie header is not a header there but the `cookies` array, one entry per cookie.
 */
export function eventHeaders(raw: IncomingRequest['headers']): { headers: Record<string, string>; cookies: string[] } {
  const joined = new Map<string, string[]>();
  for (const [name, values] of Object.entries(raw)) {
    const key = name.toLowerCase();
    joined.set(key, [...(joined.get(key) ?? []), ...(values ?? [])]);
  }
  const cookies = (joined.get('cookie') ?? [])
    .flatMap((line) => line.split(';'))
    .map((c) => c.trim())
    .filter(Boolean);
  joined.delete('cookie');
  return { headers: Object.fromEntries([...joined].map(([name, values]) => [name, values.join(',')])), cookies };
}

/** Decoded query parameters, a repeated name's values joined with commas; undefined when there are none. */
export function parseQuery(rawQueryString: string): Record<string, string> | undefined {
  if (rawQueryString === '') return undefined;
  const joined = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    joined.set(name, [...(joined.get(name) ?? []), value]);
  }
  if (joined.size === 0) return undefined;
  return Object.fromEntries([...joined].map(([name, values]) => [name, values.join(',')]));
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** requestContext.time is in Common Log Format: `12/Mar/2020:19:03:58 +0000`. */
export function clfTime(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${pad(at.getUTCDate())}/${MONTHS[at.getUTCMonth()]}/${at.getUTCFullYear()}:` +
    `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())} +0000`
  );
}

/** Enough of a Lambda context for middy and Powertools: names, request id and the remaining time. */
export function lambdaContext(
  functionName: string,
  requestId: string = randomUUID(),
  timeoutMs = LAMBDA_TIMEOUT_MS,
): Context {
  const deadline = Date.now() + timeoutMs;
  const unsupported = () => {
    throw new Error('Callback-style completion is not supported: return a promise from the handler');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/[$LATEST]${requestId.replaceAll('-', '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}
