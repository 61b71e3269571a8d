import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, CfnElement, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { NOT_FOUND_ROUTE } from '../../functions/routes/not-found.ts';
import { ROUTES, isPaginated } from '../../functions/routes.ts';
import { REQUEST_DEADLINE_MS } from '../../functions/store/deadline.ts';
import { TABLE_DEFINITION } from '../../functions/store/table-definition.ts';
import type { DeployConfig } from '../../lib/deploy-config.ts';
import { API_THROTTLE } from '../../lib/http-api.ts';
import { PatientOnlineStack, deployableRoutes } from '../../lib/patient-online-stack.ts';
import { findCycle, nagViolations, referencedIds, testDeployConfig } from './support.ts';

type Json = Record<string, unknown>;
interface Statement {
  Action: string | string[];
  Resource: unknown;
  Effect: string;
}

const DEPLOYED = deployableRoutes();
const LOCAL_ONLY = ROUTES.filter((r) => r.localOnly);

// Synthesizing bundles every handler with esbuild: do it once for the whole file.
let app: App;
let stack: PatientOnlineStack;
let template: Template;
let resources: Record<string, Json>;
let config: DeployConfig;

beforeAll(() => {
  config = testDeployConfig();
  app = new App({ context: { 'aws:cdk:enable-asset-metadata': true } });
  stack = new PatientOnlineStack(app, 'PatientOnlineTest', { config });
  template = Template.fromStack(stack);
  resources = (template.toJSON() as { Resources: Record<string, Json> }).Resources;
  // ~35 esbuild runs: on a busy 2-core machine this can take longer than the default hook timeout.
}, 300_000);

const logicalId = (construct: IConstruct) => stack.getLogicalId(construct.node.defaultChild as CfnElement);
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const props = (id: string) => resources[id]!.Properties as Json;

function routeResource(method: string, routePath: string): Json | undefined {
  return ofType('AWS::ApiGatewayV2::Route')
    .map(([, r]) => r.Properties as Json)
    .find((p) => p.RouteKey === `${method} ${routePath}`);
}

/** Every statement of every IAM policy attached to the route function's role. */
function statementsFor(operationId: string): Statement[] {
  const fn = stack.http.functions.get(operationId);
  if (!fn) throw new Error(`no function for ${operationId}`);
  const roleId = logicalId(fn.role);
  return ofType('AWS::IAM::Policy')
    .map(([, r]) => r.Properties as { Roles: unknown[]; PolicyDocument: { Statement: Statement[] } })
    .filter((p) => JSON.stringify(p.Roles).includes(`"${roleId}"`))
    .flatMap((p) => p.PolicyDocument.Statement);
}
const actionsOf = (statements: Statement[]) =>
  statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

