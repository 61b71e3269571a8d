import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as registerPatient } from '../../functions/api/patients/register.ts';
import { ProblemError } from '../../functions/domain/errors.ts';
import { BUSINESS_EVENT_OF_ROUTE } from '../../functions/http/observe.ts';
import { httpRoute } from '../../functions/http/route-handler.ts';
import { createHandler as preTokenHandler } from '../../functions/identity/pre-token.ts';
import { handler as monthlyRollup } from '../../functions/scheduled/monthly-rollup.ts';
import { setTracer, type TracerLike } from '../../functions/observability/tracer.ts';
import { ROUTES } from '../../functions/routes.ts';
import { db, setDocumentClient } from '../../functions/store/client.ts';
import { apiEvent, invoke, lambdaContext, PATIENT_CLAIMS, STAFF_CLAIMS } from '../support/events.ts';
import { useUnitEnv } from '../support/unit-env.ts';
import { captureOutput } from '../support/output.ts';

const NHS_NUMBER = '9990000018';
const NAME = 'Olivia Bennett';

const ddb = mockClient(DynamoDBDocumentClient);
let written: string[] = [];

beforeAll(() => {
  useUnitEnv();
  // This file reads what the functions write: every log level, and metrics switched on.
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
});

beforeEach(() => {
  written = captureOutput();
});

afterEach(() => {
  vi.restoreAllMocks();
  ddb.reset();
  setTracer(undefined);
});

afterAll(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
});

const lines = () =>
  written
    .join('')
    .split('\n')
    .filter((l) => l.trim().startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const logLines = () => lines().filter((l) => !('_aws' in l));
const metricLines = () => lines().filter((l) => '_aws' in l);

interface Emf {
  _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] };
}
const metricsWritten = () =>
  metricLines().map((line) => {
    const { CloudWatchMetrics } = (line as unknown as Emf)._aws;
    const [directive] = CloudWatchMetrics;
    const dimensions = Object.fromEntries(directive!.Dimensions[0]!.map((d) => [d, line[d]]));
    return { namespace: directive!.Namespace, name: directive!.Metrics[0]!.Name, dimensions };
  });

const context = { ...lambdaContext, functionName: 'patient-online-registerPatient' };

describe('log lines of an API request', () => {
  const failingRegistration = () => {
    // A store failure whose message echoes what it was given, as SDK validation errors can.
    ddb.onAnyCommand().rejects(new Error(`ValidationException: item PATIENT#A99001#${NHS_NUMBER} was refused`));
    const event = apiEvent({
      method: 'PUT',
      path: `/staff/patients/${NHS_NUMBER}`,
      routeKey: 'PUT /staff/patients/{nhsNumber}',
      params: { nhsNumber: NHS_NUMBER },
      claims: STAFF_CLAIMS,
      body: {
        name: NAME,
        dateOfBirth: '1984-03-12',
        services: { appointments: true, prescriptions: true, record: 'summary' },
      },
    });
    event.requestContext.requestId = 'apigw-request-7';
    return registerPatient(event, context) as Promise<{ statusCode: number }>;
  };

  it('carry the Lambda context, the API Gateway request id, the route and the caller’s role and practice', async () => {
    const response = await failingRegistration();
    expect(response.statusCode).toBe(500);
    const [failure] = logLines().filter((l) => l.message === 'request failed');
    expect(failure).toMatchObject({
      level: 'ERROR',
      service: 'patient-online',
      function_name: 'patient-online-registerPatient',
      function_request_id: 'req-1',
      cold_start: expect.any(Boolean) as unknown,
      correlation_id: 'apigw-request-7',
      route: 'PUT /staff/patients/{nhsNumber}',
      role: 'staff',
      practice: 'A99001',
    });
  });

  it('never carry an NHS number or a name, even from an error message', async () => {
    await failingRegistration();
    expect(logLines().length).toBeGreaterThan(0);
    const everything = written.join('');
    expect(everything).not.toContain(NHS_NUMBER);
    expect(everything).not.toContain(NAME);
    expect(everything).toContain('PATIENT#A99001#[redacted]');
  });

  it('start afresh for the next request: no key of the previous caller is carried over', async () => {
    await failingRegistration();
    written.length = 0;
    const handler = httpRoute({ access: 'public' }, () => {
      throw new Error('boom');
    });
    await invoke(handler, apiEvent({ method: 'GET', path: '/health', routeKey: 'GET /health', claims: null }));
    const [failure] = logLines().filter((l) => l.message === 'request failed');
    expect(failure).toMatchObject({ route: 'GET /health', correlation_id: 'req-1' });
    expect(failure).not.toHaveProperty('role');
    expect(failure).not.toHaveProperty('practice');
  });
});

