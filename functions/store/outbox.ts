import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { MessageFacts } from '../domain/message-templates.ts';
import { CHANNELS, MESSAGE_KINDS, type Channel, type MessageKind } from '../schemas/message-kinds.ts';
import { messageId, reminderDueAt, reminderSmsSendAt, smsSendAt } from '../domain/notifications.ts';
import type { AppointmentRecord } from '../domain/model.ts';
import type { PrescriptionRecord } from '../domain/prescriptions.ts';
import * as z from '../schemas/zod.ts';
import { db, tableName } from './client.ts';
import { keys } from './keys.ts';
import { storedItem } from './stored-item.ts';
import { queryPage } from './read.ts';
import { send, type GuardedItem } from './dynamo.ts';

/**
 * The outbox: a message's intent is written in the same TransactWriteItems as the change it is
 * about, so no committed change loses its message. One item per message id (kind, subject,
 * channel), waiting in GSI1 `OUTBOX#DUE` by when it may go; the sender (functions/notifications)
 * sweeps what is due, sends it, and deletes it in the same transaction as the record that it was
 * sent. Both channels are written for every event: whether the patient gave that channel, and
 * wants that kind of message, is decided when it goes, from the preferences as they are then.
 */
export interface OutboxMessage extends MessageFacts {
  messageId: string;
  channel: Channel;
  /** The appointment or prescription request the message is about. */
  ref: string;
  practice: string;
  nhsNumber: string;
  /** When it may go (quiet hours applied for SMS). */
  sendAt: string;
  createdAt: string;
  /** Delivery attempts so far (each claim counts one). */
  attempts: number;
  /** A sender holds it until then (absent: nobody). */
  leaseUntil?: string;
}

/** The subject of a message: whose, about what, from which practice. */
export interface MessageSubject {
  kind: MessageKind;
  ref: string;
  practice: string;
  nhsNumber: string;
  practiceName: string;
  timeZone: string;
  start?: string;
  pharmacy?: string;
}

function putMessage(subject: MessageSubject, channel: Channel, sendAt: Date, now: Date): GuardedItem {
  const id = messageId(subject.kind, subject.ref, channel);
  const message: OutboxMessage = {
    ...subject,
    messageId: id,
    channel,
    sendAt: sendAt.toISOString(),
    createdAt: now.toISOString(),
    attempts: 0,
  };
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: {
          ...keys.outboxMessage(id),
          entity: 'outbox',
          ...message,
          GSI1PK: keys.outboxDuePartition,
          GSI1SK: keys.outboxDueSort(message.sendAt, id),
        },
      },
    },
  };
}

/** A message that goes now: e-mail at once, SMS at once unless quiet hours hold it. */
function messageItems(subject: MessageSubject, now: Date): GuardedItem[] {
  return CHANNELS.map((channel) =>
    putMessage(subject, channel, channel === 'sms' ? smsSendAt(now, subject.timeZone) : now, now),
  );
}

/** The appointment's reminders (none when reminders are off or it is too late for one). */
function reminderItems(
  appointment: AppointmentRecord,
  practiceName: string,
  timeZone: string,
  reminderHoursBefore: number,
  now: Date,
): GuardedItem[] {
  const start = new Date(appointment.start);
  const due = reminderDueAt(start, reminderHoursBefore, now);
  if (!due) return [];
  const subject = appointmentSubject('appointment-reminder', appointment, practiceName, timeZone);
  return [
    putMessage(subject, 'email', due, now),
    putMessage(subject, 'sms', reminderSmsSendAt(due, start, now, timeZone), now),
  ];
}

/**
 * Takes a cancelled or moved appointment's reminders out of the outbox (unconditionally: they may
 * have gone already, or never have been written).
 */
function dropReminderItems(appointmentId: string): GuardedItem[] {
  return CHANNELS.map((channel) => ({
    item: {
      Delete: {
        TableName: tableName(),
        Key: keys.outboxMessage(messageId('appointment-reminder', appointmentId, channel)),
      },
    },
  }));
}

function appointmentSubject(
  kind: MessageKind,
  a: AppointmentRecord,
  practiceName: string,
  timeZone: string,
): MessageSubject {
  return {
    kind,
    ref: a.appointmentId,
    practice: a.practice,
    nhsNumber: a.nhsNumber,
    practiceName,
    timeZone,
    start: a.start,
  };
}

// ── The outbox items each change writes in its own transaction ─────────────────────────────────

/** Who a message is from: the practice's name and the time zone its times are told in. */
export type Sender = { name: string; timeZone: string };

/** A booking (by the patient, a proxy or the practice): its confirmation and its reminders. */
export function bookedMessageItems(
  from: Sender,
  appointment: AppointmentRecord,
  reminderHoursBefore: number,
  now: Date,
): GuardedItem[] {
  return [
    ...messageItems(appointmentSubject('appointment-booked', appointment, from.name, from.timeZone), now),
    ...reminderItems(appointment, from.name, from.timeZone, reminderHoursBefore, now),
  ];
}

/** Cancelled by the patient (or moved): its reminders never go. */
export function cancelledMessageItems(appointment: AppointmentRecord): GuardedItem[] {
  return dropReminderItems(appointment.appointmentId);
}

/**
 * Cancelled by the practice: its reminders never go and the patient is told, unless `silent`
 * (the patient has died).
 */
export function practiceCancelledMessageItems(
  from: Sender,
  appointment: AppointmentRecord,
  now: Date,
  silent = false,
): GuardedItem[] {
  return [
    ...dropReminderItems(appointment.appointmentId),
    ...(silent
      ? []
      : messageItems(
          appointmentSubject('appointment-cancelled-by-practice', appointment, from.name, from.timeZone),
          now,
        )),
  ];
}

