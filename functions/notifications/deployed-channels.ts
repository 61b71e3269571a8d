import type { ChannelProviders } from './sender.ts';

/** The bundle of aws-channels.ts that the sender's asset carries beside its index.mjs (lib/bundling.ts). */
export const AWS_CHANNELS_FILE = 'aws-channels.mjs';

type AwsChannels = typeof import('./aws-channels.ts');

let loading: Promise<AwsChannels> | undefined;

/**
 * The SES, SNS and SQS clients, imported from their own file on the first message a sweep sends
 * (a specifier esbuild leaves alone), not with the handler: most sweeps find nothing due, and the
 * three clients were a third of the sender's bundle, putting its cold start at 1.3× a bare DynamoDB
 * client's (`npm run bench` prints both files' sizes). Tests hand in the module itself.
 */
export function loadAwsChannels(): Promise<AwsChannels> {
  const file: string = `./${AWS_CHANNELS_FILE}`;
  loading ??= import(file) as Promise<AwsChannels>;
  return loading;
}

/**
 * The deployed channels: e-mail when the deployment has a sender identity (EMAIL_FROM; without it
 * e-mail is not offered and its messages are dropped), SMS always.
 */
export function deployedChannels(channels: () => Promise<AwsChannels> = loadAwsChannels): Partial<ChannelProviders> {
  const email: ChannelProviders['email'] = {
    send: async (message) => {
      await (await channels()).sendEmail(message);
      return [];
    },
  };
  return {
    ...(process.env.EMAIL_FROM ? { email } : {}),
    sms: {
      send: async (message) => {
        await (await channels()).sendSms(message);
        return [];
      },
    },
  };
}
