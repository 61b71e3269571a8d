import middy from '@middy/core';
import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import type * as z from '../schemas/zod.ts';
import { ProblemError } from '../domain/errors.ts';
import { localDate } from '../domain/time.ts';
import { isValidNhsNumber } from '../schemas/common.ts';
import type { AdminCaller, Caller, PatientCaller, PatientSignIn, StaffCaller } from '../schemas/identity.ts';
import { REQUEST_DEADLINE_MS, withDeadline } from '../store/deadline.ts';
import { linkGone, linkStands, withLinkGuard } from '../store/link-guard.ts';
import { withProxyGuard, type ProxyRequest } from '../store/proxy-guard.ts';
import { guardFirst } from '../store/request-guard.ts';
import { logger } from '../observability/logger.ts';
import { practiceConfig, runOnPractice } from '../usecases/deps.ts';
import type { ApiEvent } from './api-event.ts';
import { authenticate } from './identity.ts';
import type { IdempotencyClaim } from '../domain/idempotency.ts';
import { isStateChanging, readIdempotencyClaim } from './idempotency.ts';
import { identifyCaller, observe } from './observe.ts';
import { NO_STORE, problemResponse, toProblemError, validationFailed, type HttpResponse } from './problem.ts';
import type { Access, ActingForRule, RouteSpec } from '../routes/route-spec.ts';


type CallerFor<A extends Access, U extends boolean = false> = A extends 'patient'
  ? U extends true
    ? PatientSignIn
    : PatientCaller
  : A extends 'staff'
    ? StaffCaller
    : A extends 'admin'
      ? AdminCaller
      : undefined;

export interface RouteRequest<TAccess extends Access, TBody, TQuery, TParams, TUnlinked extends boolean = false> {
  caller: CallerFor<TAccess, TUnlinked>;
  body: TBody;
  query: TQuery;
  params: TParams;
  /** Present when a signed-in caller sent an Idempotency-Key with a state-changing request. */
  idempotency: IdempotencyClaim | undefined;
  event: ApiEvent;
}

export interface RouteResult {
  status: number;
  /** Serialised as JSON unless `contentType` says otherwise (then it must be a string). */
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
  /** An idempotent replay of an earlier response (adds `Idempotent-Replayed: true`). */
  replayed?: boolean;
}

/** Request bodies above this are refused before parsing (413). */
export const MAX_BODY_BYTES = 64 * 1024;

interface ParsedInput {
  /** Who the request is for: the sign-in's own patient, or the one a proxy acts for. */
  caller: Caller | PatientSignIn | undefined;
  /** The sign-in's own identity, when a proxy acts for someone (its link is what is guarded). */
  signIn?: Caller;
  /** The grant a proxy's request needs (store/proxy-guard.ts). */
  proxy?: ProxyRequest;
  body: unknown;
  query: unknown;
  params: unknown;
  idempotency: IdempotencyClaim | undefined;
  /** When the request's DynamoDB work must be done (epoch ms), the registry read included. */
  deadline: number;
}
type RouteContext = Context & { input?: ParsedInput };

/**
 * problem+json for every failure; 5xx details go to the log, never the response. Written here
 * rather than with @middy/http-error-handler, which answers with http-errors' plain message and
 * no stable `code`, where the contract needs RFC 9457 bodies with its codes.
 */
const problemDetails = (): MiddlewareObj<ApiEvent, HttpResponse, Error, RouteContext> => ({
  onError: (request) => {
    const problem = toProblemError(request.error);
    if (problem.status >= 500) {
      // The correlation id, route and caller are on every line already (observe.ts).
      logger.error('request failed', { error: request.error });
    }
    request.response = problemResponse(problem);
  },
});

/**
 * `Cache-Control: no-store` on every answer of an authenticated route, success or problem: used
 * first, so its `after` and `onError` run last, over whatever the route or problemDetails built.
 */
const noStore = (access: Access): MiddlewareObj<ApiEvent, HttpResponse, Error, RouteContext> => {
  const add = (request: { response?: HttpResponse | null }) => {
    if (access !== 'public' && request.response) {
      request.response.headers = { ...request.response.headers, ...NO_STORE };
    }
  };
  return { after: add, onError: add };
};

