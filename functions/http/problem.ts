import { ProblemError, type FieldError } from '../domain/errors.ts';
import type * as z from '../schemas/zod.ts';

export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body?: string;
}

/** On every response of an authenticated route: it carries one person's data, or says who they are not. */
export const NO_STORE = { 'cache-control': 'no-store' } as const;

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  431: 'Request Header Fields Too Large',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The one place an error becomes an HTTP response (RFC 9457 problem+json). */
export function problemResponse(error: ProblemError): HttpResponse {
  const body = {
    type: `https://patient-online.nhs.example/problems/${error.code}`,
    title: TITLES[error.status] ?? 'Error',
    status: error.status,
    detail: error.detail,
    code: error.code,
    ...(error.errors ? { errors: error.errors } : {}),
  };
  return {
    statusCode: error.status,
    headers: { 'content-type': 'application/problem+json', ...error.headers },
    body: JSON.stringify(body),
  };
}

/**
 * A request no route takes, the same deployed (the `$default` function) and in local mode: a known
 * path asked with another method is 405 naming the methods it has (`Allow`), anything else 404.
 */
export function noRouteFor(method: string, path: string, allowed: readonly string[]): ProblemError {
  if (allowed.length === 0) return new ProblemError('not-found', `There is no route ${method} ${path}`);
  return new ProblemError(
    'method-not-allowed',
    `${path} does not answer ${method}; it answers ${allowed.join(', ')}`,
    undefined,
    { allow: allowed.join(', ') },
  );
}

/**
 * Anything that is not a ProblemError is a bug or an outage: the caller gets a bare 500 with no
 * internals (the details go to the log, not the response).
 */
export function toProblemError(error: unknown): ProblemError {
  if (error instanceof ProblemError) return error;
  return new ProblemError('internal', 'Something went wrong on our side. Please try again later.');
}

/** zod issues → the contract's `errors[]` (`slots.0.end`). */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], prefix?: string): FieldError[] {
  return issues.map((issue) => ({
    path: [...(prefix ? [prefix] : []), ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

export function validationFailed(issues: readonly z.core.$ZodIssue[], prefix?: string): ProblemError {
  const errors = fieldErrors(issues, prefix);
  const first = errors[0];
  const detail = first ? `${first.path || 'request'}: ${first.message}` : 'The request is not valid';
  return new ProblemError('validation-failed', detail, errors);
}
