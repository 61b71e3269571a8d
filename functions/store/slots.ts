import { BatchWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { ProblemError } from '../domain/errors.ts';
import type { SlotRecord } from '../domain/model.ts';
import type { Slot } from '../schemas/slots.ts';
import { db, tableName } from './client.ts';
import { keys } from './keys.ts';
import { decodeToken, encodeToken, getItem, queryPage, type Item, type Page } from './read.ts';
import { send, transact, type GuardedItem } from './transact.ts';

export const slotKey = keys.slot;

export function slotFrom(item: Item | undefined): SlotRecord | undefined {
  if (!item) return undefined;
  return {
    slotId: String(item.slotId),
    practice: String(item.practice),
    start: String(item.start),
    end: String(item.end),
    clinician: String(item.clinician),
    type: String(item.type),
    channel: item.channel as SlotRecord['channel'],
    status: item.status as SlotRecord['status'],
    ...(item.appointmentId ? { appointmentId: item.appointmentId as string } : {}),
  };
}

/** The sparse GSI1 entry that makes a slot findable as free. */
const freeIndexAttributes = (s: Pick<SlotRecord, 'practice' | 'start' | 'slotId'>) => ({
  GSI1PK: keys.freeSlotsPartition(s.practice),
  GSI1SK: keys.startSort(s.start, s.slotId),
});

function slotItem(slot: SlotRecord): Item {
  return {
    ...keys.slot(slot.practice, slot.slotId),
    entity: 'slot',
    ...slot,
    ...(slot.status === 'free' ? freeIndexAttributes(slot) : {}),
    GSI2PK: keys.clinicianPartition(slot.practice, slot.clinician),
    GSI2SK: keys.startSort(slot.start, slot.slotId),
  };
}

export async function getSlot(practice: string, slotId: string): Promise<SlotRecord | undefined> {
  return slotFrom(await getItem(keys.slot(practice, slotId)));
}

export interface FreeSlotQuery {
  practice: string;
  /** ISO instants, inclusive from, exclusive to. */
  from: string;
  to: string;
  type?: string;
  channel?: string;
  clinician?: string;
  limit: number;
  nextToken?: string;
}

/**
 * Free slots of a practice in a time window, by start: one Query on GSI1, which holds ONLY free
 * slots (booking removes the entry), so no read is spent on booked ones. The optional
 * type/channel/clinician filters narrow free slots only.
 */
export async function queryFreeSlots(q: FreeSlotQuery): Promise<Page<Slot>> {
  const partition = keys.freeSlotsPartition(q.practice);
  const filters: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':pk': partition, ':from': q.from, ':to': q.to };
  for (const field of ['type', 'channel', 'clinician'] as const) {
    const value = q[field];
    if (value !== undefined) {
      filters.push(`#${field} = :${field}`);
      names[`#${field}`] = field;
      values[`:${field}`] = value;
    }
  }
  const { items, lastKey } = await queryPage({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK BETWEEN :from AND :to',
    ...(filters.length ? { FilterExpression: filters.join(' AND '), ExpressionAttributeNames: names } : {}),
    ExpressionAttributeValues: values,
    Limit: q.limit,
    ExclusiveStartKey: decodeToken(q.nextToken, { GSI1PK: partition }),
  });
  return {
    items: items.map((item) => {
      const s = slotFrom(item)!;
      return { slotId: s.slotId, start: s.start, end: s.end, clinician: s.clinician, type: s.type, channel: s.channel };
    }),
    ...(lastKey ? { nextToken: encodeToken(lastKey) } : {}),
  };
}

/**
 * A clinician's live (free or booked) slots starting in [from, to): one Query per page on GSI2.
 * Used for the overlap check when publishing.
 */
export async function clinicianSlotsStartingBetween(practice: string, clinician: string, from: string, to: string) {
  const slots: SlotRecord[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const { items, lastKey } = await queryPage({
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': keys.clinicianPartition(practice, clinician), ':from': from, ':to': to },
      ExclusiveStartKey: startKey,
    });
    slots.push(...items.map((i) => slotFrom(i)!));
    startKey = lastKey;
  } while (startKey);
  return slots;
}

