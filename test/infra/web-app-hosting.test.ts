import { runInNewContext } from 'node:vm';
import { App, CfnElement, type NestedStack, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DeployConfig } from '../../lib/deploy-config.ts';
import { PatientOnlineStack } from '../../lib/patient-online-stack.ts';
import { findCycle, nagViolations, testDeployConfig } from './support.ts';

type Json = Record<string, unknown>;

// No API routes (only the catch-all): this file is about the web app, and each route would add a bundle.
let stack: PatientOnlineStack;
let hosting: NestedStack;
let publishing: NestedStack;
let template: Template;
let resources: Record<string, Json>;
let config: DeployConfig;

beforeAll(() => {
  config = testDeployConfig();
  stack = new PatientOnlineStack(new App(), 'WebHostingTest', { config, routes: [] });
  hosting = stack.web.hosting;
  publishing = stack.web.publishing!;
  // The web app's resources are in two nested stacks; all three templates, by stack.
  template = Template.fromStack(hosting);
  for (const one of [stack, hosting, publishing]) {
    templates.set(one, (Template.fromStack(one).toJSON() as { Resources: Record<string, Json> }).Resources);
  }
  resources = templates.get(hosting)!;
}, 120_000);

const templates = new Map<Stack, Record<string, Json>>();
const logicalId = (construct: IConstruct) =>
  Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);
const props = (construct: IConstruct) => templates.get(Stack.of(construct))![logicalId(construct)]!.Properties as Json;
const ofType = (type: string, inStack: Stack = hosting) =>
  Object.values(templates.get(inStack)!).filter((r) => r.Type === type);
const distributionConfig = () => props(stack.web.distribution).DistributionConfig as Json;

/**
 * A value as the publishing stack sees it, with each of its parameters replaced by what the parent
 * stack passes in: so it can be compared with the parent's own resources.
 */
function viaParent(value: unknown): unknown {
  const parameters = (
    templates.get(stack)![stack.getLogicalId(publishing.nestedStackResource as CfnElement)]!.Properties as {
      Parameters: Json;
    }
  ).Parameters;
  const map = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(map);
    if (item === null || typeof item !== 'object') return item;
    const ref = (item as { Ref?: unknown }).Ref;
    if (typeof ref === 'string' && ref in parameters) return parameters[ref];
    return Object.fromEntries(Object.entries(item).map(([key, child]) => [key, map(child)]));
  };
  return map(publishing.resolve(value));
}

function csp(): string {
  const policy = props(stack.web.responseHeaders).ResponseHeadersPolicyConfig as Json;
  const header = (policy.SecurityHeadersConfig as Json).ContentSecurityPolicy as Json;
  expect(header.Override).toBe(true);
  // Render the Fn::Join with readable placeholders for the deploy-time parts.
  const render = (value: unknown): string => {
    if (typeof value === 'string') return value;
    const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
    if (join) return join[1].map(render).join(join[0]);
    const ref = (value as { Ref?: string }).Ref;
    if (ref) return `{${ref}}`;
    throw new Error(`unexpected CSP part ${JSON.stringify(value)}`);
  };
  return render(header.ContentSecurityPolicy);
}

/** Runs the deployed CloudFront Function's code on a viewer request for `uri`. */
function route(uri: string): Json {
  const code = (ofType('AWS::CloudFront::Function')[0]!.Properties as { FunctionCode: string }).FunctionCode;
  return runInNewContext(`${code}\nhandler(event)`, {
    event: { request: { uri, method: 'GET', querystring: {}, headers: {} } },
  }) as Json;
}