/**
 * Claims → Caller, role and practice checks (the authorizer already verified the signature). The
 * caller's practice is checked against the registry on every request, alongside the route's own
 * first read (see the handler below and store/registry-guard.ts).
 */
const authorize = (
  access: Access,
  allowUnlinked: boolean | undefined,
): MiddlewareObj<ApiEvent, HttpResponse, Error, RouteContext> => ({
  before: (request) => {
    const caller = authenticate(request.event, access, { allowUnlinked });
    identifyCaller(caller);
    const deadline = Date.now() + REQUEST_DEADLINE_MS;
    request.context.input = { caller, body: undefined, query: {}, params: {}, idempotency: undefined, deadline };
  },
});

function parseWith<T>(schema: z.ZodMiniType<T, unknown> | undefined, value: unknown): T | undefined {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationFailed(parsed.error.issues);
  return parsed.data;
}

/**
 * Size, media type, then JSON, in the contract's order (413, 415, 400 invalid-json). Not
 * @middy/http-json-body-parser: it answers 415/422 with its own bodies and cannot cap the size.
 */
function readJsonBody(event: ApiEvent, maxBytes: number): unknown {
  const raw = event.body
    ? event.isBase64Encoded
      ? Buffer.from(event.body, 'base64').toString('utf8')
      : event.body
    : '';
  if (Buffer.byteLength(raw, 'utf8') > maxBytes) {
    throw new ProblemError('payload-too-large', `Request bodies are limited to ${maxBytes / 1024} KiB`);
  }
  const contentType = event.headers['content-type'] ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType)) {
    throw new ProblemError('unsupported-media-type', 'Send the body as application/json');
  }
  // The body is read as UTF-8 (JSON's only encoding): another charset would be silently misread.
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(contentType)?.[1];
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
    throw new ProblemError('unsupported-media-type', 'Send the body as application/json in UTF-8 (charset=utf-8)');
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new ProblemError('invalid-json', 'The request body is not valid JSON');
  }
}

/** Query strings and path parameters: unknown keys are refused by the strict schemas. */
const parseRequest = <TBody, TQuery, TParams>(
  spec: RouteSpec<Access, TBody, TQuery, TParams>,
): MiddlewareObj<ApiEvent, HttpResponse, Error, RouteContext> => ({
  before: (request) => {
    const { event } = request;
    const input = request.context.input!;
    const { body, bodyOptional, query, params, maxBodyBytes } = spec.request ?? {};
    input.params = parseWith(params, event.pathParameters ?? {}) ?? {};
    input.query = parseWith(query, event.queryStringParameters ?? {}) ?? {};
    // A left-out optional body is validated as `{}` but fingerprinted as absent, as before it was optional.
    const omitted = bodyOptional === true && !event.body;
    const raw = body && !omitted ? readJsonBody(event, maxBodyBytes ?? MAX_BODY_BYTES) : undefined;
    if (body) input.body = parseWith(body, omitted ? {} : raw);
    // Every write of every signed-in role honours the key: derived from the method, not declared.
    if (input.caller && isStateChanging(event.requestContext.http.method)) {
      input.idempotency = readIdempotencyClaim(event, input.caller, raw);
    }
  },
});

/** The error for a malformed Acting-For header. */
const badActingFor = () =>
  new ProblemError('validation-failed', 'Acting-For: must be the 10-digit NHS number of a patient you act for', [
    { path: 'Acting-For', message: 'must be a 10-digit NHS number with a valid check digit' },
  ]);

/**
 * `Acting-For: <nhsNumber>` on a patient route: from here on the request is the named patient's,
 * made by the signed-in patient as their proxy. Runs after parseRequest, so the Idempotency-Key
 * stays scoped to the sign-in (the header is part of its fingerprint); the page-token scope and
 * the handler see the patient acted for. Naming oneself is the same as not sending the header.
 */
