import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { DataStore } from '../../lib/data-store.ts';
import { parseDeployConfig } from '../../lib/deploy-config.ts';
import { Notifications } from '../../lib/notifications.ts';
import { Operations } from '../../lib/operations.ts';
import { actionsOf, logicalId, nagViolations, roleStatements, shippedContext } from './support.ts';

type Json = Record<string, unknown>;

// The construct in a stack of its own with what it plugs into, so only the sender is bundled;
// the full stack's test runs cdk-nag over the wiring too.
let stack: Stack;
let notifications: Notifications;
let template: Template;
let resources: Record<string, Json>;

beforeAll(() => {
  const app = new App();
  stack = new Stack(app, 'NotificationsTest');
  const operations = new Operations(stack, 'Operations', { alarmEmail: 'ops@example.org' });
  const data = new DataStore(stack, 'Data');
  notifications = new Notifications(stack, 'Notifications', {
    table: data.table,
    operations,
    emailFrom: 'no-reply@riverside.example.nhs.uk',
    smsSenderId: 'Riverside',
    sesConfigurationSet: 'patient-messages',
  });
  template = Template.fromStack(stack);
  resources = (template.toJSON() as { Resources: Record<string, Json> }).Resources;
});

const senderStatements = () => roleStatements(resources, notifications.sender.role);

describe('the notification sender schedule', () => {
  it('runs the sender every minute, retrying briefly, with the encrypted dead-letter queue', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 minute)',
      State: 'ENABLED',
      Target: {
        Arn: { 'Fn::GetAtt': [logicalId(notifications.sender.function), 'Arn'] },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalId(notifications.deadLetterQueue), 'Arn'] } },
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 300 },
      },
    });
  });
});

describe('the sender function', () => {
  it('is told the sender address, the SMS sender id, the configuration set, the dead-letter queue and the table', () => {
    const fn = resources[logicalId(notifications.sender.function)]!.Properties as Json & {
      Environment: { Variables: Json };
    };
    expect(fn.Environment.Variables).toMatchObject({
      EMAIL_FROM: 'no-reply@riverside.example.nhs.uk',
      SMS_SENDER_ID: 'Riverside',
      SES_CONFIGURATION_SET: 'patient-messages',
      DEAD_LETTER_QUEUE_URL: { Ref: logicalId(notifications.deadLetterQueue) },
      TABLE_NAME: expect.anything() as unknown,
    });
    expect(fn.Timeout).toBe(60);
    // One sweep at a time.
    expect(fn.ReservedConcurrentExecutions).toBe(1);
  });

  it('may send e-mail only from the configured address, through its identity or its domain', () => {
    const ses = senderStatements().filter((s) => actionsOf(s).some((a) => a.startsWith('ses:')));
    expect(ses).toHaveLength(1);
    expect(actionsOf(ses[0]!)).toEqual(['ses:SendEmail']);
    expect(ses[0]!.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'no-reply@riverside.example.nhs.uk' } });
    const resource = JSON.stringify(ses[0]!.Resource);
    expect(resource).toContain(':identity/no-reply@riverside.example.nhs.uk');
    expect(resource).toContain(':identity/riverside.example.nhs.uk');
    expect(resource).toContain(':configuration-set/patient-messages');
  });

  it('may publish text messages to phone numbers but never to an SNS topic', () => {
    const sns = senderStatements().filter((s) => actionsOf(s).includes('sns:Publish'));
    expect(sns.map((s) => [s.Effect, JSON.stringify(s.Resource)]).sort()).toEqual([
      ['Allow', '"*"'],
      ['Deny', JSON.stringify({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:*:*:*']] })],
    ]);
  });

  it('may send to its dead-letter queue only, and use its key for it', () => {
    const sqs = senderStatements().filter((s) => actionsOf(s).some((a) => a.startsWith('sqs:')));
    expect(sqs.flatMap(actionsOf)).toEqual(['sqs:SendMessage']);
    expect(sqs[0]!.Resource).toEqual({ 'Fn::GetAtt': [logicalId(notifications.deadLetterQueue), 'Arn'] });
    const services = new Set(senderStatements().flatMap((s) => actionsOf(s).map((a) => a.split(':')[0])));
    expect([...services].sort()).toEqual(['dynamodb', 'kms', 'logs', 'ses', 'sns', 'sqs', 'xray']);
  });

  it('alarms when anything reaches the dead-letter queue', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Dimensions: [
        { Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(notifications.deadLetterQueue), 'QueueName'] } },
      ],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      KmsMasterKeyId: { 'Fn::GetAtt': [logicalId(notifications.key), 'Arn'] },
    });
  });

  it('passes both cdk-nag packs with no findings', () => {
    expect(nagViolations(stack)).toEqual([]);
  });
});

describe('deploy configuration of notifications', () => {
  it('defaults to no e-mail channel and no SMS sender id', () => {
    const result = parseDeployConfig(shippedContext());
    expect(result.ok && [result.config.emailFrom, result.config.smsSenderId]).toEqual(['', '']);
  });

  it('takes the sender address and SMS sender id from cdk.json or -c, with one line per mistake', () => {
    const ok = parseDeployConfig(shippedContext(), { emailFrom: 'gp@example.nhs.uk', smsSenderId: 'Riverside' });
    expect(ok.ok && [ok.config.emailFrom, ok.config.smsSenderId]).toEqual(['gp@example.nhs.uk', 'Riverside']);
    const bad = parseDeployConfig({
      ...shippedContext(),
      emailFrom: 'not an address',
      smsSenderId: 'Riverside Medical',
      sesConfigurationSet: 'has spaces',
    });
    expect(bad.ok ? [] : bad.errors).toEqual([
      `patientOnline.emailFrom: must be the e-mail address patients' messages come from (an SES identity), or "" for no e-mail`,
      'patientOnline.smsSenderId: must be 3 to 11 letters or digits with at least one letter (an SMS sender id), or "" for none',
      'patientOnline.sesConfigurationSet: must be an SES configuration set name (letters, digits, - and _)',
    ]);
  });
});
