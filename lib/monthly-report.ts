import { CfnElement, CfnOutput, Duration, RemovalPolicy, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { ScheduleExpression, type Schedule } from 'aws-cdk-lib/aws-scheduler';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { accessLogBucket } from './access-log-bucket.ts';
import type { Operations } from './operations.ts';
import { scheduleInvoke } from './scheduled-invoke.ts';
import { ServiceFunction } from './service-function.ts';

export interface MonthlyReportProps {
  table: ITable;
  operations: Operations;
}

/** 02:00 Europe/London on the 1st of every month, whatever BST says. */
export const ROLLUP_SCHEDULE = { minute: '0', hour: '2', day: '1', month: '*', year: '*' } as const;

/**
 * Lambda's limit: every practice in the registry in one run. Measured locally (npm run bench),
 * 6,500 practices take well under a minute at 32 at a time, so 15 minutes is ample headroom.
 */
export const ROLLUP_TIMEOUT = Duration.minutes(15);

/** Lambda's own retries of a failed asynchronous run (the most it allows), before the DLQ. */
export const ROLLUP_RETRY_ATTEMPTS = 2;

/**
 * The monthly rollup, deployed: EventBridge Scheduler invokes the rollup function (asynchronously)
 * at 02:00 Europe/London on the 1st; the function reports every practice's month that has just
 * ended and writes reports/YYYY-MM/{ODS}.json|csv|html, all-practices.csv and summary.json to a
 * private, KMS-encrypted, versioned, TLS-only bucket. A run that throws is retried by Lambda; what
 * neither Scheduler nor Lambda could deliver or finish lands in an encrypted DLQ. Alarms: every
 * failed attempt (function errors) and anything in the DLQ (a month left unreported).
 */
export class MonthlyReport extends Construct {
  readonly bucket: Bucket;
  readonly accessLogs: Bucket;
  readonly key: Key;
  readonly deadLetterQueue: Queue;
  readonly rollup: ServiceFunction;
  readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: MonthlyReportProps) {
    super(scope, id);
    const { operations } = props;

    this.key = new Key(this, 'Key', {
      description: 'Patient Online: encrypts the monthly reports bucket and the rollup dead-letter queue',
      enableKeyRotation: true,
      // Reports are statutory returns kept after a teardown; their key must outlive them.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.accessLogs = accessLogBucket(this, {
      owner: 'MonthlyReport',
      logsOf: 'the reports bucket',
      noReplicaBecause:
        'access logs of an aggregate-report bucket; versioning protects them and losing a region loses nothing that cannot be regenerated.',
    });

    this.bucket = new Bucket(this, 'Reports', {
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'reports-bucket/',
      // A re-run overwrites a month's objects; the versions it replaced are kept for a year.
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'HIPAA.Security-S3BucketReplicationEnabled',
      reason:
        'MonthlyReport/Reports: every object is regenerated from the (point-in-time-recovered, backed-up) table by `npm run rollup` or a re-run of the schedule, and the bucket is versioned; a replica would add a second copy to secure without adding recoverability.',
    });

    this.deadLetterQueue = operations.addDeadLetterQueue(this, {
      key: this.key,
      holds: 'of the schedule target and of the rollup function',
      alarmDescription:
        'Monthly rollup: a run failed after all its retries (or could not be invoked), so a month is unreported. Fix the cause, then re-run: invoke the function with {"month":"YYYY-MM"} or `npm run rollup`.',
    });

    this.rollup = new ServiceFunction(this, 'Rollup', {
      entry: 'scheduled/monthly-rollup.ts',
      description: 'Monthly rollup: every practice report of the month just ended, to the table and the reports bucket',
      table: { table: props.table, access: 'read-write' },
      logKey: operations.key,
      memorySize: 1024,
      timeout: ROLLUP_TIMEOUT,
    });
    const fn = this.rollup.function;
    fn.addEnvironment('REPORTS_BUCKET', this.bucket.bucketName);
    // Least privilege, by hand: the CDK grants would add abort/tagging/retention and key wildcards.
    fn.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:PutObject'], resources: [this.bucket.arnForObjects('reports/*')] }),
    );
    fn.addToRolePolicy(
      new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.deadLetterQueue.queueArn] }),
    );
    this.key.grant(fn, 'kms:GenerateDataKey', 'kms:Decrypt');
    // ServiceFunction builds the function; a dead-letter queue is this function's alone.
    (fn.node.defaultChild as CfnFunction).deadLetterConfig = { targetArn: this.deadLetterQueue.queueArn };
    fn.configureAsyncInvoke({ retryAttempts: ROLLUP_RETRY_ATTEMPTS, maxEventAge: Duration.hours(6) });
    Validations.of(this.rollup.role.node.findChild('DefaultPolicy')).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.logicalIdOf(this.bucket)}.Arn>/reports/*]`,
      reason:
        'MonthlyReport/Rollup: s3:PutObject under the reports/ prefix of its own bucket only (one object per practice, month and format, names known only at run time).',
    });

    this.schedule = scheduleInvoke(this, {
      target: fn,
      targetName: 'the monthly rollup',
      description: 'Monthly rollup: 02:00 Europe/London on the 1st, reports the month just ended',
      schedule: ScheduleExpression.cron({ ...ROLLUP_SCHEDULE, timeZone: TimeZone.EUROPE_LONDON }),
      key: this.key,
      deadLetterQueue: this.deadLetterQueue,
      retryAttempts: 10,
      maxEventAge: Duration.hours(6),
    });

    operations.watchFunction('MonthlyRollup', fn);

    // Named as the README and scripts name it, not after this construct's path in the stack.
    new CfnOutput(this, 'ReportsBucketName', {
      value: this.bucket.bucketName,
      description: 'Monthly reports: reports/YYYY-MM/…',
    }).overrideLogicalId('ReportsBucketName');
  }

  private logicalIdOf(construct: Construct): string {
    return Stack.of(this).getLogicalId(construct.node.defaultChild as CfnElement);
  }
}
