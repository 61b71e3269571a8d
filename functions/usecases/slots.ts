import { createHash } from 'node:crypto';
import { lastBookableDate } from '../domain/appointments.ts';
import { clinicianKey } from '../schemas/clinician.ts';
import {
  findOverlap,
  RESERVATION_LEASE_MS,
  viewOf,
  withEntries,
  withoutEntries,
  type Booked,
  type Diary,
  type Interval,
  type Overlap,
  type Wanted,
} from '../domain/diary.ts';
import { ProblemError, unavailable, type FieldError } from '../domain/errors.ts';
import type { Completed, IdempotencyClaim } from '../domain/idempotency.ts';
import type { SlotRecord } from '../domain/model.ts';
import { toSlot } from '../domain/model.ts';
import { timeOrderedId } from '../domain/ids.ts';
import { addDays, startOfLocalDay } from '../domain/time.ts';
import { logger } from '../observability/logger.ts';
import type { PatientCaller, StaffCaller } from '../schemas/identity.ts';
import type { NewSlot, Slot, SlotsQuery } from '../schemas/slots.ts';
import {
  diaryKey,
  diaryRefsOf,
  putDiaryItem,
  readDiaries,
  settleReservationsItem,
  type DiaryRef,
} from '../store/diary.ts';
import { commitChange, idempotencyKey, idempotencyRecordFrom, type KeptAnswer } from '../store/idempotency.ts';
import type { Page } from '../store/read.ts';
import {
  commitPublish,
  commitSlotWithdrawal,
  deleteSlots,
  putSlotItem,
  queryFreeSlots,
  readSlotContext,
} from '../store/slots.ts';
import type { GuardedItem } from '../store/dynamo.ts';
import { retryOnConflict, transact } from '../store/transact.ts';
import { defaultDeps, practiceOf, type Deps } from './deps.ts';
import { idempotentChange } from './idempotency.ts';
import { serviceGate } from './service-gate.ts';

/** Staff may publish slots up to this far ahead. */
export const MAX_PUBLISH_AHEAD_DAYS = 366;

/**
 * GET /slots: free, future slots inside the booking horizon. One BatchGetItem (patient and
 * settings) and one Query per page on the free-slot index; the window is clamped to
 * [now, end of the horizon's last day) so nothing unbookable is ever read.
 */
export async function listFreeSlots(
  caller: PatientCaller,
  query: SlotsQuery,
  deps: Deps = defaultDeps,
): Promise<Page<Slot>> {
  const now = deps.clock.now();
  const { settings } = await serviceGate(caller, 'appointments');
  // The practice's registry entry rode along with that read.
  const { timeZone } = await practiceOf(caller.practice);

  const horizonEnd = startOfLocalDay(addDays(lastBookableDate(settings, now, timeZone), 1), timeZone);
  const from = new Date(Math.max(Date.parse(query.from), now.getTime() + 1));
  const to = new Date(Math.min(Date.parse(query.to), horizonEnd.getTime()));
  if (from >= to) return { items: [] };
  return queryFreeSlots({
    practice: caller.practice,
    from: from.toISOString(),
    to: to.toISOString(),
    type: query.type,
    channel: query.channel,
    clinician: query.clinician,
    limit: query.limit,
    nextToken: query.nextToken,
  });
}

/** Start in the future and within a year: a 400 naming each offending slot. */
function assertPublishable(slots: NewSlot[], now: Date): void {
  const latest = now.getTime() + MAX_PUBLISH_AHEAD_DAYS * 86_400_000;
  const errors: FieldError[] = [];
  slots.forEach((slot, i) => {
    const start = Date.parse(slot.start);
    if (start <= now.getTime()) errors.push({ path: `slots.${i}.start`, message: 'must be in the future' });
    else if (start > latest)
      errors.push({ path: `slots.${i}.start`, message: `must be within ${MAX_PUBLISH_AHEAD_DAYS} days` });
  });
  if (errors.length) throw new ProblemError('validation-failed', `${errors[0]!.path}: ${errors[0]!.message}`, errors);
}

/** An 80-bit id derived from `seed` (hex): the same request always names the same slots. */
const derivedId = (seed: string) => createHash('sha256').update(seed).digest('hex').slice(0, 20);

interface WantedSlot extends Wanted {
  slot: SlotRecord;
}

