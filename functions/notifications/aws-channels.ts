import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { OutgoingMessage } from './sender.ts';

/**
 * The deployed sender's AWS calls: e-mail through Amazon SES (from the configured identity), SMS
 * through Amazon SNS (transactional, with the configured sender id), and the dead-letter queue
 * (SQS). Neither SES nor SNS takes an idempotency key, which is why the sender records each
 * message after the provider accepted it. The sender's asset carries this module as its own
 * bundle (AWS_CHANNELS_FILE, see deployed-channels.ts), loaded on the first message a sweep sends.
 */

let ses: SESv2Client | undefined;
let sns: SNSClient | undefined;
let sqs: SQSClient | undefined;

export async function sendEmail(message: OutgoingMessage): Promise<void> {
  ses ??= new SESv2Client({});
  await ses.send(
    new SendEmailCommand({
      FromEmailAddress: process.env.EMAIL_FROM ?? '',
      Destination: { ToAddresses: [message.to] },
      ConfigurationSetName: process.env.SES_CONFIGURATION_SET || undefined,
      Content: {
        Simple: {
          Subject: { Data: message.subject ?? '', Charset: 'UTF-8' },
          Body: { Text: { Data: message.body, Charset: 'UTF-8' } },
        },
      },
    }),
  );
}

export async function sendSms(message: OutgoingMessage): Promise<void> {
  const senderId = process.env.SMS_SENDER_ID ?? '';
  sns ??= new SNSClient({});
  await sns.send(
    new PublishCommand({
      PhoneNumber: message.to,
      Message: message.body,
      MessageAttributes: {
        'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
        ...(senderId ? { 'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: senderId } } : {}),
      },
    }),
  );
}

/** A message given up on, to the dead-letter queue: its id, kind and channel only, no patient data. */
export async function sendToDeadLetterQueue(queueUrl: string, message: object): Promise<void> {
  sqs ??= new SQSClient({});
  await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(message) }));
}
