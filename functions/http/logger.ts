import { Logger } from '@aws-lambda-powertools/logger';

type LogLevelMethod = 'debug' | 'info' | 'warn' | 'error';

let instance: Logger | undefined;

/**
 * The Powertools Logger, created on first use rather than at import: constructing it (reading the
 * environment, opening a Console on stdout/stderr) is cold-start work that most invocations, which
 * log nothing, never need.
 */
function powertools(): Logger {
  instance ??= new Logger({ serviceName: 'patient-online' });
  return instance;
}

/**
 * Structured JSON logs (Powertools; level from POWERTOOLS_LOG_LEVEL). Never log request bodies or
 * claims: they carry health data and NHS numbers.
 */
export const logger: Pick<Logger, LogLevelMethod> = {
  debug: (input, ...extra) => powertools().debug(input, ...extra),
  info: (input, ...extra) => powertools().info(input, ...extra),
  warn: (input, ...extra) => powertools().warn(input, ...extra),
  error: (input, ...extra) => powertools().error(input, ...extra),
};
