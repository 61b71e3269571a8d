import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { clinicianKey } from '../schemas/clinician.ts';
import { ProblemError } from '../domain/errors.ts';
import type { IdempotencyClaim } from '../domain/idempotency.ts';
import type { SlotRecord } from '../domain/model.ts';
import { BoardSlot, Slot } from '../schemas/slots.ts';
import * as z from '../schemas/zod.ts';
import { db, tableName } from './client.ts';
import { diaryRefsOf, putDiaryItem, removeFromDiaryItem, type DiaryRef } from './diary.ts';
import type { Diary } from '../domain/diary.ts';
import { commitChange, idempotencyKey, idempotencyRecordFrom, type KeptAnswer } from './idempotency.ts';
import { keys } from './keys.ts';
import { FREE_SLOT_INDEXES } from './table-definition.ts';
import { timeOrderedId } from '../domain/ids.ts';
import { storedItem } from './stored-item.ts';
import { type Item, send, type GuardedItem } from './dynamo.ts';
import { decodeToken, getItems, type Page, pageOf, queryPage } from './read.ts';
import { WriteConflictError } from './write-conflict.ts';

/** A slot as stored: the practice's view of it, its state and whose appointment holds it. */
const parseSlot = /* @__PURE__ */ storedItem('slot', (): z.ZodMiniType<SlotRecord> =>
  z.object({
    ...z.built(Slot).shape,
    practice: z.string(),
    status: z.built(BoardSlot).shape.status,
    appointmentId: z.optional(z.string()),
    // Slots published before the flag are bookable online.
    bookableOnline: z._default(z.boolean(), true),
  }),
);
/** A free slot as patients see it (GET /slots). */
const parseFreeSlot = /* @__PURE__ */ storedItem('slot', () => Slot);

export function slotFrom(item: Item | undefined): SlotRecord | undefined {
  return item && parseSlot(item);
}

/**
 * The sparse GSI1 entry of a free slot. Slots bookable online are in the practice's free-slot
 * partition, the only one patients' listings query; slots held back for the practice are in a
 * partition of their own, so a patient's query never reads them.
 */
const freeIndexAttributes = (s: Pick<SlotRecord, 'practice' | 'start' | 'slotId' | 'bookableOnline'>) => ({
  GSI1PK: s.bookableOnline ? keys.freeSlotsPartition(s.practice) : keys.heldSlotsPartition(s.practice),
  GSI1SK: keys.startSort(s.start, s.slotId),
});

/**
 * The partition keys of a slot bookable online in every FreeBy… index. They stay on the item for
 * good; the slot is in those indexes only while it also has `FreeSK`, which booking and
 * withdrawing remove and releasing sets again, so no transition needs the filter values.
 */
function filterIndexPartitions(slot: SlotRecord, key: string): Item {
  if (!slot.bookableOnline) return {};
  const values = { type: slot.type, channel: slot.channel, clinicianKey: key };
  return Object.fromEntries(
    FREE_SLOT_INDEXES.map((index) => [
      index.partitionKey,
      keys.freeSlotsMatching(slot.practice, index.filters, values),
    ]),
  );
}

