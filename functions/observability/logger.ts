import { Logger } from '@aws-lambda-powertools/logger';
import type { LogAttributes } from '@aws-lambda-powertools/logger/types';
import type { Context } from 'aws-lambda';

type LogLevelMethod = 'debug' | 'info' | 'warn' | 'error';

let instance: Logger | undefined;

/**
 * The Powertools Logger, created on first use rather than at import: constructing it (reading the
 * environment, opening a Console on stdout/stderr) is cold-start work that importing a handler
 * should not pay for.
 */
function powertools(): Logger {
  instance ??= new Logger({ serviceName: 'patient-online' });
  return instance;
}

/** A run of ten digits (spaced 3-3-4 or not), which may be an NHS number. */
const NHS_NUMBER_LIKE = /(?<!\d)\d{3}[ -]?\d{3}[ -]?\d{4}(?!\d)/g;

/** Masks anything that may be an NHS number in text this code did not write (error messages). */
export const maskNhsNumbers = (text: string): string => text.replace(NHS_NUMBER_LIKE, '[redacted]');

/**
 * What an extra log attribute may carry: strings with NHS-number-like runs masked; errors as
 * name, message and stack (masked: a library's message can echo the input it refused), never
 * their own enumerable properties (an SDK error carries the request's items and keys).
 */
function redacted(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskNhsNumbers(value);
  if (value instanceof Error) {
    return {
      name: value.name,
      message: maskNhsNumbers(value.message),
      ...(value.stack ? { stack: maskNhsNumbers(value.stack) } : {}),
      ...(value.cause !== undefined && depth < 3 ? { cause: redacted(value.cause, depth + 1) } : {}),
    };
  }
  if (Array.isArray(value)) return depth < 5 ? value.map((v) => redacted(v, depth + 1)) : '[…]';
  if (value !== null && typeof value === 'object') {
    if (depth >= 5) return '[…]';
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redacted(v, depth + 1)]));
  }
  return value;
}

const emit =
  (level: LogLevelMethod) =>
  (message: string, ...extra: unknown[]): void => {
    const attributes = extra.map((e): LogAttributes => {
      const value = redacted(e);
      return value !== null && typeof value === 'object' && !Array.isArray(value)
        ? (value as LogAttributes)
        : { extra: value };
    });
    powertools()[level](maskNhsNumbers(message), ...attributes);
  };

/**
 * Structured JSON logs (Powertools; level from POWERTOOLS_LOG_LEVEL). Every line carries the
 * Lambda context (request id, cold start, function name) and, for an API request, the API
 * Gateway request id as `correlation_id`, the route template and the caller's role and practice.
 * Never log request bodies, claims, path parameters or names: they carry NHS numbers and health
 * data. Extra attributes go through `redacted` as a second line of defence.
 */
export const logger: Record<LogLevelMethod, (message: string, ...extra: unknown[]) => void> = {
  debug: emit('debug'),
  info: emit('info'),
  warn: emit('warn'),
  error: emit('error'),
};

/** What identifies one invocation in its log lines, besides the Lambda context. */
export interface LogKeys {
  /** API Gateway's request id (requestContext.requestId), which its access log also carries. */
  correlationId?: string;
  /** The route template (`POST /appointments/{id}/cancel`), never the raw path. */
  route?: string;
  role?: string;
  /** The caller's practice (ODS code): an organisation, not a person. */
  practice?: string;
  /** What started a non-HTTP invocation (the Cognito trigger source, the schedule). */
  trigger?: string;
}

/**
 * Starts an invocation's log context: the Lambda context (request id, cold start, function
 * name) and the keys given, replacing whatever the previous invocation appended.
 */
export function startLogContext(context: Context | undefined, keys: LogKeys = {}): void {
  const log = powertools();
  log.resetKeys();
  if (context) log.addContext(context);
  appendLogKeys(keys);
}

/** Adds keys to every later line of this invocation (the caller once they are authenticated). */
export function appendLogKeys(keys: LogKeys): void {
  const { correlationId, ...rest } = keys;
  const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Record<string, string>;
  const log = powertools();
  if (correlationId !== undefined) log.appendKeys({ correlation_id: correlationId });
  if (Object.keys(defined).length > 0) log.appendKeys(defined);
}
