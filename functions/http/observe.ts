import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import type { Caller, PatientSignIn } from '../schemas/identity.ts';
import { appendLogKeys, startLogContext } from '../observability/logger.ts';
import { countMetric, PROBLEM_METRIC, UNAVAILABLE_METRIC, type BusinessEvent } from '../observability/metrics.ts';
import { annotate, closeInvocation, openInvocation } from '../observability/tracer.ts';
import { toProblemError, type HttpResponse } from './problem.ts';

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;

/**
 * The business event a route's success is, by route template. Counted here, from the route and
 * its outcome, rather than in the use cases: one place decides what is counted, and an
 * idempotent replay (nothing written again) is not counted twice.
 */
export const BUSINESS_EVENT_OF_ROUTE: Readonly<Record<string, BusinessEvent>> = {
  'POST /appointments': 'AppointmentBooked',
  'POST /staff/appointments': 'AppointmentBooked',
  'POST /appointments/{id}/reschedule': 'AppointmentRescheduled',
  'POST /appointments/{id}/cancel': 'AppointmentCancelled',
  'POST /staff/appointments/{id}/cancel': 'AppointmentCancelled',
  'POST /prescriptions': 'PrescriptionOrdered',
  'GET /record': 'RecordViewed',
  'GET /staff/patients/{nhsNumber}/record': 'RecordViewed',
};

/** The route template API Gateway matched (`$default` for the catch-all); never the raw path. */
const routeOf = (event: Event) => event.routeKey || '$default';

interface ObservedContext {
  input?: { caller?: Caller | PatientSignIn | undefined };
  observed?: { segments: Awaited<ReturnType<typeof openInvocation>> };
}

/** Who is calling, as logs, metrics and traces may say it: role and practice, never who they are. */
export function identifyCaller(caller: Caller | PatientSignIn | undefined): void {
  if (!caller) return;
  const practice = 'practice' in caller ? caller.practice : undefined;
  appendLogKeys({ role: caller.role, practice });
  annotate('role', caller.role);
}

/**
 * Logs, metrics and traces of one API request, used outermost so that its `after` and `onError`
 * see the final answer: every log line of the request carries the Lambda context, the API Gateway
 * request id as correlation id, the route template and (once authenticated) the caller's role
 * and practice; the answer is counted (a business event on success, `Problem` by code on a
 * problem, `Unavailable` on 503) with dimensions route, role and code only; the X-Ray handler
 * subsegment is annotated with the route template.
 */
export const observe = <C extends Context & ObservedContext>(): MiddlewareObj<Event, HttpResponse, Error, C> => {
  const finish = (request: { event: Event; context: C; response?: HttpResponse | null; error?: Error | null }) => {
    const route = routeOf(request.event);
    const role = request.context.input?.caller?.role ?? 'anonymous';
    const status = request.response?.statusCode ?? (request.error ? toProblemError(request.error).status : undefined);
    if (request.error) {
      const { code, status: problemStatus } = toProblemError(request.error);
      countMetric(PROBLEM_METRIC, { route, role, code });
      if (problemStatus === 503) countMetric(UNAVAILABLE_METRIC, { route, role });
    } else if (status !== undefined && status < 300) {
      const event = BUSINESS_EVENT_OF_ROUTE[route];
      const replayed = request.response?.headers['idempotent-replayed'] === 'true';
      if (event && !replayed) countMetric(event, { route, role });
    }
    closeInvocation(request.context.observed?.segments, status);
  };
  return {
    before: async (request) => {
      const { event, context } = request;
      const route = routeOf(event);
      // A context object reused across invocations (tests, local tools) must not lend this request an earlier caller.
      delete context.input;
      startLogContext(context, { correlationId: event.requestContext?.requestId, route });
      context.observed = { segments: await openInvocation({ route }) };
    },
    after: finish,
    onError: finish,
  };
};