describe('HTTP API routes', () => {
  it('has one route for every ROUTES entry that is not local-only', () => {
    for (const route of DEPLOYED) {
      expect(routeResource(route.method, route.path), `${route.method} ${route.path}`).toBeDefined();
    }
    template.resourceCountIs('AWS::ApiGatewayV2::Route', DEPLOYED.length + 1);
  });

  it('sends every unknown method and path ($default) to the not-found function, without an authorizer', () => {
    const catchAll = ofType('AWS::ApiGatewayV2::Route')
      .map(([, r]) => r.Properties as Json)
      .find((p) => p.RouteKey === '$default');
    expect(catchAll).toBeDefined();
    expect(catchAll!.AuthorizerId).toBeUndefined();
    const notFoundFn = logicalId(stack.http.functions.get(NOT_FOUND_ROUTE.operationId)!.function);
    const integration = props(
      (catchAll!.Target as { 'Fn::Join': [string, [string, { Ref: string }]] })['Fn::Join'][1][1].Ref,
    );
    expect(JSON.stringify(integration.IntegrationUri)).toContain(`"${notFoundFn}"`);
  });

  it('has no route for local-only entries such as POST /dev/token', () => {
    expect(LOCAL_ONLY.map((r) => `${r.method} ${r.path}`)).toContain('POST /dev/token');
    for (const route of LOCAL_ONLY) expect(routeResource(route.method, route.path)).toBeUndefined();
  });

  it('puts the JWT authorizer on every non-public route', () => {
    const authorizerId = logicalId(stack.http.node.findChild('Api').node.findChild('CognitoJwt'));
    for (const route of DEPLOYED.filter((r) => r.access !== 'public')) {
      const p = routeResource(route.method, route.path)!;
      expect(p.AuthorizationType, `${route.method} ${route.path}`).toBe('JWT');
      expect(p.AuthorizerId).toEqual({ Ref: authorizerId });
    }
  });

  it('leaves GET /health and GET /openapi.json (the public routes) without an authorizer', () => {
    const publicRoutes = DEPLOYED.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.path}`);
    expect(publicRoutes).toEqual(expect.arrayContaining(['GET /health', 'GET /openapi.json']));
    for (const key of publicRoutes) {
      const [method, routePath] = key.split(' ') as [string, string];
      const p = routeResource(method, routePath)!;
      expect(p.AuthorizerId).toBeUndefined();
      expect(p.AuthorizationType ?? 'NONE').toBe('NONE');
    }
  });

  it('validates Cognito access tokens: user pool issuer, app client id as audience (client_id claim)', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Issuer: { 'Fn::GetAtt': [logicalId(stack.identity.userPool), 'ProviderURL'] },
        Audience: [{ Ref: logicalId(stack.identity.client) }],
      },
    });
  });

  it('serves the $default stage with throttling and JSON access logs to a log group with retention', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingRateLimit: API_THROTTLE.rateLimit,
        ThrottlingBurstLimit: API_THROTTLE.burstLimit,
      },
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [logicalId(stack.http.accessLogs), 'Arn'] },
        Format: Match.stringLikeRegexp('"routeKey":"\\$context.routeKey"'),
      },
    });
    const format = JSON.stringify(template.findResources('AWS::ApiGatewayV2::Stage'));
    expect(format, 'raw paths carry NHS numbers').not.toContain('$context.path');
    expect(props(logicalId(stack.http.accessLogs)).RetentionInDays).toBeGreaterThan(0);
  });

  it('configures CORS from the deploy configuration, plus the web app origin', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowOrigins: [...config.corsOrigins, stack.resolve(stack.web.origin)],
        AllowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Acting-For'],
        ExposeHeaders: ['Location', 'Idempotent-Replayed', 'Retry-After'],
        AllowCredentials: false,
      },
    });
  });
});

describe('Lambda functions', () => {
  it('creates one function per deployed route, the not-found function and the pre-token trigger', () => {
    expect([...stack.http.functions.keys()].sort()).toEqual(
      [...DEPLOYED.map((r) => r.operationId), NOT_FOUND_ROUTE.operationId].sort(),
    );
    const templateFunctions = new Set(ofType('AWS::Lambda::Function').map(([id]) => id));
    for (const fn of [...stack.http.functions.values(), stack.identity.preToken]) {
      expect(templateFunctions.has(logicalId(fn.function)), fn.node.id).toBe(true);
    }
    const integrations = ofType('AWS::ApiGatewayV2::Integration').map(([, r]) =>
      JSON.stringify((r.Properties as Json).IntegrationUri),
    );
    for (const fn of stack.http.functions.values()) {
      expect(
        integrations.filter((uri) => uri.includes(`"${logicalId(fn.function)}"`)),
        fn.node.id,
      ).toHaveLength(1);
    }
  });

  it('runs every function on Node.js 22 (or later) arm64 with X-Ray, source maps and JSON logs', () => {
    for (const [id, fn] of ofType('AWS::Lambda::Function')) {
      const p = fn.Properties as Json & { Environment: { Variables: Json }; LoggingConfig: Json };
      expect(p.Runtime, id).toMatch(/^nodejs(2[2-9]|[3-9]\d)\.x$/);
      expect(p.Architectures).toEqual(['arm64']);
      expect(p.TracingConfig).toEqual({ Mode: 'Active' });
      expect(p.Handler).toBe('index.handler');
      expect(p.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
      expect(p.LoggingConfig.LogFormat).toBe('JSON');
      const logGroupId = (p.LoggingConfig.LogGroup as { Ref: string }).Ref;
      expect(props(logGroupId).RetentionInDays, `${id} log retention`).toBeGreaterThan(0);
      expect(props(logGroupId).KmsKeyId, `${id} log encryption`).toBeDefined();
    }
  });

  it('gives every API function a timeout a little above the request deadline, and within the 5 s promise', () => {
    for (const fn of stack.http.functions.values()) {
      const timeout = props(logicalId(fn.function)).Timeout as number;
      expect(timeout * 1000, fn.node.id).toBeGreaterThan(REQUEST_DEADLINE_MS);
      expect(timeout, fn.node.id).toBeLessThanOrEqual(5);
    }
    // Cognito waits at most 5 s for the pre-token trigger.
    expect(props(logicalId(stack.identity.preToken.function)).Timeout).toBeLessThanOrEqual(5);
  });

  it('bundles each handler as one ESM file (with the AWS SDK inside) and a source map', () => {
    // SDK clients' wire-protocol names: present only if the client was bundled, not left external.
    const sdkMarker = { dynamodb: 'DynamoDB_20120810', cognito: 'AWSCognitoIdentityProviderService' };
    const bundles = [
      ...DEPLOYED.map((r) => ({
        fn: stack.http.functions.get(r.operationId)!,
        sdk: r.table === 'none' ? undefined : sdkMarker.dynamodb,
      })),
      { fn: stack.identity.preToken, sdk: sdkMarker.cognito },
    ];
    for (const { fn, sdk } of bundles) {
      const metadata = resources[logicalId(fn.function)]!.Metadata as Json;
      const assetDir = path.join(app.outdir, metadata['aws:asset:path'] as string);
      const code = readFileSync(path.join(assetDir, 'index.mjs'), 'utf8');
      expect(code.startsWith("import { createRequire } from 'node:module';"), fn.node.id).toBe(true);
      if (sdk) expect(code.includes(sdk), `${fn.node.id} bundles the SDK client (${sdk})`).toBe(true);
      expect(existsSync(path.join(assetDir, 'index.mjs.map')), fn.node.id).toBe(true);
    }
  });

  it('produces bundles that load as ESM in Node and answer (GET /health, the pre-token trigger)', () => {
    const bundlePath = (fn: { function: IConstruct }) =>
      path.join(
        app.outdir,
        (resources[logicalId(fn.function)]!.Metadata as Json)['aws:asset:path'] as string,
        'index.mjs',
      );
    const invoke = (file: string, event: unknown) => {
      const script = `const { handler } = await import(${JSON.stringify(pathToFileURL(file).href)});
        process.stdout.write(JSON.stringify(await handler(${JSON.stringify(event)}, {})));`;
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        encoding: 'utf8',
        env: { ...process.env, AWS_REGION: 'eu-west-2', POWERTOOLS_LOG_LEVEL: 'SILENT' },
      });
      expect(run.stderr).toBe('');
      return JSON.parse(run.stdout) as Json;
    };
    const health = invoke(bundlePath(stack.http.functions.get('getHealth')!), {
      rawPath: '/health',
      headers: {},
      requestContext: {},
    });
    expect(health).toMatchObject({ statusCode: 200 });
    const trigger = invoke(bundlePath(stack.identity.preToken), {
      request: {
        userAttributes: { 'custom:role': 'patient', 'custom:practice': 'A99001', 'custom:nhs_number': '9990000018' },
        groupConfiguration: {},
      },
      response: {},
    });
    expect(trigger).toMatchObject({
      response: {
        claimsAndScopeOverrideDetails: { accessTokenGeneration: { claimsToAddOrOverride: { role: 'patient' } } },
      },
    });
  });

  it('sets TABLE_NAME only where the route uses the table, and no practice in any environment', () => {
    const tableId = logicalId(stack.data.table);
    for (const route of [...DEPLOYED, NOT_FOUND_ROUTE]) {
      const fnId = logicalId(stack.http.functions.get(route.operationId)!.function);
      const vars = (props(fnId).Environment as { Variables: Json }).Variables;
      expect(vars.PRACTICES, route.operationId).toBeUndefined();
      if (route.table === 'none') expect(vars.TABLE_NAME, route.operationId).toBeUndefined();
      else expect(vars.TABLE_NAME, route.operationId).toEqual({ Ref: tableId });
    }
  });

  it("grants 'read' routes read actions and no writes", () => {
    const readRoutes = DEPLOYED.filter((r) => r.table === 'read');
    expect(readRoutes.length).toBeGreaterThan(0);
    for (const route of readRoutes) {
      const actions = actionsOf(statementsFor(route.operationId));
      expect(actions, route.operationId).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
      for (const write of [
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:BatchWriteItem',
      ]) {
        expect(actions, `${route.operationId} must not have ${write}`).not.toContain(write);
      }
      expect(actions, route.operationId).not.toContain('kms:GenerateDataKey*');
    }
  });

  it("grants 'read-write' routes the item writes transactions need", () => {
    for (const route of DEPLOYED.filter((r) => r.table === 'read-write')) {
      const actions = actionsOf(statementsFor(route.operationId));
      expect(actions, route.operationId).toEqual(
        expect.arrayContaining([
          'dynamodb:GetItem',
          'dynamodb:Query',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
          'dynamodb:DeleteItem',
          'dynamodb:ConditionCheckItem',
        ]),
      );
    }
  });

  it("gives 'none' routes (and the not-found function) no DynamoDB or KMS access at all", () => {
    for (const route of [...DEPLOYED, NOT_FOUND_ROUTE].filter((r) => r.table === 'none')) {
      const actions = actionsOf(statementsFor(route.operationId));
      expect(
        actions.filter((a) => a.startsWith('dynamodb:') || a.startsWith('kms:')),
        route.operationId,
      ).toEqual([]);
    }
  });

  it('scopes table grants to the one table and its indexes', () => {
    const tableId = logicalId(stack.data.table);
    for (const route of DEPLOYED.filter((r) => r.table !== 'none')) {
      for (const statement of statementsFor(route.operationId).filter((s) =>
        actionsOf([s]).some((a) => a.startsWith('dynamodb:')),
      )) {
        const targets = JSON.stringify(statement.Resource);
        expect(targets, route.operationId).toContain(tableId);
        expect(statement.Resource, route.operationId).not.toBe('*');
      }
    }
  });

  it('never grants dynamodb:* or any other service-wide wildcard action', () => {
    for (const [id, policy] of ofType('AWS::IAM::Policy')) {
      const statements = (policy.Properties as { PolicyDocument: { Statement: Statement[] } }).PolicyDocument.Statement;
      for (const action of actionsOf(statements)) {
        expect(action, id).not.toBe('*');
        expect(action, id).not.toMatch(/^[a-z0-9-]+:\*$/);
      }
    }
  });

  it('uses no AWS managed policy on function roles (each role writes only to its own log group)', () => {
    const functionRoles = new Set(
      [...stack.http.functions.values(), stack.identity.preToken].map((fn) => logicalId(fn.role)),
    );
    for (const roleId of functionRoles) expect(props(roleId).ManagedPolicyArns, roleId).toBeUndefined();
  });
});

describe('page-token key', () => {
  /** The list routes (a limit/nextToken query), named here so the test does not restate the code's rule. */
  const LIST_ROUTES = [
    'listSlots',
    'listAppointments',
    'listDayAppointments',
    'listMedications',
    'listPrescriptions',
    'listPracticePrescriptions',
    'listAudit',
    'listSlotBoard',
    'listPatientAppointments',
    'listPatientPrescriptions',
    'listPatientMedications',
    'listRecordAccess',
    'listInvitations',
    'listProxies',
    'listPractices',
  ];

  it('is one Secrets Manager secret the stack generates, encrypted with the table key', () => {
    const secrets = ofType('AWS::SecretsManager::Secret');
    expect(secrets).toHaveLength(1);
    const [secretId, secret] = secrets[0]!;
    expect(secretId).toBe(logicalId(stack.pageTokens.secret));
    const p = secret.Properties as Json;
    expect(p.GenerateSecretString).toMatchObject({ PasswordLength: 64 });
    expect(p.SecretString).toBeUndefined();
    expect(JSON.stringify(p.KmsKeyId)).toContain(logicalId(stack.data.key));
  });

  it('is readable by the list functions only, which are told where it is', () => {
    const secretId = logicalId(stack.pageTokens.secret);
    expect(
      DEPLOYED.filter(isPaginated)
        .map((r) => r.operationId)
        .sort(),
    ).toEqual([...LIST_ROUTES].sort());
    const rolesReading = new Set(
      ofType('AWS::IAM::Policy')
        .map(([, r]) => r.Properties as { Roles: unknown[]; PolicyDocument: unknown })
        .filter((p) => referencedIds(p.PolicyDocument).has(secretId))
        .flatMap((p) => [...referencedIds(p.Roles)]),
    );
    const functions = [...stack.http.functions.entries(), ['preTokenGeneration', stack.identity.preToken] as const];
    const readers = functions.filter(([, fn]) => rolesReading.has(logicalId(fn.role))).map(([id]) => id);
    expect(readers.sort()).toEqual([...LIST_ROUTES].sort());
    expect(rolesReading.size).toBe(LIST_ROUTES.length);
    for (const route of LIST_ROUTES) {
      const actions = actionsOf(statementsFor(route).filter((s) => referencedIds(s.Resource).has(secretId)));
      expect(actions, route).toEqual(expect.arrayContaining(['secretsmanager:GetSecretValue']));
      expect(
        actions.filter((a) => !a.startsWith('secretsmanager:Get') && !a.startsWith('secretsmanager:Describe')),
      ).toEqual([]);
    }
    for (const [operationId, fn] of stack.http.functions) {
      const vars = (props(logicalId(fn.function)).Environment as { Variables: Json }).Variables;
      if (LIST_ROUTES.includes(operationId)) expect(vars.PAGE_TOKEN_SECRET_ARN, operationId).toEqual({ Ref: secretId });
      else expect(vars.PAGE_TOKEN_SECRET_ARN, operationId).toBeUndefined();
    }
  });
});

describe('DynamoDB table', () => {
  it('uses the single-table keys and GSIs (their projections) from TABLE_DEFINITION', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: TABLE_DEFINITION.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_DEFINITION.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: TABLE_DEFINITION.globalSecondaryIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: index.nonKeyAttributes
          ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.nonKeyAttributes] }
          : { ProjectionType: 'ALL' },
      })),
    });
  });

  it('deploys GSI1, GSI2 and one free-slot index per GET /slots filter combination, projecting the listed fields', () => {
    const [table] = Object.values(template.findResources('AWS::DynamoDB::Table'));
    const indexes = (table!.Properties as { GlobalSecondaryIndexes: Json[] }).GlobalSecondaryIndexes;
    const listed = {
      ProjectionType: 'INCLUDE',
      NonKeyAttributes: ['slotId', 'start', 'end', 'clinician', 'type', 'channel'],
    };
    const free = (name: string, partitionKey: string) => ({
      IndexName: name,
      KeySchema: [
        { AttributeName: partitionKey, KeyType: 'HASH' },
        { AttributeName: 'FreeSK', KeyType: 'RANGE' },
      ],
      Projection: listed,
    });
    expect(indexes.map((index) => index.IndexName)).toEqual([
      'GSI1',
      'GSI2',
      'FreeByType',
      'FreeByChannel',
      'FreeByClinician',
      'FreeByTypeChannel',
      'FreeByTypeClinician',
      'FreeByChannelClinician',
      'FreeByTypeChannelClinician',
    ]);
    const partitionKeys = ['FreeTPK', 'FreeCPK', 'FreeKPK', 'FreeTCPK', 'FreeTKPK', 'FreeCKPK', 'FreeTCKPK'];
    expect(indexes.slice(2)).toEqual(
      indexes.slice(2).map((index, i) => free(index.IndexName as string, partitionKeys[i]!)),
    );
    // DynamoDB allows 20 GSIs per table and 100 projected non-key attributes over all of them.
    expect(indexes.length).toBeLessThanOrEqual(20);
    const projected = indexes.flatMap(
      (index) => (index.Projection as { NonKeyAttributes?: string[] }).NonKeyAttributes ?? [],
    );
    expect(projected.length).toBeLessThanOrEqual(100);
  });

  it('is on-demand, with TTL, point-in-time recovery, deletion protection and KMS encryption', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: TABLE_DEFINITION.timeToLiveAttribute, Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      SSESpecification: {
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: { 'Fn::GetAtt': [logicalId(stack.data.key), 'Arn'] },
      },
    });
  });

  it('is retained, with its key, when the stack is deleted, and is in a backup plan', () => {
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(resources[logicalId(stack.data.key)]!.DeletionPolicy).toBe('Retain');
    template.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: { Resources: [{ 'Fn::GetAtt': [logicalId(stack.data.table), 'Arn'] }] },
    });
  });
});

describe('Cognito', () => {
  it('has a user pool with self sign-up, optional TOTP MFA, a strong password policy and threat protection', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: false }),
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      Policies: {
        PasswordPolicy: {
          MinimumLength: Match.anyValue(),
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        },
      },
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      DeletionProtection: 'ACTIVE',
    });
    const policy = (props(logicalId(stack.identity.userPool)).Policies as { PasswordPolicy: { MinimumLength: number } })
      .PasswordPolicy;
    expect(policy.MinimumLength).toBeGreaterThanOrEqual(12);
  });

  it('defines custom:role, custom:practice and custom:nhs_number (role and NHS number immutable)', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith([
        Match.objectLike({ Name: 'role', AttributeDataType: 'String', Mutable: false }),
        Match.objectLike({ Name: 'nhs_number', AttributeDataType: 'String', Mutable: false }),
        Match.objectLike({ Name: 'practice', AttributeDataType: 'String', Mutable: true }),
      ]),
    });
  });

  it('runs the pre-token trigger with the V2_0 event, so it can change the access token', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: {
        PreTokenGenerationConfig: {
          LambdaArn: { 'Fn::GetAtt': [logicalId(stack.identity.preToken.function), 'Arn'] },
          LambdaVersion: 'V2_0',
        },
      },
    });
  });

  it('lets the trigger look up MFA status on this pool only', () => {
    const statements = ofType('AWS::IAM::Policy')
      .map(([, r]) => r.Properties as { Roles: unknown[]; PolicyDocument: { Statement: Statement[] } })
      .filter((p) => JSON.stringify(p.Roles).includes(logicalId(stack.identity.preToken.role)))
      .flatMap((p) => p.PolicyDocument.Statement);
    const lookup = statements.find((s) => actionsOf([s]).includes('cognito-idp:AdminGetUser'));
    expect(lookup?.Resource).toEqual({ 'Fn::GetAtt': [logicalId(stack.identity.userPool), 'Arn'] });
  });

  it('lets the trigger read sign-in links and nothing else of the table: GetItem on SIGNIN# partitions only', () => {
    const statements = ofType('AWS::IAM::Policy')
      .map(([, r]) => r.Properties as { Roles: unknown[]; PolicyDocument: { Statement: Statement[] } })
      .filter((p) => JSON.stringify(p.Roles).includes(logicalId(stack.identity.preToken.role)))
      .flatMap((p) => p.PolicyDocument.Statement);
    const tableStatements = statements.filter((s) => actionsOf([s]).some((a) => a.startsWith('dynamodb:')));
    expect(tableStatements).toHaveLength(1);
    expect(actionsOf(tableStatements)).toEqual(['dynamodb:GetItem']);
    expect(tableStatements[0]).toMatchObject({
      Resource: { 'Fn::GetAtt': [logicalId(stack.data.table), 'Arn'] },
      Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SIGNIN#*'] } },
    });
    const kms = actionsOf(statements).filter((a) => a.startsWith('kms:'));
    expect(kms).toEqual(['kms:Decrypt']);
    const vars = (props(logicalId(stack.identity.preToken.function)).Environment as { Variables: Json }).Variables;
    expect(vars.TABLE_NAME).toEqual({ Ref: logicalId(stack.data.table) });
  });

  it('lets patients sign themselves up with a verified e-mail, writing no custom attribute', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: false }),
      AutoVerifiedAttributes: ['email'],
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', { WriteAttributes: ['email'] });
  });

  it('acts on threat protection findings: breached passwords blocked, risky sign-ins need MFA', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolRiskConfigurationAttachment', {
      ClientId: 'ALL',
      CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: 'BLOCK' } },
      AccountTakeoverRiskConfiguration: {
        Actions: {
          HighAction: { EventAction: 'MFA_REQUIRED' },
          MediumAction: { EventAction: 'MFA_IF_CONFIGURED' },
        },
      },
    });
  });

  it('has a staff group', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'staff' });
  });

  it('has a public app client: authorization code only (PKCE), no secret, callback URLs from the configuration and the web app', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin'],
      CallbackURLs: [...config.callbackUrls, stack.resolve(stack.web.callbackUrl)],
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
    });
  });

  it('does not let users write their own role, practice or NHS number', () => {
    const client = props(logicalId(stack.identity.client));
    expect(client.WriteAttributes).toEqual(['email']);
  });
});

describe('operations', () => {
  it('alarms on the API 5xx rate', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Metrics: Match.arrayWith([Match.objectLike({ Expression: Match.stringLikeRegexp('100 \\* errors / requests') })]),
    });
  });

  it('alarms on errors and throttles of every function in the stack', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, r]) => JSON.stringify(r.Properties));
    for (const [fnId] of ofType('AWS::Lambda::Function')) {
      const fnRef = JSON.stringify({ Ref: fnId });
      for (const metric of ['Errors', 'Throttles']) {
        const found = alarms.some((text) => text.includes(`"MetricName":"${metric}"`) && text.includes(fnRef));
        expect(found, `${fnId} ${metric}`).toBe(true);
      }
    }
  });

  it('sends every alarm to one encrypted, TLS-only SNS topic with the e-mail subscription', () => {
    const topicId = logicalId(stack.operations.alarmTopic);
    for (const [id, alarm] of ofType('AWS::CloudWatch::Alarm')) {
      expect((alarm.Properties as Json).AlarmActions, id).toEqual([{ Ref: topicId }]);
    }
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.org' });
  });

  it('lets CloudWatch alarms publish to the encrypted topic', () => {
    const keyPolicy = JSON.stringify(props(logicalId(stack.operations.key)).KeyPolicy);
    expect(keyPolicy).toContain('cloudwatch.amazonaws.com');
  });

  it('has a dashboard and outputs the API URL, user pool id and client id', () => {
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    for (const output of ['ApiUrl', 'UserPoolId', 'UserPoolClientId']) {
      expect(Object.keys(template.findOutputs(output)), output).toHaveLength(1);
    }
  });
});

describe('compliance', () => {
  it('passes the AwsSolutions and HIPAA Security cdk-nag packs with zero violations', () => {
    expect(nagViolations(stack)).toEqual([]);
  });

  it('synthesizes without annotation errors', () => {
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
    expect(
      Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*|HIPAA.Security-.*')),
    ).toEqual([]);
  });

  it('has no dependency cycle between resources', () => {
    expect(findCycle(resources)).toBeUndefined();
  });

  it('is environment-agnostic (no account or region baked in)', () => {
    expect(Stack.of(stack).environment).toBe('aws://unknown-account/unknown-region');
  });
});