describe('log lines of the Cognito pre-token trigger', () => {
  it('carry the Lambda context, the trigger and the role and practice, never the NHS number or name', async () => {
    const event = {
      version: '2',
      triggerSource: 'TokenGeneration_HostedAuth',
      region: 'eu-west-2',
      userPoolId: 'eu-west-2_TEST',
      userName: 'user-1',
      callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'client-1' },
      request: {
        userAttributes: {
          sub: 'sub-1',
          name: NAME,
          'custom:role': 'staff',
          'custom:practice': 'A99001',
          'custom:nhs_number': NHS_NUMBER,
        },
        groupConfiguration: { groupsToOverride: [] },
        scopes: ['openid'],
      },
      response: { claimsAndScopeOverrideDetails: {} },
    } as PreTokenGenerationV2TriggerEvent;
    const deps = { userHasMfa: () => Promise.resolve(true), linkOf: () => Promise.resolve(undefined) };
    await preTokenHandler(deps)(event, { ...lambdaContext, functionName: 'pre-token' }, () => undefined);
    const [withheld] = logLines().filter((l) => l.message === 'issuing a token without API claims');
    expect(withheld).toMatchObject({
      level: 'WARN',
      function_name: 'pre-token',
      function_request_id: 'req-1',
      trigger: 'TokenGeneration_HostedAuth',
      role: 'staff',
      practice: 'A99001',
    });
    expect(written.join('')).not.toContain(NHS_NUMBER);
    expect(written.join('')).not.toContain(NAME);
  });
});

describe('log lines of the monthly rollup', () => {
  it('carry the Lambda context and the trigger, and mask an NHS number an error message echoes', async () => {
    ddb.onAnyCommand().rejects(new Error(`ValidationException: item PATIENT#A99001#${NHS_NUMBER} was refused`));
    await expect(
      monthlyRollup({ month: '2026-10' }, { ...lambdaContext, functionName: 'monthly-rollup' }),
    ).rejects.toThrow(/Monthly rollup failed/);
    const failures = logLines().filter((l) => l.message === 'monthly rollup failed for a practice');
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0]).toMatchObject({
      level: 'ERROR',
      function_name: 'monthly-rollup',
      function_request_id: 'req-1',
      trigger: 'manual',
      practice: 'A99001',
    });
    expect(written.join('')).not.toContain(NHS_NUMBER);
  });
});

