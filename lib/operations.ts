import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Key, type IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { STATUS_OF_CODE } from '../functions/schemas/error-codes.ts';
import {
  BUSINESS_EVENTS,
  METRICS_NAMESPACE,
  PROBLEM_METRIC,
  UNAVAILABLE_METRIC,
} from '../functions/observability/metrics.ts';

export interface OperationsProps {
  /** Alarm e-mails go here; empty: the topic has no subscription. */
  alarmEmail: string;
}

/** The API 5xx rate (percent of requests over 5 minutes) that raises the alarm. */
export const API_5XX_RATE_THRESHOLD_PERCENT = 5;

/** How many functions one grouped alarm watches: CloudWatch allows 10 metrics in an alarm's math, and each function brings two. */
export const FUNCTIONS_PER_ALARM = 5;

/**
 * Operations: the key that encrypts logs and the alarm topic, the alarm topic itself, alarms and a
 * dashboard. Other parts of the stack register what they want watched (`watchApi`,
 * `watchFunction`, `watchTable`, `addAlarm`): that is also how a scheduled job plugs in.
 */
export class Operations extends Construct {
  /** Encrypts every log group and the alarm topic. */
  readonly key: Key;
  readonly alarmTopic: Topic;
  readonly dashboard: cloudwatch.Dashboard;
  private readonly errorsWidget: cloudwatch.GraphWidget;
  private readonly throttlesWidget: cloudwatch.GraphWidget;
  private readonly durationWidget: cloudwatch.GraphWidget;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);

    this.key = new Key(this, 'Key', {
      description: 'Patient Online: encrypts log groups and the alarm topic',
      enableKeyRotation: true,
      // Log groups are retained after a teardown; their key must outlive them.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const stack = this.key.stack;
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchLogsEncryptsThisAccountsLogGroups',
        principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:*`,
          },
        },
      }),
    );
    // CloudWatch alarms publish to an encrypted topic only if they may use its key.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublishToTheEncryptedTopic',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );

    this.alarmTopic = new Topic(this, 'AlarmTopic', {
      displayName: 'Patient Online alarms',
      masterKey: this.key,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      // Dashboard names are global to the account: the region keeps two deployments apart.
      dashboardName: `${stack.stackName}-${stack.region}`,
      defaultInterval: Duration.hours(24),
    });
    this.errorsWidget = new cloudwatch.GraphWidget({ title: 'Lambda errors (unhandled)', width: 8, stacked: true });
    this.throttlesWidget = new cloudwatch.GraphWidget({ title: 'Lambda throttles', width: 8, stacked: true });
    this.durationWidget = new cloudwatch.GraphWidget({ title: 'Lambda duration p99 (ms)', width: 8 });
  }

  /**
   * A scheduled job's dead-letter queue (`DeadLetters` in its scope): KMS-encrypted, TLS only,
   * kept 14 days, and alarmed (`DeadLettersAlarm`) as soon as it holds anything.
   */
  addDeadLetterQueue(scope: Construct, props: { key: IKey; holds: string; alarmDescription: string }): Queue {
    const queue = new Queue(scope, 'DeadLetters', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: props.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: `${scope.node.id}/DeadLetters: this queue IS the dead-letter queue (${props.holds}); a DLQ of a DLQ would only move the same records again.`,
    });
    this.addAlarm(
      queue
        .metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' })
        .createAlarm(scope, 'DeadLettersAlarm', {
          alarmDescription: props.alarmDescription,
          threshold: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
    );
    return queue;
  }

  /** Sends the alarm's state changes (ALARM and back to OK) to the alarm topic. */
  addAlarm(alarm: cloudwatch.Alarm): cloudwatch.Alarm {
    const action = new SnsAction(this.alarmTopic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    return alarm;
  }

  /** 5xx rate alarm and the API's row of the dashboard. */
  watchApi(api: HttpApi): void {
    const period = Duration.minutes(5);
    const requests = api.metricCount({ period, statistic: 'Sum' });
    const errors = api.metricServerError({ period, statistic: 'Sum' });
    const rate = new cloudwatch.MathExpression({
      expression: 'IF(requests > 0, 100 * errors / requests, 0)',
      usingMetrics: { requests, errors },
      period,
      label: '5xx rate (%)',
    });
    this.addAlarm(
      rate.createAlarm(this, 'Api5xxRate', {
        alarmDescription: `More than ${API_5XX_RATE_THRESHOLD_PERCENT}% of API requests answered 5xx in 2 of the last 3 five-minute periods.`,
        threshold: API_5XX_RATE_THRESHOLD_PERCENT,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'API requests',
        width: 8,
        left: [requests, api.metricClientError({ period, statistic: 'Sum' }), errors],
      }),
      new cloudwatch.GraphWidget({ title: 'API 5xx rate (%)', width: 8, left: [rate] }),
      new cloudwatch.GraphWidget({
        title: 'API latency (ms)',
        width: 8,
        left: ['p50', 'p90', 'p99'].map((statistic) => api.metricLatency({ period, statistic, label: statistic })),
      }),
    );
    this.dashboard.addWidgets(this.errorsWidget, this.throttlesWidget, this.durationWidget);
  }

  /** One function: its alarm on errors and throttles together, and its lines on the dashboard. */
  watchFunction(name: string, fn: IFunction): void {
    this.watchFunctions(name, [[name, fn]]);
  }

  /**
   * Functions watched together (the API's, one per route): one alarm for every
   * FUNCTIONS_PER_ALARM of them on their errors and throttles (metric math over both metrics of
   * each), and each function's own lines on the dashboard. A stack holds at most 500
   * CloudFormation resources and each route already costs a function, its role and policy, a
   * permission, an integration and a route; an alarm per function would stop the stack at about
   * 60 routes. The alarm names its functions, and the dashboard's Errors and Throttles graphs
   * show which one it was.
   */
  watchFunctions(group: string, functions: readonly (readonly [string, IFunction])[]): void {
    const period = Duration.minutes(5);
    for (let first = 0; first < functions.length; first += FUNCTIONS_PER_ALARM) {
      const chunk = functions.slice(first, first + FUNCTIONS_PER_ALARM);
      const usingMetrics: Record<string, cloudwatch.IMetric> = {};
      chunk.forEach(([name, fn], i) => {
        const errors = fn.metricErrors({ period, statistic: 'Sum', label: name });
        const throttles = fn.metricThrottles({ period, statistic: 'Sum', label: name });
        usingMetrics[`errors${i}`] = errors;
        usingMetrics[`throttles${i}`] = throttles;
        this.errorsWidget.addLeftMetric(errors);
        this.throttlesWidget.addLeftMetric(throttles);
        this.durationWidget.addLeftMetric(fn.metricDuration({ period, statistic: 'p99', label: name }));
      });
      const names = chunk.map(([name]) => name);
      const id = functions.length <= FUNCTIONS_PER_ALARM ? group : `${group}${first / FUNCTIONS_PER_ALARM + 1}`;
      this.addAlarm(
        new cloudwatch.MathExpression({
          expression: Object.keys(usingMetrics)
            .map((metric) => `FILL(${metric}, 0)`)
            .join(' + '),
          usingMetrics,
          period,
          label: `${names.join(', ')}: errors + throttles`,
        }).createAlarm(this, `${id}Failures`, {
          alarmDescription: `${names.join(', ')}: a function failed (unhandled error or timeout) or Lambda throttled it (account concurrency exhausted) in the last 5 minutes; the dashboard's Errors and Throttles graphs tell which.`,
          threshold: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
      );
    }
  }

  /**
   * The business metrics the API functions emit (EMF, namespace PatientOnline, dimensions route and
   * role, plus code for problems), summed over routes and roles with SEARCH: the dashboard need
   * not list every route, and a route added later shows up by itself.
   */
  watchBusinessMetrics(): void {
    const period = Duration.minutes(5);
    const search = (metricName: string, dimensions: string, filter = '') =>
      `SEARCH('{${METRICS_NAMESPACE},${dimensions}} MetricName="${metricName}"${filter}', 'Sum', ${period.toSeconds()})`;
    const total = (label: string, metricName: string, dimensions: string, filter = '') =>
      new cloudwatch.MathExpression({ expression: `SUM(${search(metricName, dimensions, filter)})`, label, period });
    const clientErrorCodes = Object.entries(STATUS_OF_CODE)
      .filter(([, status]) => status >= 400 && status < 500)
      .map(([code]) => code);
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Business events (per 5 minutes)',
        width: 8,
        left: BUSINESS_EVENTS.map((event) => total(event, event, 'role,route')),
      }),
      new cloudwatch.GraphWidget({
        title: 'Record views by route and role',
        width: 8,
        left: [new cloudwatch.MathExpression({ expression: search('RecordViewed', 'role,route'), label: '', period })],
      }),
      new cloudwatch.GraphWidget({
        title: '503 unavailable by route and role',
        width: 8,
        left: [
          new cloudwatch.MathExpression({ expression: search(UNAVAILABLE_METRIC, 'role,route'), label: '', period }),
        ],
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: '4xx answers by problem code',
        width: 24,
        stacked: true,
        left: clientErrorCodes.map((code) => total(code, PROBLEM_METRIC, 'code,role,route', ` code="${code}"`)),
      }),
    );
  }

  /** The table's consumption, throttling and transaction conflicts on the dashboard. */
  watchTable(table: ITable): void {
    const period = Duration.minutes(5);
    const metric = (metricName: string, label: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/DynamoDB',
        metricName,
        dimensionsMap: { TableName: table.tableName },
        statistic: 'Sum',
        period,
        label,
      });
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'DynamoDB capacity consumed',
        width: 12,
        left: [metric('ConsumedReadCapacityUnits', 'read units'), metric('ConsumedWriteCapacityUnits', 'write units')],
      }),
      new cloudwatch.GraphWidget({
        title: 'DynamoDB throttles and conflicts',
        width: 12,
        left: [
          metric('ReadThrottleEvents', 'read throttles'),
          metric('WriteThrottleEvents', 'write throttles'),
          metric('TransactionConflict', 'transaction conflicts'),
        ],
      }),
    );
  }
}
