import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { DataStore } from '../../lib/data-store.ts';
import { MonthlyReport, ROLLUP_RETRY_ATTEMPTS } from '../../lib/monthly-report.ts';
import { Operations } from '../../lib/operations.ts';
import { actionsOf, logicalId, nagViolations, roleStatements, type Statement } from './support.ts';

type Json = Record<string, unknown>;

// The construct in a stack of its own with what it plugs into (the table and operations), so
// only the rollup function is bundled; the full stack's test covers the wiring and its cdk-nag run.
let stack: Stack;
let report: MonthlyReport;
let operations: Operations;
let data: DataStore;
let template: Template;
let resources: Record<string, Json>;

beforeAll(() => {
  const app = new App();
  stack = new Stack(app, 'MonthlyReportTest');
  operations = new Operations(stack, 'Operations', { alarmEmail: 'ops@example.org' });
  data = new DataStore(stack, 'Data');
  report = new MonthlyReport(stack, 'MonthlyReport', {
    table: data.table,
    operations,
  });
  template = Template.fromStack(stack);
  resources = (template.toJSON() as { Resources: Record<string, Json> }).Resources;
});

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const rollupStatements = () => roleStatements(resources, report.rollup.role);

describe('the monthly rollup schedule', () => {
  it('runs at 02:00 Europe/London on the 1st of every month', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 2 1 * ? *)',
      ScheduleExpressionTimezone: 'Europe/London',
      State: 'ENABLED',
      FlexibleTimeWindow: { Mode: 'OFF' },
    });
  });

  it('invokes the rollup function with a retry policy and the encrypted dead-letter queue', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      Target: {
        Arn: { 'Fn::GetAtt': [logicalId(report.rollup.function), 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 6 * 3600 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalId(report.deadLetterQueue), 'Arn'] } },
      },
    });
  });

  it('lets the schedule send to its encrypted dead-letter queue', () => {
    const statements = ofType('AWS::IAM::Policy').flatMap(
      ([, r]) => (r.Properties as { PolicyDocument: { Statement: Statement[] } }).PolicyDocument.Statement,
    );
    const send = statements.filter((s) => actionsOf(s).includes('sqs:SendMessage'));
    expect(send.length).toBe(2); // the schedule's role and the function's role
    expect(
      statements.some(
        (s) =>
          actionsOf(s).includes('kms:GenerateDataKey') && JSON.stringify(s.Resource).includes(logicalId(report.key)),
      ),
    ).toBe(true);
  });

  it('lets the schedule invoke only the rollup function', () => {
    const invoke = ofType('AWS::IAM::Policy')
      .flatMap(([, r]) => (r.Properties as { PolicyDocument: { Statement: Statement[] } }).PolicyDocument.Statement)
      .filter((s) => actionsOf(s).includes('lambda:InvokeFunction'));
    expect(invoke.length).toBeGreaterThan(0);
    for (const s of invoke) expect(JSON.stringify(s.Resource)).toContain(logicalId(report.rollup.function));
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { Service: 'scheduler.amazonaws.com' },
            Condition: { StringEquals: Match.objectLike({ 'aws:SourceAccount': { Ref: 'AWS::AccountId' } }) },
          }),
        ],
      },
    });
  });
});

describe('the rollup function', () => {
  it('has the table and the bucket in its environment (no practice) and a timeout for every practice', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Runtime: 'nodejs22.x',
      Timeout: 900,
      Environment: {
        Variables: Match.objectLike({
          TABLE_NAME: { Ref: logicalId(data.table) },
          REPORTS_BUCKET: { Ref: logicalId(report.bucket) },
        }),
      },
      DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': [logicalId(report.deadLetterQueue), 'Arn'] } },
    });
  });

  it('is retried by Lambda when a run throws', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalId(report.rollup.function) },
      MaximumRetryAttempts: ROLLUP_RETRY_ATTEMPTS,
    });
  });

  it('may only put objects under reports/ in the reports bucket (no read, no delete)', () => {
    const s3 = rollupStatements().filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
    expect(s3.flatMap(actionsOf)).toEqual(['s3:PutObject']);
    expect(JSON.stringify(s3[0]!.Resource)).toContain(logicalId(report.bucket));
    expect(JSON.stringify(s3[0]!.Resource)).toContain('/reports/*');
  });

  it('reads and writes the table (reports are stored there too)', () => {
    const actions = rollupStatements().flatMap(actionsOf);
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:BatchGetItem', 'dynamodb:PutItem']));
  });
});

describe('the reports bucket', () => {
  it('is private, KMS-encrypted, versioned and logged', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: Match.anyValue() },
            BucketKeyEnabled: true,
          },
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: { DestinationBucketName: { Ref: logicalId(report.accessLogs) } },
    });
  });

  it('refuses any request without TLS', () => {
    const policies = ofType('AWS::S3::BucketPolicy').map(([, r]) => r.Properties as Json);
    const reportsPolicy = policies.find(
      (p) => JSON.stringify(p.Bucket) === JSON.stringify({ Ref: logicalId(report.bucket) }),
    );
    expect(JSON.stringify(reportsPolicy)).toContain('"aws:SecureTransport":"false"');
  });

  it('and the dead-letter queue is encrypted with the customer managed key and TLS-only', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      KmsMasterKeyId: { 'Fn::GetAtt': [logicalId(report.key), 'Arn'] },
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
});

describe('alarms', () => {
  const alarms = () => ofType('AWS::CloudWatch::Alarm').map(([, r]) => r.Properties as Json);

  it('alarm when a run fails (function errors) and when anything reaches the dead-letter queue, to the alarm topic', () => {
    const fnRef = JSON.stringify({ Ref: logicalId(report.rollup.function) });
    // The errors metric carries a label, so it is rendered as a Metrics entry rather than MetricName.
    const failed = alarms().find(
      (a) => JSON.stringify(a).includes('"MetricName":"Errors"') && JSON.stringify(a).includes(fnRef),
    );
    const dlq = alarms().find(
      (a) =>
        a.MetricName === 'ApproximateNumberOfMessagesVisible' &&
        JSON.stringify(a.Dimensions).includes(logicalId(report.deadLetterQueue)),
    );
    for (const alarm of [failed, dlq]) {
      expect(alarm).toBeDefined();
      expect(alarm!.AlarmActions).toEqual([{ Ref: logicalId(operations.alarmTopic) }]);
      expect(alarm!.Threshold).toBe(1);
    }
  });
});

describe('compliance', () => {
  it('passes the AwsSolutions and HIPAA Security cdk-nag packs with zero violations', () => {
    expect(nagViolations(stack)).toEqual([]);
  });

  it('synthesizes without annotation errors', () => {
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
  });
});
