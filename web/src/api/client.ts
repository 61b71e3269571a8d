import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './openapi.ts';

export type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];
export type ProblemCode = Problem['code'];
export type ApiClient = Client<paths>;

/** Methods that create or change state: each carries an Idempotency-Key. */
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * fetch for the API: every write gets a fresh Idempotency-Key, and a write or read that meets a
 * 503 or a lost connection is sent once more, a write under the same key, so it takes effect once.
 */
export function retryingFetch(
  send: typeof fetch = (input, init) => fetch(input, init),
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (WRITES.has(request.method) && !request.headers.has('idempotency-key')) {
      request.headers.set('idempotency-key', crypto.randomUUID());
    }
    const spare = request.clone();
    let response: Response;
    try {
      response = await send(request);
    } catch {
      return send(spare);
    }
    if (response.status !== 503) return response;
    await response.body?.cancel();
    return send(spare);
  };
}

/**
 * The typed client for the API at `baseUrl` (the app's own origin), sending the signed-in person's
 * token and, while they act for someone else (a switched profile), that patient's NHS number as
 * `Acting-For` on every request.
 */
export function apiClient(
  baseUrl: string,
  token: () => string | undefined,
  actingFor: () => string | undefined = () => undefined,
): ApiClient {
  const client = createClient<paths>({ baseUrl, fetch: retryingFetch() });
  client.use({
    onRequest({ request }) {
      const bearer = token();
      if (bearer) request.headers.set('authorization', `Bearer ${bearer}`);
      const patient = actingFor();
      if (patient) request.headers.set('acting-for', patient);
      return request;
    },
  });
  return client;
}

/** A refused or failed request, carrying the problem details the person's message is chosen from. */
export class ApiProblem extends Error {
  constructor(readonly problem: Partial<Problem> & { status: number }) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.name = 'ApiProblem';
  }

  get code(): ProblemCode | undefined {
    return this.problem.code;
  }
}

/** The data of a successful call, or an ApiProblem for anything else (a lost connection included). */
export async function must<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw new ApiProblem({ status: 0, code: 'unavailable' });
  }
  if (result.response.ok) return result.data as T;
  const error = (result.error ?? {}) as Partial<Problem>;
  // Deployed, API Gateway's JWT authorizer answers a missing or expired token itself, with
  // `{"message":"Unauthorized"}` rather than a problem: it means the same as `unauthenticated`.
  const code = error.code ?? (result.response.status === 401 ? 'unauthenticated' : undefined);
  throw new ApiProblem({ ...error, status: result.response.status, ...(code ? { code } : {}) });
}

/** Every item of a listing, page after page: `page` asks for the page after `nextToken` (none: the first). */
export async function allItems<T>(
  page: (nextToken: string | undefined) => Promise<{ items: T[]; nextToken?: string }>,
): Promise<T[]> {
  const items: T[] = [];
  let nextToken: string | undefined;
  do {
    const next = await page(nextToken);
    items.push(...next.items);
    nextToken = next.nextToken;
  } while (nextToken);
  return items;
}
