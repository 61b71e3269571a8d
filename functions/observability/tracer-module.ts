/**
 * The Tracer's own bundle: every Lambda function's asset carries it beside index.mjs as
 * `powertools-tracer.mjs` (lib/bundling.ts), and tracer.ts imports it on the first invocation, so
 * the X-Ray SDK is neither parsed nor evaluated while the handler is imported.
 */
export { Tracer } from '@aws-lambda-powertools/tracer';
