/**
 * A clinician's diary: the rules that keep one clinician from holding two slots at once.
 *
 * The store keeps one diary per practice, clinician and UTC month, listing every live (free or
 * booked) slot of that clinician that touches the month. A slot is entered in each month it
 * touches, and two overlapping slots share an instant, so they always meet in at least one
 * diary: reading the diaries a publish touches (strongly consistent) shows every slot it could
 * clash with, and writing them back conditioned on the version read makes any racing publish
 * re-read and see this one. No index query is involved, so eventual consistency never hides a
 * slot.
 */

/** A slot's time as epoch milliseconds, [start, end). */
export interface Interval {
  start: number;
  end: number;
}

export interface Diary {
  /** Every write conditions on the version read or bumps it; 0 while the diary is not stored. */
  version: number;
  /** slotId → interval: every live slot, plus reservations of publishes still being written. */
  intervals: Map<string, Interval>;
  /** slotId → publish id: reserved by a multi-transaction publish, the slot not written yet. */
  held: Map<string, string>;
  /** publish id → until (epoch ms): how long that publish's reservations stand. */
  leases: Map<string, number>;
}

export const emptyDiary = (): Diary => ({ version: 0, intervals: new Map(), held: new Map(), leases: new Map() });

/**
 * How long a reservation of a publish too large for one transaction blocks other publishes
 * without its slot being written. Far longer than a request may run (the functions time out
 * after seconds), so only a publish that crashed half-way outlives it; after that its unwritten
 * reservations no longer count and the next publish to that diary drops them.
 */
export const RESERVATION_LEASE_MS = 60_000;

/** The UTC months (YYYY-MM) an interval touches: one or two for a slot of at most a few hours. */
export function monthsOf(interval: Interval): string[] {
  const months: string[] = [];
  const cursor = new Date(interval.start);
  cursor.setUTCDate(1);
  cursor.setUTCHours(0, 0, 0, 0);
  while (cursor.getTime() < interval.end) {
    months.push(cursor.toISOString().slice(0, 7));
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return months;
}

export const overlaps = (a: Interval, b: Interval) => a.start < b.end && b.start < a.end;

/** Another slot in a diary, as a publish sees it. */
export interface Booked extends Interval {
  slotId: string;
  /** Reserved by a publish still being written (its lease stands). */
  pending: boolean;
}

/** What a publish with id `publishId` finds in one diary at `now`. */
export interface DiaryView {
  /** Slots that block: written ones, and reservations whose publish still holds its lease. */
  others: Booked[];
  /** This publish's own slots that an earlier attempt already wrote (a keyed retry). */
  written: string[];
  /** An earlier attempt of this very publish still holds its lease. */
  inProgress: boolean;
}

const leaseStands = (diary: Diary, publishId: string | undefined, now: number) =>
  publishId !== undefined && (diary.leases.get(publishId) ?? 0) > now;

export function viewOf(diary: Diary, publishId: string, ownIds: ReadonlySet<string>, now: number): DiaryView {
  const others: Booked[] = [];
  const written: string[] = [];
  for (const [slotId, interval] of diary.intervals) {
    const holder = diary.held.get(slotId);
    if (ownIds.has(slotId) && (holder === undefined || holder === publishId)) {
      if (holder === undefined) written.push(slotId);
      continue;
    }
    if (interval.end <= now) continue;
    if (holder !== undefined && !leaseStands(diary, holder, now)) continue;
    others.push({ slotId, ...interval, pending: holder !== undefined });
  }
  return { others, written, inProgress: leaseStands(diary, publishId, now) };
}

/** A slot a publish asks for, in the terms the overlap rule needs. */
export interface Wanted extends Interval {
  slotId: string;
  clinicianKey: string;
}

export type Overlap<W extends Wanted> =
  { kind: 'in-request'; first: W; second: W } | { kind: 'existing'; wanted: W; existing: Booked };

/**
 * The first clash, if any: two wanted slots of one clinician that overlap, or a wanted slot
 * overlapping one the clinician already has (`existing`, per clinician key). One sweep by start
 * per clinician: a slot overlaps an earlier-starting one exactly when it starts before the
 * latest end seen so far. Clashes among existing slots are not this publish's business.
 */
export function findOverlap<W extends Wanted>(
  wanted: readonly W[],
  existing: ReadonlyMap<string, readonly Booked[]>,
): Overlap<W> | undefined {
  for (const [key, mine] of Map.groupBy(wanted, (w) => w.clinicianKey)) {
    type Entry = { kind: 'wanted'; at: W } | { kind: 'existing'; at: Booked };
    const entries: Entry[] = [
      ...mine.map((w): Entry => ({ kind: 'wanted', at: w })),
      ...(existing.get(key) ?? []).map((e): Entry => ({ kind: 'existing', at: e })),
    ];
    entries.sort((a, b) => a.at.start - b.at.start);
    let lastWanted: W | undefined;
    let lastExisting: Booked | undefined;
    for (const entry of entries) {
      if (entry.kind === 'wanted') {
        const w = entry.at;
        if (lastWanted && w.start < lastWanted.end) return { kind: 'in-request', first: lastWanted, second: w };
        if (lastExisting && w.start < lastExisting.end) return { kind: 'existing', wanted: w, existing: lastExisting };
        if (!lastWanted || w.end > lastWanted.end) lastWanted = w;
      } else {
        const e = entry.at;
        if (lastWanted && e.start < lastWanted.end) return { kind: 'existing', wanted: lastWanted, existing: e };
        if (!lastExisting || e.end > lastExisting.end) lastExisting = e;
      }
    }
  }
  return undefined;
}

/**
 * The diary after a publish enters `add`: slots that have ended are dropped (the item stays
 * small), as are reservations whose lease lapsed and lapsed leases. With `hold`, the new
 * entries are reservations of `publishId` until `hold.until`; without, they are written slots.
 */
export function withEntries(
  diary: Diary,
  add: ReadonlyMap<string, Interval>,
  now: number,
  hold?: { publishId: string; until: number },
): Diary {
  const next: Diary = { version: diary.version, intervals: new Map(), held: new Map(), leases: new Map() };
  for (const [publishId, until] of diary.leases) if (until > now) next.leases.set(publishId, until);
  for (const [slotId, interval] of diary.intervals) {
    const holder = diary.held.get(slotId);
    if (interval.end <= now || (holder !== undefined && !next.leases.has(holder))) continue;
    next.intervals.set(slotId, interval);
    if (holder !== undefined) next.held.set(slotId, holder);
  }
  for (const [slotId, interval] of add) {
    next.intervals.set(slotId, interval);
    if (hold) next.held.set(slotId, hold.publishId);
  }
  if (hold) next.leases.set(hold.publishId, hold.until);
  return next;
}

/** The diary without `slotIds` and without `publishId`'s lease: a failed publish undone. */
export function withoutEntries(diary: Diary, slotIds: ReadonlySet<string>, publishId: string): Diary {
  const next: Diary = {
    version: diary.version,
    intervals: new Map([...diary.intervals].filter(([id]) => !slotIds.has(id))),
    held: new Map([...diary.held].filter(([id]) => !slotIds.has(id))),
    leases: new Map(diary.leases),
  };
  next.leases.delete(publishId);
  return next;
}
