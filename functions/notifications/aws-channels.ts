import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { ChannelProviders } from './sender.ts';

/**
 * The deployed channels: e-mail through Amazon SES (from the configured identity), SMS through
 * Amazon SNS (transactional, with the configured sender id). Neither takes an idempotency key,
 * which is why the sender records each message after the provider accepted it.
 */
export function awsChannels(): Partial<ChannelProviders> {
  const ses = new SESv2Client({});
  const sns = new SNSClient({});
  // Empty when the deployment has no e-mail channel (no SES identity configured).
  const from = process.env.EMAIL_FROM ?? '';
  const configurationSet = process.env.SES_CONFIGURATION_SET || undefined;
  const senderId = process.env.SMS_SENDER_ID ?? '';
  const email: ChannelProviders['email'] = {
    send: async (message) => {
      await ses.send(
        new SendEmailCommand({
          FromEmailAddress: from,
          Destination: { ToAddresses: [message.to] },
          ConfigurationSetName: configurationSet,
          Content: {
            Simple: {
              Subject: { Data: message.subject ?? '', Charset: 'UTF-8' },
              Body: { Text: { Data: message.body, Charset: 'UTF-8' } },
            },
          },
        }),
      );
      return [];
    },
  };
  return {
    ...(from ? { email } : {}),
    sms: {
      send: async (message) => {
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
        return [];
      },
    },
  };
}