function overlapError(clash: Overlap<WantedSlot>): ProblemError {
  if (clash.kind === 'in-request') {
    const { first, second } = clash;
    return new ProblemError(
      'slot-overlap',
      `${second.slot.clinician}: slots at ${first.slot.start} and ${second.slot.start} overlap`,
    );
  }
  const { wanted, existing } = clash;
  const span = `${new Date(existing.start).toISOString()}–${new Date(existing.end).toISOString()}`;
  return new ProblemError(
    'slot-overlap',
    existing.pending
      ? `${wanted.slot.clinician} has a slot ${span} being published that overlaps ${wanted.slot.start}`
      : `${wanted.slot.clinician} already has a slot ${span} overlapping ${wanted.slot.start}`,
  );
}

/** What a publish decided to write: the slots not yet written and each diary's additions. */
interface PublishChange {
  diaries: Diary[];
  additions: (i: number) => Map<string, Interval>;
  toWrite: WantedSlot[];
  now: Date;
}

/** TransactWriteItems takes at most 100 items. */
const TRANSACTION_LIMIT = 100;

const refId = (ref: DiaryRef) => `${diaryKey(ref).PK}\u0000${ref.month}`;

/** What one publish is about: its slots, the diaries they touch, and the body it answers. */
interface Publish {
  publishId: string;
  slots: SlotRecord[];
  wanted: WantedSlot[];
  /** Every diary the slots touch, in key order (so racing multi-step publishes meet in the same order). */
  refs: DiaryRef[];
  refById: Map<string, DiaryRef>;
  /** For each diary (by refId), the slots entered in it. */
  entries: Map<string, WantedSlot[]>;
  body: { items: Slot[] };
}

function planPublish(caller: StaffCaller, input: NewSlot[], claim: IdempotencyClaim | undefined, deps: Deps): Publish {
  // With an Idempotency-Key the publish and its slots get ids derived from the claim, so a retry
  // after a crash or a 5xx recognises what an earlier attempt already reserved or wrote.
  const publishId = claim ? derivedId(`${claim.owner}\n${claim.key}\n${claim.fingerprint}`) : deps.ids.next();
  const slots: SlotRecord[] = input.map((s, i) => ({
    // Ids sort by start, so the practice's slot board reads one window of its slots and nothing else.
    slotId: timeOrderedId(new Date(s.start), claim ? derivedId(`${publishId}\n${i}`) : deps.ids.next()),
    practice: caller.practice,
    start: new Date(s.start).toISOString(),
    end: new Date(s.end).toISOString(),
    clinician: s.clinician,
    type: s.type,
    channel: s.channel,
    status: 'free',
    bookableOnline: s.bookableOnline ?? true,
  }));
  const wanted = slots.map((slot) => ({
    slot,
    slotId: slot.slotId,
    clinicianKey: clinicianKey(slot.clinician),
    start: Date.parse(slot.start),
    end: Date.parse(slot.end),
  }));
  const refs = new Map<string, DiaryRef>();
  const entries = new Map<string, WantedSlot[]>();
  for (const w of wanted) {
    for (const ref of diaryRefsOf(caller.practice, w.clinicianKey, w)) {
      const id = refId(ref);
      refs.set(id, ref);
      const list = entries.get(id) ?? [];
      list.push(w);
      entries.set(id, list);
    }
  }
  const sortedRefs = [...refs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, ref]) => ref);
  return { publishId, slots, wanted, refs: sortedRefs, refById: refs, entries, body: { items: slots.map(toSlot) } };
}

/**
 * POST /staff/slots: 1..500 slots, all or nothing. No two slots of one clinician (by normalised
 * name) may overlap, within the request or with the clinician's live slots, and of any number of
 * racing publishes that overlap exactly one succeeds.
 *
 * Read the diaries the slots touch (strongly consistent, with the idempotency record) → decide
 * (pure overlap rule) → write. When slots, diaries and the idempotency record fit in one
 * transaction (up to about 95 slots of one clinician), that is the whole publish: 1 BatchGetItem +
 * 1 TransactWriteItems, each diary conditioned on the version read, so a racing publish's
 * transaction fails and its re-read sees this one's slots (409 slot-overlap). Larger publishes
 * go in steps (publishInSteps).
 */