/** TransactWriteItems takes at most 100 items. */
const TRANSACTION_LIMIT = 100;

/**
 * Inserts new slots all or nothing. Up to 100 go in one transaction; a larger batch is written
 * in transactions of 100 and, should one fail, the ones already written are deleted again
 * before the error propagates.
 */
export async function insertSlots(slots: SlotRecord[]): Promise<void> {
  const written: SlotRecord[] = [];
  try {
    for (let i = 0; i < slots.length; i += TRANSACTION_LIMIT) {
      const chunk = slots.slice(i, i + TRANSACTION_LIMIT);
      await transact(
        chunk.map((slot): GuardedItem => ({
          item: {
            Put: { TableName: tableName(), Item: slotItem(slot), ConditionExpression: 'attribute_not_exists(PK)' },
          },
        })),
      );
      written.push(...chunk);
    }
  } catch (error) {
    await deleteSlots(written);
    throw error;
  }
}

async function deleteSlots(slots: SlotRecord[]): Promise<void> {
  for (let i = 0; i < slots.length; i += 25) {
    const chunk = slots.slice(i, i + 25);
    await send(() =>
      db().send(
        new BatchWriteCommand({
          RequestItems: {
            [tableName()]: chunk.map((s) => ({ DeleteRequest: { Key: keys.slot(s.practice, s.slotId) } })),
          },
        }),
      ),
    );
  }
}

/**
 * Withdraws a free slot: it leaves both indexes (no longer bookable, no longer blocks the
 * clinician's diary) but stays, so booking it answers slot-unavailable rather than not-found.
 */
export async function withdrawFreeSlot(practice: string, slotId: string, now: Date): Promise<void> {
  try {
    await send(() =>
      db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: keys.slot(practice, slotId),
          UpdateExpression: 'SET #status = :withdrawn, withdrawnAt = :now REMOVE GSI1PK, GSI1SK, GSI2PK, GSI2SK',
          ConditionExpression: '#status = :free',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':withdrawn': 'withdrawn', ':free': 'free', ':now': now.toISOString() },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const old = slotFrom(error.Item ? unmarshall(error.Item) : undefined);
    if (!old) throw new ProblemError('not-found', 'No such slot at this practice');
    if (old.status === 'booked')
      throw new ProblemError('slot-booked', 'The slot is booked: cancel the appointment first');
    // Already withdrawn: DELETE is idempotent.
  }
}

/** Booking takes the slot out of the free index, only if it is still free. */
export function bookSlotItem(slot: SlotRecord, appointmentId: string): GuardedItem {
  return {
    item: {
      Update: {
        TableName: tableName(),
        Key: keys.slot(slot.practice, slot.slotId),
        UpdateExpression: 'SET #status = :booked, appointmentId = :aid REMOVE GSI1PK, GSI1SK',
        ConditionExpression: '#status = :free',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':booked': 'booked', ':free': 'free', ':aid': appointmentId },
      },
    },
    onConditionFailed: () =>
      new ProblemError('slot-unavailable', 'That slot has just been taken. Please choose another.'),
  };
}

/** Cancelling frees the slot again, only if this appointment still holds it. */
export function releaseSlotItem(
  slot: Pick<SlotRecord, 'practice' | 'slotId' | 'start'>,
  appointmentId: string,
): GuardedItem {
  const free = freeIndexAttributes(slot);
  return {
    item: {
      Update: {
        TableName: tableName(),
        Key: keys.slot(slot.practice, slot.slotId),
        UpdateExpression: 'SET #status = :free, GSI1PK = :g1pk, GSI1SK = :g1sk REMOVE appointmentId',
        ConditionExpression: 'appointmentId = :aid',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':free': 'free',
          ':aid': appointmentId,
          ':g1pk': free.GSI1PK,
          ':g1sk': free.GSI1SK,
        },
      },
    },
    onConditionFailed: () => new Error(`slot ${slot.slotId} is not held by appointment ${appointmentId}`),
  };
}