describe('the web app bucket', () => {
  it('is private: public access blocked, owner-enforced objects, encrypted, TLS only, with server access logs', () => {
    const bucket = props(stack.web.bucket);
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(bucket.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
    expect(bucket.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: logicalId(stack.web.accessLogs) },
      LogFilePrefix: 'site-bucket/',
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logicalId(stack.web.bucket) },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('lets only this CloudFront distribution read it (origin access control), and nothing else in', () => {
    const policy = ofType('AWS::S3::BucketPolicy')
      .map((r) => r.Properties as { Bucket: unknown; PolicyDocument: { Statement: Json[] } })
      .find((p) => JSON.stringify(p.Bucket) === JSON.stringify({ Ref: logicalId(stack.web.bucket) }))!;
    const allows = policy.PolicyDocument.Statement.filter((s) => s.Effect === 'Allow');
    expect(allows).toEqual([
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalId(stack.web.bucket), 'Arn'] }, '/*']] },
        Condition: {
          StringEquals: {
            'AWS:SourceArn': {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':cloudfront::',
                  { Ref: 'AWS::AccountId' },
                  ':distribution/',
                  { Ref: logicalId(stack.web.distribution) },
                ],
              ],
            },
          },
        },
      },
    ]);
    const [origin] = distributionConfig().Origins as Json[];
    expect(origin).toMatchObject({
      DomainName: { 'Fn::GetAtt': [logicalId(stack.web.bucket), 'RegionalDomainName'] },
      OriginAccessControlId: { 'Fn::GetAtt': [expect.stringMatching(/OriginAccessControl/), 'Id'] },
      S3OriginConfig: { OriginAccessIdentity: '' },
    });
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: {
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      },
    });
  });

  it('is emptied and deleted with the stack (its files are rebuilt on every deploy); its access logs are kept', () => {
    expect(resources[logicalId(stack.web.bucket)]!.DeletionPolicy).toBe('Delete');
    expect(resources[logicalId(stack.web.accessLogs)]!.DeletionPolicy).toBe('Retain');
    expect(ofType('Custom::CDKBucketDeployment', publishing)[0]!.Properties).toMatchObject({
      RetainOnDelete: false,
      Prune: true,
    });
  });
});

describe('the CloudFront distribution', () => {
  it('serves HTTPS only (HTTP is redirected), GET and HEAD only, compressed, without logging raw addresses', () => {
    const behavior = distributionConfig().DefaultCacheBehavior as Json;
    expect(behavior).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: ['GET', 'HEAD'],
      Compress: true,
      ResponseHeadersPolicyId: { Ref: logicalId(stack.web.responseHeaders) },
    });
    // No CloudFront access logs: they would hold raw screen addresses and sign-in codes.
    expect(distributionConfig().Logging).toBeUndefined();
  });

  it('sends a strict Content-Security-Policy: no inline script, never framed, connecting only to the API and Cognito', () => {
    const policy = csp();
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|\*\s|data:[^;]*script/);
    const directives: Record<string, string> = Object.fromEntries(
      policy.split(';').map((directive): [string, string] => {
        const [name = '', ...values] = directive.trim().split(/\s+/);
        return [name, values.join(' ')];
      }),
    );
    expect(directives).toMatchObject({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
    });
    expect(directives['connect-src']).toBe(
      "'self' https://*.execute-api.{AWS::Region}.{AWS::URLSuffix} https://patient-online-{AWS::AccountId}.auth.{AWS::Region}.amazoncognito.com",
    );
  });

  it('sends HSTS (two years, subdomains), nosniff, X-Frame-Options DENY and no referrer', () => {
    const policy = props(stack.web.responseHeaders).ResponseHeadersPolicyConfig as Json;
    expect(policy.SecurityHeadersConfig).toMatchObject({
      StrictTransportSecurity: { AccessControlMaxAgeSec: 63_072_000, IncludeSubdomains: true, Override: true },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
    });
  });

  it('loads the app for deep links under /app/, leaves files alone and sends / to /app/', () => {
    const association = (distributionConfig().DefaultCacheBehavior as Json).FunctionAssociations as Json[];
    expect(association).toEqual([
      { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [logicalId(stack.web.router), 'FunctionARN'] } },
    ]);
    template.hasResourceProperties('AWS::CloudFront::Function', {
      FunctionConfig: Match.objectLike({ Runtime: 'cloudfront-js-2.0' }),
    });
    for (const deepLink of ['/app/', '/app/appointments', '/app/appointments/abc-123/cancel', '/app/callback']) {
      expect(route(deepLink), deepLink).toMatchObject({ uri: '/app/index.html' });
    }
    for (const file of [
      '/app/main.js',
      '/app/nhsuk.css',
      '/app/config.json',
      '/app/assets/images/icon-arrow-right.svg',
    ]) {
      expect(route(file), file).toMatchObject({ uri: file });
    }
    for (const bare of ['/', '/app']) {
      expect(route(bare), bare).toEqual({
        statusCode: 301,
        statusDescription: 'Moved Permanently',
        headers: { location: { value: '/app/' } },
      });
    }
  });
});