/** A prescription request approved, rejected or issued: the patient is told (issued: with the pharmacy). */
export function prescriptionMessageItems(
  from: Sender,
  rx: Pick<PrescriptionRecord, 'prescriptionId' | 'practice' | 'nhsNumber' | 'pharmacy'>,
  transition: 'approve' | 'reject' | 'issue',
  now: Date,
): GuardedItem[] {
  const kind = (
    { approve: 'prescription-approved', reject: 'prescription-rejected', issue: 'prescription-issued' } as const
  )[transition];
  return messageItems(
    {
      kind,
      ref: rx.prescriptionId,
      practice: rx.practice,
      nhsNumber: rx.nhsNumber,
      practiceName: from.name,
      timeZone: from.timeZone,
      ...(transition === 'issue' && rx.pharmacy ? { pharmacy: rx.pharmacy } : {}),
    },
    now,
  );
}

/** A waiting message as stored (its status and failure, once dead, are for the operators only). */
const outboxFrom = /* @__PURE__ */ storedItem('outbox message', (): z.ZodMiniType<OutboxMessage> =>
  z.object({
    messageId: z.string(),
    channel: z.enum(CHANNELS),
    kind: z.enum(MESSAGE_KINDS),
    ref: z.string(),
    practice: z.string(),
    nhsNumber: z.string(),
    practiceName: z.string(),
    timeZone: z.string(),
    start: z.optional(z.string()),
    pharmacy: z.optional(z.string()),
    sendAt: z.string(),
    createdAt: z.string(),
    attempts: z.number(),
    leaseUntil: z.optional(z.string()),
  }),
);

/**
 * Messages whose time has come, oldest first: one Query on GSI1 `OUTBOX#DUE` up to now. The index
 * is eventually consistent, so each one is claimed on the table before anything is sent.
 */
export async function queryDueMessages(now: Date, limit: number): Promise<OutboxMessage[]> {
  const { items } = await queryPage({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK <= :now',
    ExpressionAttributeValues: { ':pk': keys.outboxDuePartition, ':now': `${now.toISOString()}#\uffff` },
    Limit: limit,
  });
  return items.map(outboxFrom);
}

/**
 * Claims a due message for one sender until `leaseUntil`, counting the attempt: a conditional
 * UpdateItem, so of two senders only one holds it, and a message deleted meanwhile (a cancelled
 * appointment's reminder) is not claimed at all. Undefined when not claimed.
 */
export async function claimMessage(id: string, now: Date, leaseUntil: Date): Promise<OutboxMessage | undefined> {
  try {
    const out = await send(() =>
      db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: keys.outboxMessage(id),
          UpdateExpression: 'SET leaseUntil = :lease ADD attempts :one',
          ConditionExpression:
            'attribute_exists(PK) AND attribute_exists(GSI1PK) AND sendAt <= :now AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)',
          ExpressionAttributeValues: { ':lease': leaseUntil.toISOString(), ':now': now.toISOString(), ':one': 1 },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return out.Attributes ? outboxFrom(out.Attributes) : undefined;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}

/** The claimed message leaves the outbox (only while this sender's lease on it stands). */
export function deleteClaimedItem(message: OutboxMessage): GuardedItem {
  return {
    item: {
      Delete: {
        TableName: tableName(),
        Key: keys.outboxMessage(message.messageId),
        ConditionExpression: 'leaseUntil = :lease',
        ExpressionAttributeValues: { ':lease': message.leaseUntil },
      },
    },
  };
}

/** A year: far longer than any message waits or is retried, so a record outlives every retry. */
const SENT_RECORD_TTL_SECONDS = 366 * 86_400;

/**
 * The record that a message was sent, written only if absent: a second sender's (or a retried
 * batch's) record fails this condition, so its transaction, and anything it carries, is refused.
 */
export function sentRecordItem(message: OutboxMessage, sentAt: Date, onAlreadySent: () => Error): GuardedItem {
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: {
          ...keys.sentMessage(message.messageId),
          entity: 'sent-message',
          messageId: message.messageId,
          kind: message.kind,
          channel: message.channel,
          sentAt: sentAt.toISOString(),
          expiresAt: Math.floor(sentAt.getTime() / 1000) + SENT_RECORD_TTL_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    onConditionFailed: onAlreadySent,
  };
}

/**
 * A failed attempt: the message waits again until `retryAt` (leaving the lease), or, with no
 * attempts left, leaves the due index for good, kept as `dead` for the operators.
 */
export function rescheduleItem(message: OutboxMessage, retryAt: Date): GuardedItem {
  return {
    item: {
      Update: {
        TableName: tableName(),
        Key: keys.outboxMessage(message.messageId),
        UpdateExpression: 'SET sendAt = :at, GSI1SK = :sort REMOVE leaseUntil',
        ConditionExpression: 'leaseUntil = :lease',
        ExpressionAttributeValues: {
          ':at': retryAt.toISOString(),
          ':sort': keys.outboxDueSort(retryAt.toISOString(), message.messageId),
          ':lease': message.leaseUntil,
        },
      },
    },
  };
}

export function deadLetterItem(message: OutboxMessage, at: Date, reason: string): GuardedItem {
  return {
    item: {
      Update: {
        TableName: tableName(),
        Key: keys.outboxMessage(message.messageId),
        UpdateExpression: 'SET #status = :dead, deadAt = :at, failure = :reason REMOVE GSI1PK, GSI1SK, leaseUntil',
        ConditionExpression: 'leaseUntil = :lease',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':dead': 'dead',
          ':at': at.toISOString(),
          ':reason': reason,
          ':lease': message.leaseUntil,
        },
      },
    },
  };
}
