import { randomIds } from '../domain/ids.ts';
import { tableName } from '../store/client.ts';
import { keys } from '../store/keys.ts';
import { storedItem } from '../store/stored-item.ts';
import { queryAll } from '../store/read.ts';
import { LocalOutboxMessage } from '../schemas/notifications.ts';
import type * as z from '../schemas/zod.ts';
import type { ChannelProvider, ChannelProviders, OutgoingMessage } from './sender.ts';

/**
 * Local mode's channels: instead of SES and SNS, an entry in the local outbox (`GET /dev/outbox`),
 * written in the sender's own transaction with the record that the message was sent. Every
 * delivery is a new entry (never an overwrite), so a message sent twice would show twice.
 */
export const localOutbox: ChannelProvider = {
  send: (message: OutgoingMessage, at: Date) =>
    Promise.resolve([
      {
        item: {
          Put: {
            TableName: tableName(),
            Item: {
              ...keys.localOutboxEntry(at.toISOString(), message.messageId, randomIds.next()),
              entity: 'local-outbox',
              ...message,
              sentAt: at.toISOString(),
            },
          },
        },
      },
    ]),
};

export const localChannels: ChannelProviders = { email: localOutbox, sms: localOutbox };

export interface LocalOutboxEntry extends OutgoingMessage {
  sentAt: string;
}

const entryFrom = /* @__PURE__ */ storedItem(
  'local outbox entry',
  (): z.ZodMiniType<LocalOutboxEntry> => LocalOutboxMessage,
);

/** What local mode "sent", oldest first (one patient's, with `nhsNumber`): Query `DEVOUTBOX`. */
export async function listLocalOutbox(nhsNumber: string | undefined): Promise<LocalOutboxEntry[]> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.localOutboxPartition },
    ConsistentRead: true,
  });
  return items.filter((item) => nhsNumber === undefined || item.nhsNumber === nhsNumber).map(entryFrom);
}