describe('publishing the app and its runtime config', () => {
  it('copies the app built at synth into app/ with no-cache, plus index.html and config.json', () => {
    const deployment = ofType('Custom::CDKBucketDeployment', publishing)[0]!.Properties as Json;
    expect(deployment).toMatchObject({
      DestinationBucketKeyPrefix: 'app/',
      SystemMetadata: { 'cache-control': 'no-cache' },
    });
    expect(viaParent(deployment.DestinationBucketName)).toEqual(stack.resolve(stack.web.bucket.bucketName));
    expect(deployment.SourceObjectKeys).toHaveLength(3);
  });

  it('writes config.json with the API URL, user pool, app client, Cognito domain and region', () => {
    expect(viaParent(stack.web.runtimeConfig)).toEqual({
      signIn: 'cognito',
      apiUrl: stack.resolve(stack.http.url) as unknown,
      region: { Ref: 'AWS::Region' },
      userPoolId: { Ref: logicalId(stack.identity.userPool) },
      clientId: { Ref: logicalId(stack.identity.client) },
      authUrl: stack.resolve(stack.identity.domain.baseUrl()) as unknown,
    });
  });

  it("narrows the page's connect-src to this API's exact origin with a CSP meta element", () => {
    const page = JSON.stringify(viaParent(stack.web.page));
    expect(page).toContain(`<meta http-equiv=\\"Content-Security-Policy\\" content=\\"connect-src 'self' `);
    expect(page).toContain(JSON.stringify({ 'Fn::GetAtt': [logicalId(stack.http.api), 'ApiEndpoint'] }));
    expect(page).toContain('.amazoncognito.com');
    expect(page.indexOf('Content-Security-Policy')).toBeLessThan(page.indexOf('<script'));
  });
});

describe('the API and Cognito accept the web app', () => {
  it("adds the distribution's origin to the API's CORS origins", () => {
    const origin = stack.resolve(stack.web.origin) as Json;
    expect(JSON.stringify(origin)).toMatch(
      /"https:\/\/",\{"Fn::GetAtt":\["WebHosting.*","Outputs\..*Distribution[0-9A-F]*DomainName"\]\}/,
    );
    expect((props(stack.http.api).CorsConfiguration as Json).AllowOrigins).toEqual([...config.corsOrigins, origin]);
  });

  it('registers /app/callback as a callback URL and /app/signed-out as a logout URL of the app client', () => {
    const client = props(stack.identity.client);
    expect(client.CallbackURLs).toEqual([...config.callbackUrls, stack.resolve(`${stack.web.origin}/app/callback`)]);
    expect(client.LogoutURLs).toEqual([stack.resolve(`${stack.web.origin}/app/signed-out`)]);
  });

  it('keeps the app client public with the authorization code grant only, and OpenID scopes', () => {
    const client = props(stack.identity.client);
    expect(client.GenerateSecret).toBe(false);
    expect(client.AllowedOAuthFlows).toEqual(['code']);
    expect(client.AllowedOAuthScopes).toEqual(expect.arrayContaining(['openid', 'email', 'profile']));
    expect(client.SupportedIdentityProviders).toEqual(['COGNITO']);
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: { 'Fn::Join': ['-', ['patient-online', { Ref: 'AWS::AccountId' }]] },
    });
  });

  it('outputs WebUrl, the app on the distribution', () => {
    expect(Template.fromStack(stack).findOutputs('WebUrl').WebUrl).toMatchObject({
      Value: stack.resolve(`${stack.web.origin}/app/`) as unknown,
    });
  });
});

describe('compliance', () => {
  it('passes the AwsSolutions and HIPAA Security cdk-nag packs, every exception acknowledged with a reason', () => {
    expect(nagViolations(stack)).toEqual([]);
  });

  it('has no dependency cycle between the distribution, the API and the app client', () => {
    for (const [one, its] of templates) expect(findCycle(its), one.node.path).toBeUndefined();
  });

  it('keeps the main stack within CloudFormation’s 500 resources: the web app adds only its two nested stacks', () => {
    expect(ofType('AWS::CloudFormation::Stack', stack)).toHaveLength(2);
    for (const type of ['AWS::CloudFront::Distribution', 'AWS::S3::Bucket', 'Custom::CDKBucketDeployment']) {
      expect(
        ofType(type, stack).filter((r) => JSON.stringify(r).includes('Web')),
        type,
      ).toEqual([]);
    }
  });
});
