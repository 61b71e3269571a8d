import { monthsOf, type Diary, type Interval } from '../domain/diary.ts';
import { ProblemError } from '../domain/errors.ts';
import * as z from '../schemas/zod.ts';
import { tableName } from './client.ts';
import { keys, type Key } from './keys.ts';
import { versionedPut, type Item, type GuardedItem } from './dynamo.ts';
import { storedItem, storedMap } from './stored-item.ts';
import { getItems } from './read.ts';

/**
 * Clinician diaries (domain/diary.ts): one item per practice, clinician key and UTC month.
 *
 *   intervals  map slotId → "{start}:{duration}", epoch milliseconds in base 36 (about 35 bytes
 *              an entry: a clinician's month of back-to-back 5-minute slots stays far below
 *              DynamoDB's 400 KB item limit)
 *   held       map slotId → publish id: reserved, slot not written yet
 *   leases     map publish id → until (epoch ms)
 *   version    bumped by every write
 *   expiresAt  TTL: a day after the month ends, when every slot in it has ended
 *
 * Every diary is written whole (Put) conditioned on the version read, except by the updates
 * below that only remove or settle entries: they bump the version instead, so a Put prepared
 * before them fails and its publish re-reads.
 */
export interface DiaryRef {
  practice: string;
  clinicianKey: string;
  month: string;
}

export const diaryKey = (ref: DiaryRef): Key => keys.diary(ref.practice, ref.clinicianKey, ref.month);

/** The diaries an interval is entered in. */
export const diaryRefsOf = (practice: string, clinicianKey: string, interval: Interval): DiaryRef[] =>
  monthsOf(interval).map((month) => ({ practice, clinicianKey, month }));

const encode = (i: Interval) => `${i.start.toString(36)}:${(i.end - i.start).toString(36)}`;

function decode(value: string): Interval {
  const [start, duration] = value.split(':').map((part) => parseInt(part, 36)) as [number, number];
  return { start, end: start + duration };
}

/**
 * A stored diary, its intervals decoded. Every diary is written whole, with all three maps; one
 * not stored (never written, or expired) is empty at version 0.
 */
const parseDiary = /* @__PURE__ */ storedItem('diary', () => {
  return z.object({
    version: z._default(z.number(), 0),
    intervals: storedMap(z.string().check(z.regex(/^[0-9a-z]+:[0-9a-z]+$/))),
    held: storedMap(z.string()),
    leases: storedMap(z.number()),
  });
});

export function diaryFrom(item: Item | undefined): Diary {
  const stored = parseDiary(item ?? {});
  return {
    version: stored.version,
    intervals: new Map(Object.entries(stored.intervals).map(([id, value]) => [id, decode(value)])),
    held: new Map(Object.entries(stored.held)),
    leases: new Map(Object.entries(stored.leases)),
  };
}

/** DynamoDB's BatchGetItem takes at most 100 keys. */
const BATCH_GET_LIMIT = 100;

/** The diaries, strongly consistent (one BatchGetItem per 100, in parallel), in the order asked. */
export async function readDiaries(refs: readonly DiaryRef[], extra: readonly (Key | undefined)[] = []) {
  const wanted = [...extra, ...refs.map(diaryKey)];
  const chunks: (Key | undefined)[][] = [];
  for (let i = 0; i < wanted.length; i += BATCH_GET_LIMIT) chunks.push(wanted.slice(i, i + BATCH_GET_LIMIT));
  const items = (await Promise.all(chunks.map((chunk) => getItems(chunk)))).flat();
  return { extra: items.slice(0, extra.length), diaries: items.slice(extra.length).map(diaryFrom) };
}

/** Epoch seconds a day after the month ends: a slot touching the month ends within hours of it. */
function expiryOf(month: string): number {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return Date.UTC(year, monthNumber, 2) / 1000;
}

/** The whole diary, if nobody wrote it since it was read at `next.version`. */
export function putDiaryItem(ref: DiaryRef, next: Diary): GuardedItem {
  const record = <T>(m: Map<string, T>, f: (v: T) => unknown) => Object.fromEntries([...m].map(([k, v]) => [k, f(v)]));
  return versionedPut(
    {
      ...diaryKey(ref),
      entity: 'diary',
      practice: ref.practice,
      clinicianKey: ref.clinicianKey,
      month: ref.month,
      version: next.version + 1,
      intervals: record(next.intervals, encode),
      held: record(next.held, String),
      leases: record(next.leases, Number),
      expiresAt: expiryOf(ref.month),
    },
    next.version || 'absent',
  );
}

/**
 * A multi-transaction publish settles its reservations in the transaction that writes their
 * slots, only while its lease is the one it took: had it lapsed and another publish dropped
 * the reservations, the slots must not appear.
 */
export function settleReservationsItem(
  ref: DiaryRef,
  slotIds: readonly string[],
  lease: { publishId: string; until: number },
): GuardedItem {
  const names: Record<string, string> = { '#held': 'held', '#leases': 'leases', '#p': lease.publishId };
  slotIds.forEach((id, i) => (names[`#s${i}`] = id));
  return {
    item: {
      Update: {
        TableName: tableName(),
        Key: diaryKey(ref),
        UpdateExpression: `REMOVE ${slotIds.map((_, i) => `#held.#s${i}`).join(', ')} ADD version :one`,
        ConditionExpression: '#leases.#p = :until',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ':one': 1, ':until': lease.until },
      },
    },
    onConditionFailed: () =>
      new ProblemError('unavailable', 'Publishing took too long and was undone; please retry', undefined, {
        'retry-after': '1',
      }),
  };
}

/** Withdrawing a slot takes it out of each diary it is in. */
export function removeFromDiaryItem(ref: DiaryRef, slotId: string): GuardedItem {
  return {
    item: {
      Update: {
        TableName: tableName(),
        Key: diaryKey(ref),
        UpdateExpression: 'REMOVE #intervals.#slot ADD version :one',
        ExpressionAttributeNames: { '#intervals': 'intervals', '#slot': slotId },
        ExpressionAttributeValues: { ':one': 1 },
      },
    },
  };
}
