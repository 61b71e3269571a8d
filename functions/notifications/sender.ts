import type { Clock } from '../domain/clock.ts';
import { renderMessage } from '../domain/message-templates.ts';
import type { Channel, MessageKind } from '../schemas/message-kinds.ts';
import { addressFor, MAX_DELIVERY_ATTEMPTS, retryDelayMs } from '../domain/notifications.ts';
import { messageOutcomeItems } from '../store/counters.ts';
import { getPreferences } from '../store/notification-preferences.ts';
import {
  claimMessage,
  deadLetterItem,
  deleteClaimedItem,
  queryDueMessages,
  rescheduleItem,
  sentRecordItem,
  type OutboxMessage,
} from '../store/outbox.ts';
import { getItem, type GuardedItem } from '../store/dynamo.ts';
import { keys } from '../store/keys.ts';
import { transact } from '../store/transact.ts';

/**
 * The sender: one sweep takes the messages that are due, and for each one, on its own: claims it
 * (a lease, so two sweeps never send one message at once), looks up where the patient wants it
 * now, sends it through its channel, and then writes the record that it was sent (conditioned on
 * there being none) in one transaction with its removal from the outbox and the report's count.
 *
 * A message therefore goes once, whatever is retried: a batch cut short is swept again, and a
 * message already recorded is only removed. The one exception is a sender dying in the instant
 * after the provider accepted a message and before its record was written: the lease runs out and
 * the message is sent again (SES and SNS take no idempotency key). Local mode's channel writes its
 * outbox entry inside that same transaction, so locally even that window is closed.
 *
 * The same code runs deployed (a scheduled Lambda) and in local mode (a timer in the process).
 */
export interface OutgoingMessage {
  messageId: string;
  channel: Channel;
  kind: MessageKind;
  nhsNumber: string;
  to: string;
  subject?: string;
  body: string;
}

/**
 * One channel's provider. It either sends (SES, SNS) and returns nothing, or returns transaction
 * items that stand for the sending (local mode's outbox), committed with the sent record.
 */
export interface ChannelProvider {
  send(message: OutgoingMessage, at: Date): Promise<GuardedItem[]>;
}
export type ChannelProviders = Record<Channel, ChannelProvider>;

export interface SenderOptions {
  /** A channel left out is not offered by this deployment: its messages are dropped. */
  providers: Partial<ChannelProviders>;
  clock: Clock;
  /** How long a claim holds a message: longer than one delivery can take. */
  leaseMs: number;
  /** The first retry's delay; each further one doubles. */
  retryBaseMs: number;
  /** Messages taken per sweep. */
  batchSize: number;
  /** Told of each message given up on (deployed: the dead-letter queue). No patient data. */
  onDeadLetter?: (message: {
    messageId: string;
    kind: MessageKind;
    channel: Channel;
    attempts: number;
  }) => Promise<void>;
  /** Told of each failed attempt (for logs: the id and the error, nothing of the patient). */
  onFailure?: (messageId: string, error: unknown) => void;
}

export type Outcome = 'sent' | 'skipped' | 'already-sent' | 'retry' | 'dead' | 'not-claimed';

export interface SweepResult {
  due: number;
  outcomes: Record<Outcome, number>;
  /** Messages whose delivery could not even be recorded (e.g. the database went away). */
  errors: number;
}

class AlreadySent extends Error {
  constructor() {
    super('message already sent');
    this.name = 'AlreadySent';
  }
}

/** One sweep: every due message (up to batchSize), each delivered on its own, at most 10 at a time. */
export async function sweepOnce(options: SenderOptions): Promise<SweepResult> {
  const due = await queryDueMessages(options.clock.now(), options.batchSize);
  const result: SweepResult = {
    due: due.length,
    outcomes: { sent: 0, skipped: 0, 'already-sent': 0, retry: 0, dead: 0, 'not-claimed': 0 },
    errors: 0,
  };
  for (let i = 0; i < due.length; i += 10) {
    const settled = await Promise.allSettled(due.slice(i, i + 10).map((m) => deliver(m.messageId, options)));
    for (const s of settled) {
      if (s.status === 'fulfilled') result.outcomes[s.value]++;
      else result.errors++;
    }
  }
  return result;
}

/** Claims, sends and records one message. Throws only when the database itself fails. */
export async function deliver(id: string, options: SenderOptions): Promise<Outcome> {
  const now = options.clock.now();
  const message = await claimMessage(id, now, new Date(now.getTime() + options.leaseMs));
  if (!message) return 'not-claimed';

  const [prefs, sent] = await Promise.all([
    getPreferences(message.practice, message.nhsNumber),
    getItem(keys.sentMessage(message.messageId)),
  ]);
  if (sent) {
    await transact([deleteClaimedItem(message)]);
    return 'already-sent';
  }
  const to = addressFor(prefs, message.kind, message.channel);
  const provider = options.providers[message.channel];
  if (!to || !provider) {
    await transact([deleteClaimedItem(message)]);
    return 'skipped';
  }

  const rendered = renderMessage(message, message.channel);
  let sending: GuardedItem[];
  try {
    sending = await provider.send(
      {
        messageId: message.messageId,
        channel: message.channel,
        kind: message.kind,
        nhsNumber: message.nhsNumber,
        to,
        ...rendered,
      },
      now,
    );
  } catch (error) {
    options.onFailure?.(message.messageId, error);
    return failed(message, options);
  }
  try {
    await transact([
      sentRecordItem(message, now, () => new AlreadySent()),
      deleteClaimedItem(message),
      ...messageOutcomeItems(message.practice, message.timeZone, {
        sent: true,
        kind: message.kind,
        messageId: message.messageId,
        at: now,
      }),
      ...sending,
    ]);
  } catch (error) {
    if (!(error instanceof AlreadySent)) throw error;
    await transact([deleteClaimedItem(message)]);
    return 'already-sent';
  }
  return 'sent';
}

async function failed(message: OutboxMessage, options: SenderOptions): Promise<Outcome> {
  const now = options.clock.now();
  if (message.attempts < MAX_DELIVERY_ATTEMPTS) {
    await transact([
      rescheduleItem(message, new Date(now.getTime() + retryDelayMs(message.attempts, options.retryBaseMs))),
    ]);
    return 'retry';
  }
  await transact([
    deadLetterItem(message, now, 'channel failed'),
    ...messageOutcomeItems(message.practice, message.timeZone, {
      sent: false,
      kind: message.kind,
      messageId: message.messageId,
      at: now,
    }),
  ]);
  await options.onDeadLetter?.({
    messageId: message.messageId,
    kind: message.kind,
    channel: message.channel,
    attempts: message.attempts,
  });
  return 'dead';
}