export async function publishSlots(
  caller: StaffCaller,
  input: NewSlot[],
  claim: IdempotencyClaim | undefined,
  deps: Deps = defaultDeps,
): Promise<Completed<{ items: Slot[] }>> {
  assertPublishable(input, deps.clock.now());
  const plan = planPublish(caller, input, claim, deps);
  return idempotentChange({
    claim,
    clock: deps.clock,
    read: async () => {
      const read = await readDiaries(plan.refs, [idempotencyKey(claim)]);
      return { diaries: read.diaries, idempotency: idempotencyRecordFrom(read.extra[0]) };
    },
    decide: ({ diaries }, now) => {
      const ownIds = new Set(plan.slots.map((s) => s.slotId));
      const views = diaries.map((diary) => viewOf(diary, plan.publishId, ownIds, now.getTime()));
      if (views.some((v) => v.inProgress)) {
        throw new ProblemError(
          'idempotency-in-progress',
          'An identical request is still being processed; retry shortly',
        );
      }
      const existing = new Map<string, Map<string, Booked>>();
      plan.refs.forEach((ref, i) => {
        const mine = existing.get(ref.clinicianKey) ?? new Map<string, Booked>();
        for (const other of views[i]!.others) mine.set(other.slotId, other);
        existing.set(ref.clinicianKey, mine);
      });
      const clash = findOverlap(plan.wanted, new Map([...existing].map(([key, byId]) => [key, [...byId.values()]])));
      if (clash) throw overlapError(clash);

      const written = new Set(views.flatMap((v) => v.written));
      const toWrite = plan.wanted.filter((w) => !written.has(w.slotId));
      const additions = (i: number) =>
        new Map(
          (plan.entries.get(refId(plan.refs[i]!)) ?? [])
            .filter((w) => !written.has(w.slotId))
            .map((w): [string, Interval] => [w.slotId, { start: w.start, end: w.end }]),
        );
      return { value: plan.body, status: 201, change: { diaries, additions, toWrite, now } };
    },
    commit: async ({ diaries, additions, toWrite, now }: PublishChange, kept) => {
      if (toWrite.length + plan.refs.length + (kept ? 1 : 0) <= TRANSACTION_LIMIT) {
        await commitPublish(
          {
            diaries: plan.refs.map((ref, i) => ({
              ref,
              next: withEntries(diaries[i]!, additions(i), now.getTime()),
            })),
            slots: toWrite.map((w) => w.slot),
          },
          kept,
        );
      } else {
        await publishInSteps(plan, diaries, additions, toWrite, kept, now);
      }
    },
  });
}

/**
 * A publish too large for one transaction (DynamoDB's limit is 100 items) cannot be atomic, so it
 * is made safe in steps:
 *
 * 1. Reserve: every diary is written (conditioned on the version read, in key order, 100 per
 *    transaction) with the new intervals marked as held by this publish under a lease. From then
 *    on racing publishes see the reservations and answer 409; a racer that wrote first makes
 *    this step fail and the whole decision is re-run from a fresh read. Two large racers write
 *    their diaries in the same order, so the first diary they share decides between them.
 * 2. Write the slots, about 99 per transaction, each with the update that settles its
 *    reservations, conditioned on the lease still being this publish's; the idempotency record
 *    goes in the last one.
 * 3. If a step fails, what this attempt wrote is undone (slots deleted, reservations released)
 *    before the error is answered: the publish is all or nothing.
 *
 * Only a process that dies mid-way (no answer at all) skips step 3. Its slots already written are
 * in the diaries and stay valid; its unwritten reservations stop counting when the lease lapses
 * (RESERVATION_LEASE_MS) and are dropped by the next publish to that diary. A retry with the same
 * Idempotency-Key derives the same publish and slot ids: before the lease lapses it answers 409
 * idempotency-in-progress, after it, it recognises its written slots and reservations, writes the
 * rest and answers the same 201 exactly once.
 */
