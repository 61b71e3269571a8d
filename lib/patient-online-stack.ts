import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { RouteDefinition } from '../functions/routes/route-spec.ts';
import { NOT_FOUND_ROUTE } from '../functions/routes/not-found.ts';
import { isPaginated, ROUTES } from '../functions/routes.ts';
import { DataStore } from './data-store.ts';
import type { DeployConfig } from './deploy-config.ts';
import { PatientOnlineHttpApi } from './http-api.ts';
import { hostedUiUrl, Identity } from './identity.ts';
import { MonthlyReport } from './monthly-report.ts';
import { Notifications } from './notifications.ts';
import { Operations } from './operations.ts';
import { PageTokenKey } from './page-tokens.ts';
import { WebAppHosting } from './web-app-hosting.ts';
import { PracticeRegistrySeed } from './practice-registry.ts';

export interface PatientOnlineStackProps extends StackProps {
  config: DeployConfig;
  /** Defaults to every ROUTES entry; local-only entries are never deployed. */
  routes?: readonly RouteDefinition[];
}

/** The routes a stack deploys: every ROUTES entry except the local-only ones (POST /dev/token). */
export const deployableRoutes = (routes: readonly RouteDefinition[] = ROUTES) => routes.filter((r) => !r.localOnly);

/**
 * Patient Online, deployed: DynamoDB table, Cognito, the HTTP API with one function per route,
 * the web app behind CloudFront, and the alarms and dashboard that watch them.
 * Environment-agnostic (no account or region is baked in), so `cdk synth` needs no credentials.
 */
export class PatientOnlineStack extends Stack {
  readonly data: DataStore;
  readonly identity: Identity;
  readonly web: WebAppHosting;
  readonly http: PatientOnlineHttpApi;
  /** The key that seals list page tokens, readable by the list routes' functions only. */
  readonly pageTokens: PageTokenKey;
  readonly operations: Operations;
  readonly monthlyReport: MonthlyReport;
  readonly registry: PracticeRegistrySeed;
  readonly notifications: Notifications;

  constructor(scope: Construct, id: string, props: PatientOnlineStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.operations = new Operations(this, 'Operations', { alarmEmail: config.alarmEmail });
    this.data = new DataStore(this, 'Data');
    // The configured practices into the registry on every deploy (adding only what it lacks).
    this.registry = new PracticeRegistrySeed(this, 'Registry', {
      practices: config.practices,
      table: this.data.table,
      logKey: this.operations.key,
      watch: (fn) => this.operations.watchFunction('registrySeed', fn.function),
    });
    // The web app first: the app client and the API take its origin, and it depends on neither
    // until it is published (see WebAppHosting for why that order avoids a cycle).
    this.web = new WebAppHosting(this, 'Web', {
      authUrl: hostedUiUrl(this, config.authDomainPrefix),
      logKey: this.operations.key,
    });
    this.identity = new Identity(this, 'Identity', {
      callbackUrls: [...config.callbackUrls, this.web.callbackUrl],
      logoutUrls: [this.web.signedOutUrl],
      domainPrefix: config.authDomainPrefix,
      logKey: this.operations.key,
      table: this.data.table,
    });
    this.http = new PatientOnlineHttpApi(this, 'Http', {
      routes: deployableRoutes(props.routes),
      notFound: NOT_FOUND_ROUTE,
      table: this.data.table,
      logKey: this.operations.key,
      corsOrigins: [...config.corsOrigins, this.web.origin],
      jwtIssuer: this.identity.issuerUrl,
      jwtAudience: [this.identity.client.userPoolClientId],
    });
    this.web.publish({
      apiUrl: this.http.url,
      apiOrigin: this.http.api.apiEndpoint,
      region: this.region,
      userPoolId: this.identity.userPool.userPoolId,
      clientId: this.identity.client.userPoolClientId,
      authUrl: this.identity.domain.baseUrl(),
    });
    this.pageTokens = new PageTokenKey(this, 'PageTokens', { encryptionKey: this.data.key });
    for (const route of deployableRoutes(props.routes).filter(isPaginated)) {
      this.pageTokens.bind(this.http.functions.get(route.operationId)!);
    }

    this.operations.watchApi(this.http.api);
    this.operations.watchBusinessMetrics();
    this.operations.watchFunctions(
      'Api',
      [...this.http.functions].map(([operationId, fn]) => [operationId, fn.function] as const),
    );
    this.operations.watchFunction('preTokenGeneration', this.identity.preToken.function);
    this.operations.watchTable(this.data.table);

    // Scheduled jobs: the monthly rollup with its schedule, reports bucket, DLQ and alarms.
    this.monthlyReport = new MonthlyReport(this, 'MonthlyReport', {
      table: this.data.table,
      operations: this.operations,
    });

    new CfnOutput(this, 'WebUrl', { value: this.web.url, description: 'The web app (patients and practice staff)' });
    // Messages to patients: the outbox sender on a one-minute schedule, SES and SNS, DLQ and alarm.
    this.notifications = new Notifications(this, 'Notifications', {
      table: this.data.table,
      operations: this.operations,
      emailFrom: config.emailFrom,
      smsSenderId: config.smsSenderId,
      ...(config.sesConfigurationSet ? { sesConfigurationSet: config.sesConfigurationSet } : {}),
    });

    new CfnOutput(this, 'ApiUrl', { value: this.http.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'UserPoolId', {
      value: this.identity.userPool.userPoolId,
      description: 'Cognito user pool id',
    });
    new CfnOutput(this, 'UserPoolClientId', {
      value: this.identity.client.userPoolClientId,
      description: 'App client id for patient and staff frontends (authorization code + PKCE)',
    });
    new CfnOutput(this, 'HostedUiUrl', {
      value: this.identity.domain.baseUrl(),
      description: 'Cognito Hosted UI base URL',
    });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName, description: 'DynamoDB table' });
    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.operations.alarmTopic.topicArn,
      description: 'SNS topic for alarms',
    });
  }
}
