import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as awsChannelsModule from '../../functions/notifications/aws-channels.ts';
import { deployedChannels } from '../../functions/notifications/deployed-channels.ts';
import type { OutgoingMessage } from '../../functions/notifications/sender.ts';

const ses = mockClient(SESv2Client);
const sns = mockClient(SNSClient);
const sqs = mockClient(SQSClient);
/** The deployed channels over this module, as the sender's asset loads it from its own file. */
const awsChannels = () => deployedChannels(() => Promise.resolve(awsChannelsModule));

beforeEach(() => {
  ses.reset();
  sns.reset();
  sqs.reset();
  ses.on(SendEmailCommand).resolves({ MessageId: 'e-1' });
  sns.on(PublishCommand).resolves({ MessageId: 's-1' });
});
afterEach(() => vi.unstubAllEnvs());

const AT = new Date('2026-12-01T09:00:00Z');
const aMessage = (
  message: Pick<OutgoingMessage, 'channel' | 'to' | 'body'> & Partial<OutgoingMessage>,
): OutgoingMessage => ({
  messageId: 'm-1',
  kind: 'appointment-booked',
  nhsNumber: '9990000018',
  ...message,
});

describe('the deployed channels', () => {
  it('send e-mail through SES from the configured identity and configuration set', async () => {
    vi.stubEnv('EMAIL_FROM', 'surgery@example.nhs.uk');
    vi.stubEnv('SES_CONFIGURATION_SET', 'patient-online');
    const { email } = awsChannels();
    await email!.send(
      aMessage({ channel: 'email', to: 'pat@example.com', subject: 'Your appointment', body: 'See you at 9' }),
      AT,
    );
    expect(ses.commandCalls(SendEmailCommand).map((call) => call.args[0].input)).toEqual([
      {
        FromEmailAddress: 'surgery@example.nhs.uk',
        Destination: { ToAddresses: ['pat@example.com'] },
        ConfigurationSetName: 'patient-online',
        Content: {
          Simple: {
            Subject: { Data: 'Your appointment', Charset: 'UTF-8' },
            Body: { Text: { Data: 'See you at 9', Charset: 'UTF-8' } },
          },
        },
      },
    ]);
  });

  it('offer no e-mail channel when no SES identity is configured', () => {
    vi.stubEnv('EMAIL_FROM', '');
    expect(awsChannels().email).toBeUndefined();
  });

  it('send SMS through SNS as transactional, with the sender id when one is configured', async () => {
    vi.stubEnv('SMS_SENDER_ID', 'NHSGP');
    await awsChannels().sms!.send(
      aMessage({ channel: 'sms', to: '+447700900123', body: 'Your prescription is ready' }),
      AT,
    );
    vi.stubEnv('SMS_SENDER_ID', '');
    await awsChannels().sms!.send(aMessage({ channel: 'sms', to: '+447700900124', body: 'Reminder' }), AT);
    const [withSender, without] = sns.commandCalls(PublishCommand).map((call) => call.args[0].input);
    expect(withSender).toEqual({
      PhoneNumber: '+447700900123',
      Message: 'Your prescription is ready',
      MessageAttributes: {
        'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
        'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'NHSGP' },
      },
    });
    expect(without?.MessageAttributes).toEqual({
      'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
    });
  });

  it('put a message given up on in the dead-letter queue: its id, kind and channel only', async () => {
    const deadLetter = { messageId: 'm-9', kind: 'appointment-reminder', channel: 'sms', attempts: 5 };
    await awsChannelsModule.sendToDeadLetterQueue('https://sqs.eu-west-2.amazonaws.com/1/dlq', deadLetter);
    expect(sqs.commandCalls(SendMessageCommand).map((call) => call.args[0].input)).toEqual([
      { QueueUrl: 'https://sqs.eu-west-2.amazonaws.com/1/dlq', MessageBody: JSON.stringify(deadLetter) },
    ]);
  });

  it('surface a provider failure to the sender, which retries the message', async () => {
    sns.on(PublishCommand).rejects(new Error('Throttling'));
    await expect(
      awsChannels().sms!.send(aMessage({ channel: 'sms', to: '+447700900123', body: 'x' }), AT),
    ).rejects.toThrow('Throttling');
  });
});
