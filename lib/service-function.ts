import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CfnElement, Duration, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays, type ILogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { TableAccess } from '../functions/routes/route-spec.ts';
import { METRICS_NAMESPACE } from '../functions/observability/metrics.ts';
import { REQUEST_DEADLINE_MS } from '../functions/store/deadline.ts';
import { lambdaBundling } from './bundling.ts';

/**
 * The API functions' timeout: one second above the deadline every request's DynamoDB work runs
 * under, so the handler itself answers 503 `unavailable` (within 5 s) when the database does not,
 * and Lambda never cuts it off first (API Gateway would answer a bare 500/503 of its own).
 */
export const API_FUNCTION_TIMEOUT = Duration.millis(REQUEST_DEADLINE_MS + 1_000);

/**
 * Powertools settings every function runs with. The Tracer records neither responses nor errors:
 * both may carry an NHS number, a name or record content, which must never reach X-Ray.
 */
export const OBSERVABILITY_ENVIRONMENT = {
  POWERTOOLS_SERVICE_NAME: 'patient-online',
  POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
  POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
  POWERTOOLS_TRACER_CAPTURE_ERROR: 'false',
} as const;

/** functions/ (handler entries are given relative to it, as in routes.ts). */
export const FUNCTIONS_DIR = fileURLToPath(new URL('../functions/', import.meta.url));

export interface ServiceFunctionProps {
  /** Handler module under functions/ exporting `handler`, e.g. `api/public/health.ts`. */
  entry: string;
  description: string;
  /** The table and what the function may do to it ('none': neither grant nor TABLE_NAME). */
  table?: { table: ITable; access: TableAccess };
  /** Key that encrypts the function's log group. */
  logKey: IKey;
  logRetention?: RetentionDays;
  /**
   * A log group shared with other functions (the API's), instead of one of its own. Every line
   * names its function (Powertools' `function_name`), so a shared group loses nothing, and it
   * spares the stack a resource per function (CloudFormation allows 500 in a stack).
   */
  logGroup?: ILogGroup;
  memorySize?: number;
  /** Default: API_FUNCTION_TIMEOUT (what every HTTP route function uses). */
  timeout?: Duration;
}

/**
 * The one Lambda construct every function uses: Node.js 22 on arm64, bundled locally by esbuild
 * into one minified ESM file with the AWS SDK inside (so bundle size and cold init are ours to
 * measure), source maps on, X-Ray active, JSON logs to its own encrypted log group with retention,
 * and a role that can write to that log group and nothing else until a grant says so.
 */
export class ServiceFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: ILogGroup;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);

    this.logGroup =
      props.logGroup ??
      new LogGroup(this, 'Logs', {
        retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
        encryptionKey: props.logKey,
      });

    // Our own role instead of AWSLambdaBasicExecutionRole: that managed policy may create and
    // write to any log group in the account; this one writes to its log group only.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Patient Online function ${id}`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: path.join(FUNCTIONS_DIR, props.entry),
      handler: 'handler',
      // CloudFormation accepts Latin-1 only; route summaries may hold typographic quotes.
      description: props.description.replace(/[\u2018\u2019]/g, "'").replace(/[^\t\n\r\x20-\x7e\xa1-\xff]/g, ''),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? API_FUNCTION_TIMEOUT,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      tracing: Tracing.ACTIVE,
      // Nothing about a practice: the registry in the table holds them, whatever their number.
      environment: { NODE_OPTIONS: '--enable-source-maps', ...OBSERVABILITY_ENVIRONMENT },
      // One definition, shared with `npm run bench` (lib/bundling.ts).
      bundling: lambdaBundling(props.entry),
    });

    if (props.table && props.table.access !== 'none') this.bindTable(props.table.table, props.table.access);

    const policy = this.role.node.tryFindChild('DefaultPolicy');
    if (policy) {
      Validations.of(policy).acknowledge(
        {
          id: 'HIPAA.Security-IAMNoInlinePolicy',
          reason: `${id}: CDK-generated least-privilege policy attached to this function's role only; it is created and deleted with the role and is never shared, so a managed policy would add nothing.`,
        },
        {
          id: 'AwsSolutions-IAM5[Resource::*]',
          reason: `${id}: X-Ray tracing (xray:PutTraceSegments, xray:PutTelemetryRecords) has no resource-level permissions, so the resource must be *.`,
        },
      );
    }
    Validations.of(this.function).acknowledge(
      {
        id: 'HIPAA.Security-LambdaConcurrency',
        reason: `${id}: concurrency is bounded at the front door (HTTP API stage throttling / Cognito quotas); reserving concurrency for every function would split the account pool and fail deployment on accounts with the default low limit.`,
      },
      {
        id: 'AwsSolutions-L1',
        reason: `${id}: pinned to nodejs22.x (LTS until April 2027) to match the Node 22 the project pins for local mode and tests (package.json "node"), so what is tested is what runs.`,
      },
      {
        id: 'HIPAA.Security-LambdaDLQ',
        reason: `${id}: invoked synchronously (API Gateway or Cognito), so failures return to the caller; a DLQ only applies to asynchronous invocations.`,
      },
      {
        id: 'HIPAA.Security-LambdaInsideVPC',
        reason: `${id}: talks only to AWS public endpoints (DynamoDB, X-Ray, Cognito) over TLS with IAM auth; there are no VPC resources to reach, and a VPC would add NAT/endpoint cost and cold-start latency without reducing exposure.`,
      },
    );
  }

  /**
   * Grants exactly the table access the route declares and, in the same call, tells the function
   * where the table is (TABLE_NAME), so the two can never disagree.
   */
  bindTable(table: ITable, access: Exclude<TableAccess, 'none'>): void {
    if (access === 'read') table.grantReadData(this.function);
    else table.grantReadWriteData(this.function);
    this.function.addEnvironment('TABLE_NAME', table.tableName);

    const policy = this.role.node.findChild('DefaultPolicy');
    const tableResource = table.node.defaultChild;
    if (tableResource instanceof CfnElement) {
      const tableArn = `<${Stack.of(table).getLogicalId(tableResource)}.Arn>`;
      Validations.of(policy).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${tableArn}/index/*]`,
        reason: `${this.node.id}: the table grant covers the table's GSIs (GSI1, GSI2), whose ARNs are the table ARN + /index/<name>; no other table is reachable.`,
      });
    }
    if (access === 'read-write' && table.encryptionKey) {
      for (const action of ['kms:GenerateDataKey*', 'kms:ReEncrypt*']) {
        Validations.of(policy).acknowledge({
          id: `AwsSolutions-IAM5[Action::${action}]`,
          reason: `${this.node.id}: writing to a table encrypted with a customer managed key needs the key's data-key actions (the CDK table grant's ${action}), on that one key only.`,
        });
      }
    }
  }
}
