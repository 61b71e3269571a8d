import type * as z from '../schemas/zod.ts';
import type { ErrorCode } from '../schemas/error-codes.ts';
import type { OnlineService } from '../domain/services.ts';

/** Who may call a route. */
export type Access = 'public' | 'patient' | 'staff' | 'admin';

/** What the function may do to the table: the stack grants exactly this. */
export type TableAccess = 'none' | 'read' | 'read-write';

/**
 * A patient route's answer to `Acting-For` (a proxy acting for another patient): the online
 * service the route serves (the proxy's grant must cover it), `any` (a live grant suffices), or
 * `false`, the default: the route is personal (preferences, linking) and a proxy gets 403.
 */
export type ActingForRule = OnlineService | 'any' | false;

/** Header name → its description and whether every such answer carries it. */
export type ResponseHeaders = Record<string, { description: string; required?: boolean }>;

/** What a route's handler (httpRoute, listRoute) runs on: who may call it and how its request is read. */
export interface RouteSpec<
  TAccess extends Access = Access,
  TBody = unknown,
  TQuery = unknown,
  TParams = unknown,
  TUnlinked extends boolean = boolean,
> {
  access: TAccess;
  actingFor?: ActingForRule;
  /** A patient route that a sign-in not yet linked to a patient may call (POST /me/link). */
  allowUnlinked?: TUnlinked;
  request?: {
    body?: z.ZodMiniType<TBody, unknown>;
    /** The body may be left out altogether (then it is validated as `{}`). */
    bodyOptional?: boolean;
    query?: z.ZodMiniType<TQuery, unknown>;
    params?: z.ZodMiniType<TParams, unknown>;
    /** A larger body limit than the usual 64 KiB, for a route whose bodies legitimately are (500 slots). */
    maxBodyBytes?: number;
  };
}

/**
 * A route, declared once in its resource's module under functions/routes/: its handler is built
 * from it, the CDK stack makes its Lambda function and HTTP API route from it, local mode
 * dispatches by it, and the OpenAPI document is generated from it.
 */
export interface RouteDefinition<
  TAccess extends Access = Access,
  TBody = unknown,
  TQuery = unknown,
  TParams = unknown,
  TUnlinked extends boolean = boolean,
> extends RouteSpec<TAccess, TBody, TQuery, TParams, TUnlinked> {
  /** Stable name: the Lambda construct id and the OpenAPI operationId. */
  operationId: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** HTTP API path syntax: `/appointments/{id}`. */
  path: string;
  /** Handler module under functions/, exporting `handler` built from this definition. */
  entry: string;
  table: TableAccess;
  summary: string;
  /** Success status and body schema (undefined for no body); errors are always Problem. */
  response: {
    status: number;
    description: string;
    /** The application/json body. */
    schema?: z.ZodMiniType;
    /** Other media types the route answers with a text body (e.g. text/csv), by a query option. */
    textContentTypes?: string[];
    /** Headers of this answer besides Cache-Control and Idempotent-Replayed, which the OpenAPI document derives. */
    headers?: ResponseHeaders;
    /** A second success status with the same body (201 created beside 200 updated). */
    also?: { status: number; description: string; headers?: ResponseHeaders };
  };
  /**
   * Problem codes this route answers beyond those the fields above imply: the OpenAPI document
   * derives 401/403 from `access`, 400/413/415 from `body`, 400 from `query` and `params`, 404 from
   * `params`, 400/409/422 from a write's Idempotency-Key, 503 from `table`; 431 and 500 apply to every route.
   * A shared group of codes is listed as itself, not spread: a spread would keep the declaration
   * in sibling handlers' bundles (see defineRoute).
   */
  errors?: (ErrorCode | readonly ErrorCode[])[];
  /** Served by local mode only (never deployed). */
  localOnly?: boolean;
  tags: string[];
}

/**
 * A route definition, typed as precisely as declared (its access, its schemas' types), so the
 * handler built from it gets a typed caller, body, query and path parameters.
 *
 * Declarations call it as `/* @__PURE__ *\/ defineRoute({…})` (and `listOf` likewise): esbuild
 * cannot tell across modules that the call has no side effects, and without the mark every
 * handler's bundle would keep all its resource's declarations (summaries, descriptions, error
 * lists) where it uses one. Arguments must stay free of side effects too (no spreads, no other
 * calls), or the declaration stays in its siblings' bundles all the same.
 */
export function defineRoute<
  TAccess extends Access,
  TBody = undefined,
  TQuery = undefined,
  TParams = undefined,
  TUnlinked extends boolean = false,
>(route: RouteDefinition<TAccess, TBody, TQuery, TParams, TUnlinked>) {
  return route;
}

/** The header of a route that creates a resource. */
export const LOCATION: ResponseHeaders = { Location: { description: 'Where the new resource is', required: true } };
