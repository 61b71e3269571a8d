import { Logger } from '@aws-lambda-powertools/logger';

/**
 * Structured JSON logs (Powertools; level from POWERTOOLS_LOG_LEVEL). Never log request bodies or
 * claims: they carry health data and NHS numbers.
 */
export const logger = new Logger({ serviceName: 'patient-online' });