/** `clinicianKey` (the normalised name) also marks a slot entered in its clinician's diaries. */
function slotItem(slot: SlotRecord): Item {
  const key = clinicianKey(slot.clinician);
  return {
    ...keys.slot(slot.practice, slot.slotId),
    entity: 'slot',
    ...slot,
    clinicianKey: key,
    // Where the slot goes back to in GSI1 when an appointment releases it.
    freeIndexPK: freeIndexAttributes(slot).GSI1PK,
    ...(slot.status === 'free' ? freeIndexAttributes(slot) : {}),
    ...filterIndexPartitions(slot, key),
    ...(slot.status === 'free' ? { FreeSK: keys.startSort(slot.start, slot.slotId) } : {}),
    GSI2PK: keys.clinicianPartition(slot.practice, key),
    GSI2SK: keys.startSort(slot.start, slot.slotId),
  };
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
 * Free slots of a practice in a time window, by start. Unfiltered: one Query on GSI1, which holds
 * ONLY free slots (booking removes the entry), so no read is spent on booked ones. With any of
 * type, channel and clinician (by normalised name, as the diaries match it): one Query on the
 * FreeBy… index of exactly that combination, in the partition of those values, so every item read
 * is one returned; a filter that matches nothing reads nothing.
 */
export async function queryFreeSlots(q: FreeSlotQuery): Promise<Page<Slot>> {
  const values = {
    type: q.type ?? '',
    channel: q.channel ?? '',
    clinicianKey: q.clinician === undefined ? '' : clinicianKey(q.clinician),
  };
  const given = (['type', 'channel', 'clinician'] as const).filter((filter) => q[filter] !== undefined);
  const index = FREE_SLOT_INDEXES.find(
    (i) => i.filters.length === given.length && given.every((filter) => i.filters.includes(filter)),
  );
  const [indexName, pkName, skName, partition] = index
    ? [index.indexName, index.partitionKey, index.sortKey, keys.freeSlotsMatching(q.practice, index.filters, values)]
    : ['GSI1', 'GSI1PK', 'GSI1SK', keys.freeSlotsPartition(q.practice)];
  const { items, lastKey } = await queryPage({
    IndexName: indexName,
    KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
    ExpressionAttributeNames: { '#pk': pkName, '#sk': skName },
    ExpressionAttributeValues: { ':pk': partition, ':from': q.from, ':to': q.to },
    Limit: q.limit,
    ExclusiveStartKey: decodeToken(q.nextToken, { [pkName]: partition }),
  });
  return pageOf(items.map(parseFreeSlot), lastKey);
}

/**
 * The slot board of a window [from, to): slot ids sort by start (`timeOrderedId`), so one Query on
 * the practice partition's SLOT# range between the two instants reads exactly the window's slots,
 * withdrawn ones included (their item stays). With a clinician, one Query on GSI2 (the clinician's
 * slots by start; withdrawn slots stay in it) reads only that clinician's.
 */
export async function querySlotBoard(q: {
  practice: string;
  from: string;
  to: string;
  clinician?: string;
  limit: number;
  nextToken?: string;
}): Promise<Page<SlotRecord>> {
  const request = q.clinician
    ? (() => {
        const partition = keys.clinicianPartition(q.practice, clinicianKey(q.clinician));
        return {
          IndexName: 'GSI2',
          KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': partition, ':from': q.from, ':to': q.to },
          ExclusiveStartKey: decodeToken(q.nextToken, { GSI2PK: partition }),
        };
      })()
    : (() => {
        const partition = keys.slot(q.practice, '').PK;
        return {
          KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': partition,
            ':from': keys.slot(q.practice, timeOrderedId(new Date(q.from), '')).SK,
            ':to': keys.slot(q.practice, timeOrderedId(new Date(q.to), '')).SK,
          },
          ConsistentRead: true,
          ExclusiveStartKey: decodeToken(q.nextToken, { PK: partition }),
        };
      })();
  const { items, lastKey } = await queryPage({ ...request, Limit: q.limit });
  const from = Date.parse(q.from);
  const to = Date.parse(q.to);
  return pageOf(
    items.map(parseSlot).filter((s) => Date.parse(s.start) >= from && Date.parse(s.start) < to),
    lastKey,
  );
}

/** A new slot; its id is fresh, so an existing item means this publish already wrote it. */
export function putSlotItem(slot: SlotRecord): GuardedItem {
  return {
    item: { Put: { TableName: tableName(), Item: slotItem(slot), ConditionExpression: 'attribute_not_exists(PK)' } },
    onConditionFailed: () =>
      new ProblemError(
        'slot-overlap',
        `Slot ${slot.slotId} of this request was already published and then withdrawn; send the request with a new Idempotency-Key`,
      ),
  };
}

