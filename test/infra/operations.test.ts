import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { STATUS_OF_CODE } from '../../functions/schemas/error-codes.ts';
import { BUSINESS_EVENTS, METRICS_NAMESPACE } from '../../functions/observability/metrics.ts';
import { PatientOnlineStack } from '../../lib/patient-online-stack.ts';
import { testDeployConfig } from './support.ts';

type Json = Record<string, unknown>;

let template: Template;
let resources: Record<string, Json>;

beforeAll(() => {
  // No asset bundling: these tests read the template, not the bundles (stack.test.ts bundles).
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new PatientOnlineStack(app, 'PatientOnlineOps', { config: testDeployConfig() });
  template = Template.fromStack(stack);
  resources = (template.toJSON() as { Resources: Record<string, Json> }).Resources;
}, 120_000);

const ofType = (type: string) =>
  Object.entries(resources)
    .filter(([, r]) => r.Type === type)
    .map(([id, r]) => [id, r.Properties as Json] as const);

/** The dashboard body with its Fn::Join flattened (tokens become placeholders). */
function dashboardBody(): string {
  const [[, dashboard]] = ofType('AWS::CloudWatch::Dashboard') as unknown as [[string, Json]];
  const body = dashboard.DashboardBody as { 'Fn::Join': [string, unknown[]] };
  return body['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : '<token>')).join('');
}

describe('stack outputs', () => {
  it('has stable output names, whatever construct defines them', () => {
    expect(Object.keys(template.toJSON().Outputs as Json).sort()).toEqual([
      'AlarmTopicArn',
      'ApiUrl',
      'HostedUiUrl',
      'ReportsBucketName',
      'TableName',
      'UserPoolClientId',
      'UserPoolId',
      'WebUrl',
    ]);
  });
});

describe('tracing', () => {
  it('traces every function actively, capturing neither responses nor errors', () => {
    const functions = ofType('AWS::Lambda::Function').filter(([, p]) => p.Handler === 'index.handler');
    expect(functions.length).toBeGreaterThan(40);
    for (const [id, p] of functions) {
      expect(p.TracingConfig, id).toEqual({ Mode: 'Active' });
      const env = (p.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(env, id).toMatchObject({
        POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
        POWERTOOLS_TRACER_CAPTURE_ERROR: 'false',
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_SERVICE_NAME: 'patient-online',
      });
    }
  });

  it('logs API requests by route key, never by raw path', () => {
    const [[, stage]] = ofType('AWS::ApiGatewayV2::Stage') as unknown as [[string, Json]];
    const format = (stage.AccessLogSettings as { Format: string }).Format;
    expect(JSON.parse(format)).toMatchObject({ routeKey: '$context.routeKey', requestId: '$context.requestId' });
    expect(format).not.toMatch(/\$context\.(path|rawPath|resourcePath)\b/);
  });
});

describe('dashboard', () => {
  it('graphs each business event, 4xx answers by problem code and 503s, from the PatientOnline namespace', () => {
    const body = dashboardBody();
    for (const event of BUSINESS_EVENTS) {
      expect(body).toContain(`{${METRICS_NAMESPACE},role,route} MetricName=\\"${event}\\"`);
    }
    for (const [code, status] of Object.entries(STATUS_OF_CODE)) {
      if (status >= 400 && status < 500) expect(body).toContain(`code=\\"${code}\\"`);
    }
    expect(body).toContain(`{${METRICS_NAMESPACE},role,route} MetricName=\\"Unavailable\\"`);
  });

  it('reads business metrics by route, role and code only, never by practice or patient', () => {
    const schemas = [...dashboardBody().matchAll(/\{PatientOnline,([^}]*)\}/g)].map((m) => m[1]!);
    expect(schemas.length).toBeGreaterThan(0);
    for (const dimensions of schemas) {
      for (const name of dimensions.split(',')) expect(['route', 'role', 'code']).toContain(name);
    }
  });
});
