import { describe, expect, it } from 'vitest';
import { clinicianKey } from '../../functions/schemas/clinician.ts';
import {
  emptyDiary,
  findOverlap,
  monthsOf,
  RESERVATION_LEASE_MS,
  viewOf,
  withEntries,
  withoutEntries,
  type Booked,
  type Diary,
  type Interval,
  type Wanted,
} from '../../functions/domain/diary.ts';
import { PublishSlotsBody } from '../../functions/schemas/slots.ts';

const ms = (iso: string) => Date.parse(iso);
const span = (start: string, minutes: number): Interval => ({ start: ms(start), end: ms(start) + minutes * 60_000 });
const wanted = (slotId: string, start: string, minutes = 10, key = 'dr case x'): Wanted => ({
  slotId,
  clinicianKey: key,
  ...span(start, minutes),
});
const booked = (slotId: string, start: string, minutes = 10, pending = false): Booked => ({
  slotId,
  pending,
  ...span(start, minutes),
});
const NOW = ms('2026-12-01T08:00:00Z');

describe('clinician names', () => {
  it('treats names differing only in case, spacing or punctuation as one clinician', () => {
    const variants = ['Dr. Case X', 'dr case x', 'DR  CASE X', ' Dr Case X. ', 'Dr\u00a0Case\tX', 'Ｄｒ． Ｃａｓｅ Ｘ'];
    expect(new Set(variants.map(clinicianKey))).toEqual(new Set(['dr case x']));
  });

  it('keeps different clinicians apart', () => {
    expect(clinicianKey('Dr Case X')).not.toBe(clinicianKey('Dr Case Y'));
    expect(clinicianKey("Dr O'Brien")).toBe(clinicianKey('dr obrien'));
  });

  it('refuses a clinician name with no letter or digit (400 on its path)', () => {
    const slot = {
      start: '2026-12-02T09:00:00Z',
      end: '2026-12-02T09:10:00Z',
      clinician: '. - .',
      type: 'GP',
      channel: 'video',
    };
    const parsed = PublishSlotsBody.safeParse({ slots: [slot] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['slots', 0, 'clinician']);
  });
});

describe('diary months', () => {
  it('enters a slot in each UTC month it touches, and only those', () => {
    expect(monthsOf(span('2026-12-01T09:00:00Z', 10))).toEqual(['2026-12']);
    expect(monthsOf(span('2026-12-31T23:00:00Z', 120))).toEqual(['2026-12', '2027-01']);
    // Ending exactly at midnight does not touch the next month.
    expect(monthsOf(span('2026-12-31T23:00:00Z', 60))).toEqual(['2026-12']);
  });
});

describe('overlap rule', () => {
  it('finds two overlapping slots of one clinician in the request', () => {
    const clash = findOverlap(
      [
        wanted('a', '2026-12-02T09:00:00Z', 20),
        wanted('b', '2026-12-02T10:00:00Z'),
        wanted('c', '2026-12-02T09:10:00Z'),
      ],
      new Map(),
    );
    expect(clash).toMatchObject({ kind: 'in-request', first: { slotId: 'a' }, second: { slotId: 'c' } });
  });

  it('lets back-to-back slots and other clinicians’ slots at the same time through', () => {
    const clash = findOverlap(
      [
        wanted('a', '2026-12-02T09:00:00Z'),
        wanted('b', '2026-12-02T09:10:00Z'),
        wanted('c', '2026-12-02T09:00:00Z', 10, 'dr other'),
      ],
      new Map([['dr case x', [booked('x', '2026-12-02T08:50:00Z'), booked('y', '2026-12-02T09:20:00Z')]]]),
    );
    expect(clash).toBeUndefined();
  });

  it('finds a clash with an existing slot, whichever starts first', () => {
    const existing = new Map([['dr case x', [booked('x', '2026-12-02T08:00:00Z', 240)]]]);
    expect(findOverlap([wanted('a', '2026-12-02T11:55:00Z')], existing)).toMatchObject({
      kind: 'existing',
      wanted: { slotId: 'a' },
      existing: { slotId: 'x' },
    });
    const later = new Map([['dr case x', [booked('x', '2026-12-02T09:05:00Z')]]]);
    expect(findOverlap([wanted('a', '2026-12-02T09:00:00Z')], later)).toMatchObject({ kind: 'existing' });
  });

  it('ignores clashes among existing slots', () => {
    const existing = new Map([
      ['dr case x', [booked('x', '2026-12-02T09:00:00Z'), booked('y', '2026-12-02T09:05:00Z')]],
    ]);
    expect(findOverlap([wanted('a', '2026-12-02T10:00:00Z')], existing)).toBeUndefined();
  });
});

describe('diary view and changes', () => {
  const diary = (): Diary => {
    const d = emptyDiary();
    d.version = 3;
    d.intervals.set('done', span('2026-12-01T07:00:00Z', 10));
    d.intervals.set('live', span('2026-12-02T09:00:00Z', 10));
    d.intervals.set('held-live', span('2026-12-02T10:00:00Z', 10));
    d.intervals.set('held-lapsed', span('2026-12-02T11:00:00Z', 10));
    d.held.set('held-live', 'p-live');
    d.held.set('held-lapsed', 'p-lapsed');
    d.leases.set('p-live', NOW + 1);
    d.leases.set('p-lapsed', NOW - 1);
    return d;
  };

  it('counts live slots and reservations under a standing lease, not ended slots or lapsed reservations', () => {
    const view = viewOf(diary(), 'me', new Set(), NOW);
    expect(view.others.map((o) => [o.slotId, o.pending])).toEqual([
      ['live', false],
      ['held-live', true],
    ]);
    expect(view.inProgress).toBe(false);
  });

  it('recognises its own written slots and reservations on a keyed retry', () => {
    const d = diary();
    d.held.set('held-live', 'me');
    d.leases.set('me', NOW - 1);
    const view = viewOf(d, 'me', new Set(['live', 'held-live']), NOW);
    expect(view.written).toEqual(['live']);
    expect(view.others).toEqual([]);
    expect(view.inProgress).toBe(false);
    d.leases.set('me', NOW + RESERVATION_LEASE_MS);
    expect(viewOf(d, 'me', new Set(['live', 'held-live']), NOW).inProgress).toBe(true);
  });

  it('drops ended slots, lapsed reservations and lapsed leases when written back', () => {
    const next = withEntries(diary(), new Map([['new', span('2026-12-03T09:00:00Z', 10)]]), NOW, {
      publishId: 'me',
      until: NOW + RESERVATION_LEASE_MS,
    });
    expect(next.version).toBe(3);
    expect([...next.intervals.keys()].sort()).toEqual(['held-live', 'live', 'new']);
    expect(Object.fromEntries(next.held)).toEqual({ 'held-live': 'p-live', new: 'me' });
    expect([...next.leases.keys()].sort()).toEqual(['me', 'p-live']);
  });

  it('takes a failed publish’s entries and lease out again', () => {
    const reserved = withEntries(diary(), new Map([['new', span('2026-12-03T09:00:00Z', 10)]]), NOW, {
      publishId: 'me',
      until: NOW + 1,
    });
    const undone = withoutEntries(reserved, new Set(['new']), 'me');
    expect(undone.intervals.has('new')).toBe(false);
    expect(undone.held.has('new')).toBe(false);
    expect(undone.leases.has('me')).toBe(false);
    expect(undone.intervals.has('live')).toBe(true);
  });
});