/** Deletes slots a failed publish wrote (BatchWriteItem, 25 at a time). */
export async function deleteSlots(slots: readonly SlotRecord[]): Promise<void> {
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

/** A stored slot's clinician key: the mark of a slot entered in its clinician's diaries. */
const parseDiaryEntry = /* @__PURE__ */ storedItem('slot', () => z.object({ clinicianKey: z.optional(z.string()) }));

/** Whether a stored slot is entered in its clinician's diaries (every slot published with them is). */
const isInDiary = (item: Item | undefined) => item !== undefined && parseDiaryEntry(item).clinicianKey !== undefined;

/**
 * Withdraws a free slot: it leaves the free-slot indexes (no longer bookable) and its clinician's
 * diaries (no longer blocks that time), in one transaction; the slot item stays, so booking it
 * answers slot-unavailable rather than not-found. If the slot changed since it was read, the use
 * case re-reads and decides again.
 */
export function withdrawSlotItems(slot: SlotRecord, inDiary: boolean, now: Date): GuardedItem[] {
  // A slot that has ended blocks nothing (publishing is only ever into the future), and its
  // diaries may have expired.
  const diaries =
    inDiary && Date.parse(slot.end) > now.getTime()
      ? diaryRefsOf(slot.practice, clinicianKey(slot.clinician), {
          start: Date.parse(slot.start),
          end: Date.parse(slot.end),
        }).map((ref) => removeFromDiaryItem(ref, slot.slotId))
      : [];
  return [
    {
      item: {
        Update: {
          TableName: tableName(),
          Key: keys.slot(slot.practice, slot.slotId),
          // It stays in its clinician's GSI2 partition, which the slot board reads.
          UpdateExpression: 'SET #status = :withdrawn, withdrawnAt = :now REMOVE GSI1PK, GSI1SK, FreeSK',
          ConditionExpression: '#status = :free',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':withdrawn': 'withdrawn', ':free': 'free', ':now': now.toISOString() },
        },
      },
      onConditionFailed: () => new WriteConflictError(-1),
    },
    ...diaries,
  ];
}

/** What withdrawing a slot is decided on: the slot and the key's record (one BatchGetItem). */
export async function readSlotContext(practice: string, slotId: string, claim: IdempotencyClaim | undefined) {
  const [item, idemItem] = await getItems([keys.slot(practice, slotId), idempotencyKey(claim)]);
  return { slot: slotFrom(item), inDiary: isInDiary(item), idempotency: idempotencyRecordFrom(idemItem) };
}

/**
 * A free slot withdrawn (withdrawSlotItems), or, with `withdraw` absent (already withdrawn),
 * only the kept answer: one TransactWriteItems, none when there is nothing to write.
 */
export async function commitSlotWithdrawal(
  change: { withdraw?: { slot: SlotRecord; inDiary: boolean; now: Date } },
  kept: KeptAnswer | undefined,
): Promise<void> {
  const { withdraw } = change;
  await commitChange(kept, withdraw ? withdrawSlotItems(withdraw.slot, withdraw.inDiary, withdraw.now) : []);
}

/**
 * A whole publish in one transaction: each diary the slots touch, on the version read (a racing
 * publish's write makes this one re-read and decide again), and the new slots.
 */
export async function commitPublish(
  change: { diaries: { ref: DiaryRef; next: Diary }[]; slots: SlotRecord[] },
  kept: KeptAnswer | undefined,
): Promise<void> {
  await commitChange(kept, [
    ...change.diaries.map(({ ref, next }) => putDiaryItem(ref, next)),
    ...change.slots.map(putSlotItem),
  ]);
}

/** Booking takes the slot out of the free-slot indexes, only if it is still free. */
export function bookSlotItem(slot: SlotRecord, appointmentId: string): GuardedItem {
  return {
    item: {
      Update: {
        TableName: tableName(),
        Key: keys.slot(slot.practice, slot.slotId),
        UpdateExpression: 'SET #status = :booked, appointmentId = :aid REMOVE GSI1PK, GSI1SK, FreeSK',
        ConditionExpression: '#status = :free',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':booked': 'booked', ':free': 'free', ':aid': appointmentId },
      },
    },
    onConditionFailed: () =>
      new ProblemError('slot-unavailable', 'That slot has just been taken. Please choose another.'),
  };
}

/** Cancelling frees the slot again (back into the free-slot indexes) if this appointment still holds it. */
export function releaseSlotItem(
  slot: Pick<SlotRecord, 'practice' | 'slotId' | 'start'>,
  appointmentId: string,
): GuardedItem {
  // Back to the partition it was published into (slots from before `freeIndexPK`: bookable online).
  const free = freeIndexAttributes({ ...slot, bookableOnline: true });
  return {
    item: {
      Update: {
        TableName: tableName(),
        Key: keys.slot(slot.practice, slot.slotId),
        UpdateExpression:
          'SET #status = :free, GSI1PK = if_not_exists(freeIndexPK, :g1pk), GSI1SK = :g1sk, FreeSK = :g1sk REMOVE appointmentId',
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