describe('business metrics', () => {
  const booked = { status: 201, body: { appointmentId: 'a1' } };

  it('count a booking once, by route and role only, in the PatientOnline namespace', async () => {
    const handler = httpRoute({ access: 'patient' }, () => booked);
    const response = await invoke(
      handler,
      apiEvent({ routeKey: 'POST /appointments', body: {}, claims: PATIENT_CLAIMS }),
    );
    expect(response.statusCode).toBe(201);
    expect(metricsWritten()).toEqual([
      {
        namespace: 'PatientOnline',
        name: 'AppointmentBooked',
        dimensions: { route: 'POST /appointments', role: 'patient' },
      },
    ]);
    const [line] = metricLines();
    expect(line).not.toHaveProperty('practice');
    expect(line).not.toHaveProperty('service');
    expect(JSON.stringify(line)).not.toContain(NHS_NUMBER);
  });

  it('do not count an idempotent replay again', async () => {
    const handler = httpRoute({ access: 'patient' }, () => ({ ...booked, replayed: true }));
    await invoke(handler, apiEvent({ routeKey: 'POST /appointments', body: {}, claims: PATIENT_CLAIMS }));
    expect(metricsWritten()).toEqual([]);
  });

  it('count a refusal as Problem by route, role and code', async () => {
    const handler = httpRoute({ access: 'patient' }, () => {
      throw new ProblemError('slot-unavailable', 'Taken');
    });
    await invoke(handler, apiEvent({ routeKey: 'POST /appointments', body: {}, claims: PATIENT_CLAIMS }));
    expect(metricsWritten()).toEqual([
      {
        namespace: 'PatientOnline',
        name: 'Problem',
        dimensions: { route: 'POST /appointments', role: 'patient', code: 'slot-unavailable' },
      },
    ]);
  });

  it('count a caller refused before being identified as anonymous', async () => {
    const handler = httpRoute({ access: 'staff' }, () => booked);
    const response = await invoke(handler, apiEvent({ routeKey: 'POST /staff/appointments', body: {}, claims: null }));
    expect(response.statusCode).toBe(401);
    expect(metricsWritten()).toEqual([
      {
        namespace: 'PatientOnline',
        name: 'Problem',
        dimensions: { route: 'POST /staff/appointments', role: 'anonymous', code: 'unauthenticated' },
      },
    ]);
  });

  it('count a 503 both as Problem and as Unavailable', async () => {
    const handler = httpRoute({ access: 'patient' }, () => {
      throw new ProblemError('unavailable', 'Try again', undefined, { 'retry-after': '5' });
    });
    await invoke(handler, apiEvent({ method: 'GET', routeKey: 'GET /record', claims: PATIENT_CLAIMS }));
    expect(metricsWritten().map((m) => [m.name, m.dimensions])).toEqual([
      ['Problem', { route: 'GET /record', role: 'patient', code: 'unavailable' }],
      ['Unavailable', { route: 'GET /record', role: 'patient' }],
    ]);
  });

  it('name only routes of the route table as business events', () => {
    const keys = new Set(ROUTES.map((r) => `${r.method} ${r.path}`));
    for (const route of Object.keys(BUSINESS_EVENT_OF_ROUTE)) expect(keys, route).toContain(route);
  });
});

describe('traces', () => {
  function fakeTracer() {
    const annotations: Record<string, unknown> = {};
    const flags: string[] = [];
    const captured: unknown[] = [];
    const handlerSegment = {
      addErrorFlag: () => flags.push('error'),
      addFaultFlag: () => flags.push('fault'),
      close: () => flags.push('closed'),
    };
    const facade = { addNewSubsegment: (name: string) => (flags.push(`open ${name}`), handlerSegment) };
    let current: unknown = facade;
    const tracer = {
      isTracingEnabled: () => true,
      getSegment: () => current,
      setSegment: (segment: unknown) => {
        current = segment;
      },
      annotateColdStart: () => undefined,
      addServiceNameAnnotation: () => undefined,
      putAnnotation: (key: string, value: unknown) => {
        annotations[key] = value;
      },
      captureAWSv3Client: (client: unknown) => {
        captured.push(client);
        return client;
      },
    } as unknown as TracerLike;
    return { tracer, annotations, flags, captured, facade, current: () => current };
  }

  it('annotate the handler subsegment with the route template and role, and flag a refusal without its message', async () => {
    const fake = fakeTracer();
    setTracer(fake.tracer);
    const handler = httpRoute({ access: 'patient' }, () => {
      throw new ProblemError('slot-unavailable', `Taken by ${NHS_NUMBER}`);
    });
    await invoke(handler, apiEvent({ routeKey: 'POST /appointments', body: {}, claims: PATIENT_CLAIMS }));
    expect(fake.annotations).toEqual({ route: 'POST /appointments', role: 'patient' });
    expect(fake.flags).toEqual(['open ## handler', 'error', 'closed']);
    expect(fake.current()).toBe(fake.facade);
  });

  it('capture the DynamoDB client, so each call is a subsegment named by its operation', () => {
    const fake = fakeTracer();
    setTracer(fake.tracer);
    setDocumentClient(undefined);
    db();
    expect(fake.captured).toHaveLength(1);
    expect((fake.captured[0] as { constructor: { name: string } }).constructor.name).toBe('DynamoDBClient');
    setDocumentClient(undefined);
  });
});
