import { CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { ScheduleExpression, type Schedule } from 'aws-cdk-lib/aws-scheduler';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Operations } from './operations.ts';
import { scheduleInvoke } from './scheduled-invoke.ts';
import { ServiceFunction } from './service-function.ts';

export interface NotificationsProps {
  table: ITable;
  operations: Operations;
  /** SES identity address e-mails come from ('' : no e-mail channel). */
  emailFrom: string;
  /** SMS sender id ('' : none). */
  smsSenderId: string;
  sesConfigurationSet?: string;
}

/** How often the sender sweeps the outbox (the most a confirmation waits). */
export const SWEEP_EVERY = Duration.minutes(1);

/**
 * Messages to patients, deployed: EventBridge Scheduler runs the sender every minute; it sends
 * what the outbox holds that is due, e-mail through SES and SMS through SNS, and records each
 * outcome in the table (retries with backoff; after five attempts a message is given up on and
 * its id, kind and channel go to the dead-letter queue). The dead-letter queue also takes sweeps
 * the schedule could not start. One alarm: anything in the dead-letter queue.
 *
 * The sender may send e-mail only from the configured address, and SMS only to phone numbers
 * (never to a topic); it reaches the table through the usual table grant.
 */
export class Notifications extends Construct {
  readonly key: Key;
  readonly deadLetterQueue: Queue;
  readonly sender: ServiceFunction;
  readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: NotificationsProps) {
    super(scope, id);
    const { operations } = props;
    const stack = Stack.of(this);

    this.key = new Key(this, 'Key', {
      description: 'Patient Online: encrypts the notifications dead-letter queue',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.deadLetterQueue = operations.addDeadLetterQueue(this, {
      key: this.key,
      holds: 'of the messages given up on and of the schedule target',
      alarmDescription:
        'Notifications: a message to a patient was given up on after five attempts (or a sweep could not start). The queue holds its id, kind and channel; check the sender logs for the provider error (SES identity, SNS spend limit, sandbox).',
    });

    this.sender = new ServiceFunction(this, 'Sender', {
      entry: 'scheduled/notification-sender.ts',
      description: 'Notification sender: sends the due outbox messages by SES e-mail and SNS SMS, once each',
      table: { table: props.table, access: 'read-write' },
      logKey: operations.key,
      timeout: Duration.seconds(60),
    });
    const fn = this.sender.function;
    fn.addEnvironment('DEAD_LETTER_QUEUE_URL', this.deadLetterQueue.queueUrl);
    fn.addEnvironment('EMAIL_FROM', props.emailFrom);
    fn.addEnvironment('SMS_SENDER_ID', props.smsSenderId);
    if (props.sesConfigurationSet) fn.addEnvironment('SES_CONFIGURATION_SET', props.sesConfigurationSet);
    fn.addToRolePolicy(
      new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.deadLetterQueue.queueArn] }),
    );
    this.key.grant(fn, 'kms:GenerateDataKey', 'kms:Decrypt');

    if (props.emailFrom) {
      const domain = props.emailFrom.split('@')[1]!;
      const identity = (name: string) => stack.formatArn({ service: 'ses', resource: 'identity', resourceName: name });
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['ses:SendEmail'],
          // Whichever identity is verified (the address or its domain), and only as this sender.
          resources: [
            identity(props.emailFrom),
            identity(domain),
            ...(props.sesConfigurationSet
              ? [
                  stack.formatArn({
                    service: 'ses',
                    resource: 'configuration-set',
                    resourceName: props.sesConfigurationSet,
                  }),
                ]
              : []),
          ],
          conditions: { StringEquals: { 'ses:FromAddress': props.emailFrom } },
        }),
      );
    }
    // SNS has no resource for a phone number, so Publish is allowed on * and denied on every topic:
    // what remains is sending text messages.
    fn.addToRolePolicy(new PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] }));
    fn.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.DENY,
        actions: ['sns:Publish'],
        resources: [stack.formatArn({ service: 'sns', resource: '*', region: '*', account: '*' })],
      }),
    );
    // Sweeps never overlap: each claim is leased anyway, but one at a time keeps SES/SNS rates predictable.
    const cfn = fn.node.defaultChild as CfnElement & { reservedConcurrentExecutions?: number };
    cfn.reservedConcurrentExecutions = 1;
    Validations.of(this.sender.role.node.findChild('DefaultPolicy')).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Notifications/Sender: sns:Publish to a phone number has no resource-level permission, so it is allowed on * and denied on every SNS topic (arn:aws:sns:*:*:*); X-Ray also needs *.',
    });
    Validations.of(fn).acknowledge({
      id: 'HIPAA.Security-LambdaDLQ',
      reason:
        'Notifications/Sender: invoked by EventBridge Scheduler, whose target has the dead-letter queue and retry policy; each message outcome is kept in the table and given-up messages go to the same queue.',
    });

    this.schedule = scheduleInvoke(this, {
      target: fn,
      targetName: 'the notification sender',
      description: 'Notification sender: every minute, sends the due outbox messages',
      schedule: ScheduleExpression.rate(SWEEP_EVERY),
      key: this.key,
      deadLetterQueue: this.deadLetterQueue,
      // The next sweep is a minute away: a missed one needs no long retry.
      retryAttempts: 2,
      maxEventAge: Duration.minutes(5),
    });

    operations.watchFunction('NotificationSender', fn);
  }
}