async function publishInSteps(
  plan: Publish,
  diaries: Diary[],
  additions: (i: number) => Map<string, Interval>,
  toWrite: WantedSlot[],
  kept: KeptAnswer | undefined,
  now: Date,
): Promise<void> {
  const lease = { publishId: plan.publishId, until: now.getTime() + RESERVATION_LEASE_MS };
  const mine = new Set(toWrite.map((w) => w.slotId));
  const reserved: DiaryRef[] = [];
  const writtenNow: SlotRecord[] = [];
  try {
    for (let i = 0; i < plan.refs.length; i += TRANSACTION_LIMIT) {
      const chunk = plan.refs.slice(i, i + TRANSACTION_LIMIT);
      await transact(
        chunk.map((ref, j) => putDiaryItem(ref, withEntries(diaries[i + j]!, additions(i + j), now.getTime(), lease))),
      );
      reserved.push(...chunk);
    }
    const batches = slotBatches(toWrite, kept ? 1 : 0);
    for (const [n, batch] of batches.entries()) {
      const items: GuardedItem[] = [
        ...[...batch.diaries].map(([id, slotIds]) => settleReservationsItem(plan.refById.get(id)!, slotIds, lease)),
        ...batch.slots.map((w) => putSlotItem(w.slot)),
      ];
      // A conflict here is transient (nothing else may settle these entries): retry the same
      // transaction rather than re-deciding, which would find our own reservations.
      await retryOnConflict(
        () => commitChange(n === batches.length - 1 ? kept : undefined, items),
        () => unavailable(),
      );
      writtenNow.push(...batch.slots.map((w) => w.slot));
    }
  } catch (error) {
    await undoPublish(plan, reserved, mine, writtenNow);
    throw error;
  }
}

/** Transactions of slots plus the diaries they settle, at most 100 items each (`spare` kept free). */
function slotBatches(toWrite: WantedSlot[], spare: number) {
  type Batch = { slots: WantedSlot[]; diaries: Map<string, string[]> };
  const batches: Batch[] = [];
  let batch: Batch = { slots: [], diaries: new Map() };
  const sorted = [...toWrite].sort((a, b) =>
    a.clinicianKey < b.clinicianKey ? -1 : a.clinicianKey > b.clinicianKey ? 1 : a.start - b.start,
  );
  for (const w of sorted) {
    const ids = diaryRefsOf(w.slot.practice, w.clinicianKey, w).map(refId);
    const added = ids.filter((id) => !batch.diaries.has(id)).length;
    if (batch.slots.length > 0 && batch.slots.length + 1 + batch.diaries.size + added + spare > TRANSACTION_LIMIT) {
      batches.push(batch);
      batch = { slots: [], diaries: new Map() };
    }
    batch.slots.push(w);
    for (const id of ids) batch.diaries.set(id, [...(batch.diaries.get(id) ?? []), w.slotId]);
  }
  batches.push(batch);
  return batches;
}

/**
 * Undoes a failed multi-step publish: deletes the slots it wrote, then takes its entries and lease
 * out of the diaries it reserved (re-read and written back on the version read). Slots go first,
 * so no diary ever shows time free that a slot still takes. Best effort: if the database is gone,
 * the lease makes the leftovers lapse (slots already written stay valid and in their diaries).
 */
async function undoPublish(
  plan: Publish,
  reserved: DiaryRef[],
  slotIds: ReadonlySet<string>,
  written: SlotRecord[],
): Promise<void> {
  try {
    await deleteSlots(written);
    if (reserved.length === 0) return;
    await retryOnConflict(
      async () => {
        const { diaries } = await readDiaries(reserved);
        for (let i = 0; i < reserved.length; i += TRANSACTION_LIMIT) {
          await transact(
            reserved
              .slice(i, i + TRANSACTION_LIMIT)
              .map((ref, j) => putDiaryItem(ref, withoutEntries(diaries[i + j]!, slotIds, plan.publishId))),
          );
        }
      },
      () => unavailable(),
    );
  } catch (error) {
    logger.warn('could not undo a failed publish; its reservations lapse with their lease', { error });
  }
}

/**
 * DELETE /staff/slots/{slotId}: 204 for a free (or already withdrawn) slot; 409 slot-booked.
 * One BatchGetItem (slot, idempotency record) + one TransactWriteItems (slot, its diaries,
 * idempotency record), re-run if the slot or a diary changed in between.
 */
export async function withdrawSlot(
  caller: StaffCaller,
  slotId: string,
  claim: IdempotencyClaim | undefined,
  deps: Deps = defaultDeps,
): Promise<Completed<null>> {
  return idempotentChange({
    claim,
    clock: deps.clock,
    read: () => readSlotContext(caller.practice, slotId, claim),
    decide: ({ slot, inDiary }, now) => {
      if (!slot) throw new ProblemError('not-found', 'No such slot at this practice');
      if (slot.status === 'booked')
        throw new ProblemError('slot-booked', 'The slot is booked: cancel the appointment first');
      // Already withdrawn: DELETE is idempotent; only the idempotency record (if any) is written.
      return { value: null, status: 204, change: slot.status === 'free' ? { withdraw: { slot, inDiary, now } } : {} };
    },
    commit: commitSlotWithdrawal,
  });
}
