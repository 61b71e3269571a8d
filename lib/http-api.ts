import { Duration, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { RouteDefinition, TableAccess } from '../functions/routes/route-spec.ts';
import type { NOT_FOUND_ROUTE } from '../functions/routes/not-found.ts';
import { ServiceFunction } from './service-function.ts';

/** Stage-wide limits; API Gateway answers 429 beyond them before any function runs. */
export const API_THROTTLE = { rateLimit: 100, burstLimit: 200 } as const;

export interface HttpApiProps {
  /** The deployable routes (routes.ts entries that are not localOnly). */
  routes: readonly RouteDefinition[];
  /** Answers every method and path that no route matches (the `$default` route), public. */
  notFound: typeof NOT_FOUND_ROUTE;
  table: ITable;
  logKey: IKey;
  corsOrigins: string[];
  jwtIssuer: string;
  /** App client ids: Cognito access tokens carry the client id in `client_id` (no `aud`). */
  jwtAudience: string[];
}

/**
 * The HTTP API: one Lambda function and one route per deployable ROUTES entry, the JWT
 * authorizer on every route that is not public, CORS, stage throttling and access logs.
 */
export class PatientOnlineHttpApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly accessLogs: LogGroup;
  /** Keyed by operationId: every route's function, and the not-found function. */
  readonly functions = new Map<string, ServiceFunction>();
  /** One log group for every route's function: each line names its function and route. */
  readonly functionLogs: LogGroup;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);

    this.api = new apigw.HttpApi(this, 'Api', {
      description: 'Patient Online: GP online services API',
      createDefaultStage: false,
      corsPreflight:
        props.corsOrigins.length > 0
          ? {
              allowOrigins: props.corsOrigins,
              allowMethods: [
                apigw.CorsHttpMethod.GET,
                apigw.CorsHttpMethod.POST,
                apigw.CorsHttpMethod.PUT,
                apigw.CorsHttpMethod.PATCH,
                apigw.CorsHttpMethod.DELETE,
                apigw.CorsHttpMethod.OPTIONS,
              ],
              // Acting-For: a proxy's requests for the patient they act for.
              allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Acting-For'],
              exposeHeaders: ['Location', 'Idempotent-Replayed', 'Retry-After'],
              // Bearer tokens, not cookies: browsers need not send credentials.
              allowCredentials: false,
              maxAge: Duration.hours(1),
            }
          : undefined,
    });

    this.functionLogs = new LogGroup(this, 'FunctionLogs', {
      retention: RetentionDays.THREE_MONTHS,
      encryptionKey: props.logKey,
    });
    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_YEAR,
      encryptionKey: props.logKey,
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: API_THROTTLE,
      // Per-route metrics are billed as custom metrics (~6 per route); API-wide ones are free.
      detailedMetricsEnabled: false,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogs),
        // routeKey, never the raw path: paths carry NHS numbers (/staff/patients/{nhsNumber}).
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            userAgent: '$context.identity.userAgent',
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            sub: '$context.authorizer.claims.sub',
          }),
        ),
      },
    });

    const authorizer = new HttpJwtAuthorizer('CognitoJwt', props.jwtIssuer, { jwtAudience: props.jwtAudience });

    for (const route of props.routes) {
      const fn = this.addFunction(
        route.operationId,
        route.entry,
        `${route.method} ${route.path}: ${route.summary}`,
        route.table,
        props,
      );
      const httpRoute = new apigw.HttpRoute(this, `${route.operationId}Route`, {
        httpApi: this.api,
        routeKey: apigw.HttpRouteKey.with(route.path, apigw.HttpMethod[route.method]),
        integration: new HttpLambdaIntegration(`${route.operationId}Integration`, fn.function),
        authorizer: route.access === 'public' ? undefined : authorizer,
      });
      if (route.access === 'public') {
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${route.method} ${route.path}: public by design; it reads no patient data.`,
        });
      }
    }

    // Unknown routes reach a function too, so they answer 404 problem+json rather than API
    // Gateway's own body. No authorizer: "not found" must not depend on being signed in.
    const { notFound } = props;
    const notFoundFn = this.addFunction(notFound.operationId, notFound.entry, notFound.summary, notFound.table, props);
    const catchAll = new apigw.HttpRoute(this, `${notFound.operationId}Route`, {
      httpApi: this.api,
      routeKey: apigw.HttpRouteKey.DEFAULT,
      integration: new HttpLambdaIntegration(`${notFound.operationId}Integration`, notFoundFn.function),
    });
    Validations.of(catchAll).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: '$default (unknown routes): answers 404 problem+json to anyone and reads nothing.',
    });
  }

  private addFunction(
    operationId: string,
    entry: string,
    description: string,
    table: TableAccess,
    props: HttpApiProps,
  ): ServiceFunction {
    const fn = new ServiceFunction(this, operationId, {
      entry,
      description: description.slice(0, 256),
      table: { table: props.table, access: table },
      logKey: props.logKey,
      logGroup: this.functionLogs,
    });
    this.functions.set(operationId, fn);
    return fn;
  }

  /** The $default stage is served at the API root. */
  get url(): string {
    return this.stage.url;
  }
}