const actAs = (rule: ActingForRule | undefined): MiddlewareObj<ApiEvent, HttpResponse, Error, RouteContext> => ({
  before: (request) => {
    const input = request.context.input!;
    const header = request.event.headers['acting-for'];
    const caller = input.caller;
    if (header === undefined || caller?.role !== 'patient') return;
    if (!rule) {
      throw new ProblemError('forbidden', 'This is personal to you: it cannot be used while acting for someone else');
    }
    const nhsNumber = header.trim();
    if (!isValidNhsNumber(nhsNumber)) throw badActingFor();
    if (caller.nhsNumber === undefined || nhsNumber === caller.nhsNumber) return;
    input.signIn = caller;
    input.caller = {
      role: 'patient',
      sub: caller.sub,
      practice: caller.practice,
      nhsNumber,
      proxy: { nhsNumber: caller.nhsNumber },
    };
    input.proxy = {
      practice: caller.practice,
      nhsNumber,
      proxyNhsNumber: caller.nhsNumber,
      service: rule,
      // The practice's today, once its registry entry has arrived (it says the time zone).
      today: () => localDate(new Date(), practiceConfig(caller.practice).timeZone),
    };
  },
});

/**
 * A request of a sign-in the patient linked themselves: its link is read alongside the route's
 * own work (no round trip in front of it) and its writes are conditioned on it
 * (store/link-guard.ts), so an unlink shuts it out from the very next request. A gone link
 * outranks whatever the route answered, success or refusal.
 */
async function guarded(
  signIn: { sub: string; practice: string; nhsNumber: string; linkedAt?: string },
  run: () => Promise<RouteResult> | RouteResult,
): Promise<RouteResult> {
  const link = { sub: signIn.sub, practice: signIn.practice, nhsNumber: signIn.nhsNumber, linkedAt: signIn.linkedAt! };
  return guardFirst(
    linkStands(link),
    withLinkGuard(link, async () => run()),
    (stands) => {
      if (!stands) throw linkGone();
    },
  );
}

function toHttpResponse(result: RouteResult): HttpResponse {
  const headers: Record<string, string> = { ...result.headers };
  if (result.replayed) headers['idempotent-replayed'] = 'true';
  if (result.body === undefined) return { statusCode: result.status, headers };
  if (result.contentType) {
    headers['content-type'] = result.contentType;
    return { statusCode: result.status, headers, body: result.body as string };
  }
  headers['content-type'] = 'application/json';
  return { statusCode: result.status, headers, body: JSON.stringify(result.body) };
}

/**
 * Builds a Lambda handler for one route: a middy stack (problem+json errors, claims, parsing and
 * zod validation) around a function that calls one use case and maps its result.
 */
export function httpRoute<
  TAccess extends Access,
  TBody = undefined,
  TQuery = undefined,
  TParams = undefined,
  TUnlinked extends boolean = false,
>(
  spec: RouteSpec<TAccess, TBody, TQuery, TParams, TUnlinked>,
  handle: (request: RouteRequest<TAccess, TBody, TQuery, TParams, TUnlinked>) => Promise<RouteResult> | RouteResult,
) {
  const handler = middy<ApiEvent, HttpResponse, Error, RouteContext>()
    .use(observe())
    .use(noStore(spec.access))
    .use(problemDetails())
    .use(authorize(spec.access, spec.allowUnlinked))
    .use(parseRequest(spec))
    .use(actAs(spec.actingFor))
    .handler(async (event, context) => {
      const input = context.input!;
      const run = () =>
        handle({
          caller: input.caller as CallerFor<TAccess, TUnlinked>,
          body: input.body as TBody,
          query: input.query as TQuery,
          params: input.params as TParams,
          idempotency: input.idempotency,
          event,
        });
      const signIn = input.signIn ?? input.caller;
      const linked = signIn?.role === 'patient' && signIn.linkedAt !== undefined ? signIn : undefined;
      const { proxy } = input;
      const asProxy = proxy ? () => withProxyGuard(proxy, async () => run()) : run;
      // Past the deadline every DynamoDB call is aborted: 503 unavailable, never a hang.
      const practice = input.caller?.practice;
      const onPractice = () => (linked ? guarded(linked, asProxy) : Promise.resolve(asProxy()));
      const result = await withDeadline(Math.max(0, input.deadline - Date.now()), () =>
        practice === undefined ? onPractice() : runOnPractice(practice, onPractice),
      );
      return toHttpResponse(result);
    });
  return Object.assign(handler, { routeSpec: spec });
}
