import { randomIds } from '../domain/ids.ts';
import { tableName } from '../store/client.ts';
import { keys } from '../store/keys.ts';
import { queryPage } from '../store/read.ts';
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
              PK: keys.localOutboxPartition,
              SK: `${at.toISOString()}#${message.messageId}#${randomIds.next()}`,
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

/** What local mode "sent", oldest first (one patient's, with `nhsNumber`): Query `DEVOUTBOX`. */
export async function listLocalOutbox(nhsNumber: string | undefined): Promise<LocalOutboxEntry[]> {
  const entries: LocalOutboxEntry[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const { items, lastKey } = await queryPage({
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.localOutboxPartition },
      ConsistentRead: true,
      ExclusiveStartKey: start,
    });
    for (const item of items) {
      if (nhsNumber !== undefined && item.nhsNumber !== nhsNumber) continue;
      entries.push({
        messageId: String(item.messageId),
        channel: item.channel as OutgoingMessage['channel'],
        to: String(item.to),
        nhsNumber: String(item.nhsNumber),
        kind: item.kind as OutgoingMessage['kind'],
        ...(typeof item.subject === 'string' ? { subject: item.subject } : {}),
        body: String(item.body),
        sentAt: String(item.sentAt),
      });
    }
    start = lastKey;
  } while (start);
  return entries;
}
