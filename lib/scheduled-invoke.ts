import { CfnElement, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

export interface ScheduledInvokeProps {
  /** The function the schedule starts. */
  target: IFunction;
  /** What the function is, for the role's description and the compliance notes ("the notification sender"). */
  targetName: string;
  /** The schedule's description. */
  description: string;
  schedule: ScheduleExpression;
  /** Encrypts the schedule and the dead-letter queue. */
  key: IKey;
  /** Takes what the schedule could not deliver. */
  deadLetterQueue: IQueue;
  retryAttempts: number;
  maxEventAge: Duration;
}

/**
 * An EventBridge Scheduler schedule that invokes one function, with a role of its own (the default
 * one would live outside the calling construct): it may invoke that function only, and only for
 * schedules of this account; invocations it cannot deliver go to the encrypted dead-letter queue.
 * The role and schedule are created in `scope` as `ScheduleRole` and `Schedule`.
 */
export function scheduleInvoke(scope: Construct, props: ScheduledInvokeProps): Schedule {
  const stack = Stack.of(scope);
  const owner = scope.node.id;
  const role = new Role(scope, 'ScheduleRole', {
    assumedBy: new ServicePrincipal('scheduler.amazonaws.com').withConditions({
      StringEquals: {
        'aws:SourceAccount': stack.account,
        'aws:SourceArn': stack.formatArn({ service: 'scheduler', resource: 'schedule-group', resourceName: 'default' }),
      },
    }),
    description: `Patient Online: lets EventBridge Scheduler start ${props.targetName}`,
  });
  // Undeliverable invocations go to the dead-letter queue, encrypted with this key (the schedule grants decrypt).
  props.key.grant(role, 'kms:GenerateDataKey');
  const schedule = new Schedule(scope, 'Schedule', {
    description: props.description,
    schedule: props.schedule,
    target: new LambdaInvoke(props.target, {
      role,
      input: ScheduleTargetInput.fromObject({}),
      deadLetterQueue: props.deadLetterQueue,
      retryAttempts: props.retryAttempts,
      maxEventAge: props.maxEventAge,
    }),
    key: props.key,
  });
  const functionId = stack.getLogicalId(props.target.node.defaultChild as CfnElement);
  Validations.of(role.node.findChild('DefaultPolicy')).acknowledge(
    {
      id: `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
      reason: `${owner}/ScheduleRole: lambda:InvokeFunction on ${props.targetName} and its versions/aliases (ARN + :*), as the CDK Scheduler target grants it; no other function.`,
    },
    {
      id: 'HIPAA.Security-IAMNoInlinePolicy',
      reason: `${owner}/ScheduleRole: CDK-generated least-privilege policy attached to this role only (invoke ${props.targetName}, send to its DLQ); created and deleted with the role and never shared.`,
    },
  );
  return schedule;
}
