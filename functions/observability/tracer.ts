import type { Tracer } from '@aws-lambda-powertools/tracer';

/** What this code uses of the Powertools Tracer (a test can hand in its own). */
export type TracerLike = Pick<
  Tracer,
  | 'isTracingEnabled'
  | 'getSegment'
  | 'setSegment'
  | 'annotateColdStart'
  | 'addServiceNameAnnotation'
  | 'putAnnotation'
  | 'captureAWSv3Client'
>;

/** The Tracer's bundle beside each function's index.mjs (see tracer-module.ts). */
export const TRACER_FILE = 'powertools-tracer.mjs';

let tracer: TracerLike | undefined;
let loading: Promise<TracerLike | undefined> | undefined;

/**
 * Tracing runs only inside Lambda with active tracing (X-Ray hands the function its trace id);
 * local mode and tests never load the X-Ray SDK.
 */
const tracingWanted = () =>
  process.env.AWS_EXECUTION_ENV?.startsWith('AWS_Lambda_') === true && process.env.POWERTOOLS_TRACE_ENABLED !== 'false';

/**
 * The Powertools Tracer, imported on an invocation's first use from its own file beside the
 * handler's bundle (a specifier esbuild leaves alone), not with the handler: the X-Ray SDK it wraps
 * would cost a cold start more than the rest of a handler (`npm run bench` prints its size).
 * Response and error capture are off (also by environment in the stack): a response or an error
 * message may carry an NHS number, a name or record content. Only the AWS SDK clients are traced
 * (`traceClient`), so HTTP calls are not captured a second time.
 */
export function loadTracer(): Promise<TracerLike | undefined> {
  if (tracer || !tracingWanted()) return Promise.resolve(tracer);
  const file: string = `./${TRACER_FILE}`;
  loading ??= (import(file) as Promise<typeof import('./tracer-module.ts')>).then(({ Tracer }) => {
    tracer = new Tracer({ serviceName: 'patient-online', captureHTTPsRequests: false });
    return tracer;
  });
  return loading;
}

/** The tracer once loaded; undefined outside Lambda or before the first invocation loaded it. */
export const currentTracer = (): TracerLike | undefined => tracer;

/** For tests: trace with this tracer (or none). */
export function setTracer(value: TracerLike | undefined): void {
  tracer = value;
  loading = undefined;
}

/**
 * Records each call an AWS SDK client makes as a subsegment named by the service, with the
 * operation (`TransactWriteItems`, …): the X-Ray SDK records request descriptors such as the
 * table name, never keys or items. Does nothing when tracing is off.
 */
export function traceClient<T>(client: T): T {
  const active = tracer;
  if (active?.isTracingEnabled()) active.captureAWSv3Client(client);
  return client;
}

interface Segments {
  parent: NonNullable<ReturnType<TracerLike['getSegment']>>;
  handler: NonNullable<ReturnType<TracerLike['getSegment']>>;
}

/**
 * Opens the invocation's `## handler` subsegment, annotated with the cold start, the service and
 * the given annotations (the route template, never the raw path). Returns what `closeInvocation`
 * needs; undefined when tracing is off.
 */
export async function openInvocation(annotations: Record<string, string>): Promise<Segments | undefined> {
  const active = await loadTracer();
  if (!active?.isTracingEnabled()) return undefined;
  const parent = active.getSegment();
  if (!parent) return undefined;
  const handler = parent.addNewSubsegment('## handler');
  active.setSegment(handler);
  active.annotateColdStart();
  active.addServiceNameAnnotation();
  for (const [key, value] of Object.entries(annotations)) active.putAnnotation(key, value);
  return { parent, handler };
}

/** Annotates the current (handler) subsegment, e.g. with the caller's role once known. */
export function annotate(key: string, value: string): void {
  if (tracer?.isTracingEnabled()) tracer.putAnnotation(key, value);
}

/**
 * Closes the handler subsegment, flagged by the answer's status as X-Ray does for HTTP (5xx a
 * fault, 4xx an error). The error itself is never attached: its message may name a patient.
 */
export function closeInvocation(segments: Segments | undefined, status: number | undefined): void {
  if (!segments || !tracer) return;
  try {
    if (status === undefined || status >= 500) segments.handler.addFaultFlag();
    else if (status >= 400) segments.handler.addErrorFlag();
    segments.handler.close();
  } finally {
    tracer.setSegment(segments.parent);
  }
}
