import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../functions/domain/clock.ts';
import { ProblemError } from '../../functions/domain/errors.ts';
import {
  assertOrderable,
  itemEffect,
  newPrescription,
  orderability,
  toMedication,
  transitioned,
  TRANSITIONS,
  type MedicationRecord,
  type PrescriptionRecord,
  type TransitionName,
} from '../../functions/domain/prescriptions.ts';
import { medicationFrom } from '../../functions/store/prescriptions.ts';
import { aMedication } from '../support/builders.ts';

const TZ = 'Europe/London';

/** A repeat medication as the rules see it: the stored item's fields, without its keys. */
const med = (over: Partial<MedicationRecord> = {}): MedicationRecord =>
  medicationFrom(aMedication('m1', { name: 'Amlodipine 5mg tablets', ...over }))!;

/** "now" from a fixed clock, as the use cases take it. */
const at = (instant: string) => fixedClock(instant).now();

function problemOf(fn: () => unknown): ProblemError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ProblemError) return error;
    throw error;
  }
  throw new Error('expected a ProblemError');
}

describe('review-overdue: the review date is before today in the practice time zone', () => {
  it('lets an item whose review is due today be ordered all day', () => {
    expect(orderability(med({ reviewDate: '2026-11-26' }), at('2026-11-26T00:00:00Z'), TZ)).toEqual({
      orderable: true,
    });
    expect(orderability(med({ reviewDate: '2026-11-26' }), at('2026-11-26T23:59:59Z'), TZ)).toEqual({
      orderable: true,
    });
  });

  it('refuses an item whose review was due yesterday', () => {
    expect(orderability(med({ reviewDate: '2026-11-25' }), at('2026-11-26T00:00:00Z'), TZ)).toEqual({
      orderable: false,
      reason: 'review-overdue',
    });
  });

  it('counts days in local time: 00:30 BST is already the next day', () => {
    // 2026-06-10T23:30Z is 00:30 on 11 June in London (BST): a review due on 10 June is overdue.
    expect(orderability(med({ reviewDate: '2026-06-10' }), at('2026-06-10T23:30:00Z'), TZ)).toMatchObject({
      reason: 'review-overdue',
    });
    expect(orderability(med({ reviewDate: '2026-06-10' }), at('2026-06-10T22:59:59Z'), TZ)).toEqual({
      orderable: true,
    });
  });
});

describe('too-soon: fewer than minDaysBetweenOrders local calendar days since the last order', () => {
  // Last ordered at 23:30 on 1 November (GMT): local date 2026-11-01, next orderable 2026-11-22.
  const ordered = med({ lastOrderedAt: '2026-11-01T23:30:00Z', minDaysBetweenOrders: 21 });

  it('is too soon one second before local midnight of day 21, and says from when', () => {
    expect(orderability(ordered, at('2026-11-21T23:59:59Z'), TZ)).toEqual({
      orderable: false,
      reason: 'too-soon',
      nextOrderableDate: '2026-11-22',
    });
  });

  it('is orderable from local midnight exactly minDaysBetweenOrders days after, whatever the time of the last order', () => {
    expect(orderability(ordered, at('2026-11-22T00:00:00Z'), TZ)).toEqual({ orderable: true });
  });

  it('counts the last order’s local date across the BST→GMT change', () => {
    // 2026-10-24T23:30Z is 00:30 BST on Sunday 25 October, the night the clocks go back.
    const late = med({ lastOrderedAt: '2026-10-24T23:30:00Z', minDaysBetweenOrders: 1 });
    expect(orderability(late, at('2026-10-25T23:59:59Z'), TZ)).toMatchObject({
      reason: 'too-soon',
      nextOrderableDate: '2026-10-26',
    });
    expect(orderability(late, at('2026-10-26T00:00:00Z'), TZ)).toEqual({ orderable: true });
  });

  it('allows a reorder the same day when minDaysBetweenOrders is 0', () => {
    expect(
      orderability(
        med({ lastOrderedAt: '2026-11-26T09:00:00Z', minDaysBetweenOrders: 0 }),
        at('2026-11-26T09:00:01Z'),
        TZ,
      ),
    ).toEqual({
      orderable: true,
    });
  });

  it('never applies to an item never ordered', () => {
    expect(orderability(med(), at('2026-11-26T09:00:00Z'), TZ)).toEqual({ orderable: true });
  });
});

describe('pending-request and which reason wins', () => {
  const now = at('2026-11-26T09:00:00Z');

  it('refuses an item on a request still requested', () => {
    expect(orderability(med({ pendingRequestId: 'rx1', lastOrderedAt: '2026-11-26T08:00:00Z' }), now, TZ)).toEqual({
      orderable: false,
      reason: 'pending-request',
    });
  });

  it('tells a waiting request before an overdue review, and an overdue review before too-soon', () => {
    const everything = med({
      pendingRequestId: 'rx1',
      reviewDate: '2026-01-01',
      lastOrderedAt: '2026-11-20T09:00:00Z',
    });
    expect(orderability(everything, now, TZ)).toMatchObject({ reason: 'pending-request' });
    expect(orderability({ ...everything, pendingRequestId: undefined }, now, TZ)).toEqual({
      orderable: false,
      reason: 'review-overdue',
    });
  });
});

describe('the Medication the patient sees', () => {
  it('carries the reason and next orderable date of the same rule', () => {
    const m = toMedication(med({ lastOrderedAt: '2026-11-20T09:00:00Z' }), at('2026-11-26T09:00:00Z'), TZ);
    expect(m).toEqual({
      medicationId: 'm1',
      name: 'Amlodipine 5mg tablets',
      dosage: 'One tablet daily',
      quantity: 28,
      reviewDate: '2027-06-01',
      minDaysBetweenOrders: 21,
      lastOrderedAt: '2026-11-20T09:00:00Z',
      orderable: false,
      notOrderableReason: 'too-soon',
      nextOrderableDate: '2026-12-11',
    });
  });

  it('leaves reason and date out when orderable', () => {
    const m = toMedication(med(), at('2026-11-26T09:00:00Z'), TZ);
    expect(m.orderable).toBe(true);
    expect(m).not.toHaveProperty('notOrderableReason');
    expect(m).not.toHaveProperty('nextOrderableDate');
    expect(m).not.toHaveProperty('pendingRequestId');
  });
});

describe('an order against the repeat list', () => {
  const now = at('2026-11-26T09:00:00Z');

  it('names every id not on the list (medication-not-found) before judging the others', () => {
    const p = problemOf(() =>
      assertOrderable(['m1', 'x', 'y'], [med({ pendingRequestId: 'rx' }), undefined, undefined], now, TZ),
    );
    expect(p.code).toBe('medication-not-found');
    expect(p.status).toBe(422);
    expect(p.errors).toEqual([
      { path: 'medicationIds.1', message: 'not on your repeat list' },
      { path: 'medicationIds.2', message: 'not on your repeat list' },
    ]);
  });

  it('names each refused item with its reason, the one the list shows', () => {
    const ok = med({ medicationId: 'ok' });
    const overdue = med({ medicationId: 'old', name: 'Atorvastatin 20mg tablets', reviewDate: '2026-11-25' });
    const soon = med({ medicationId: 'soon', lastOrderedAt: '2026-11-20T09:00:00Z' });
    const p = problemOf(() => assertOrderable(['ok', 'old', 'soon'], [ok, overdue, soon], now, TZ));
    expect(p.code).toBe('medication-not-orderable');
    expect(p.errors).toEqual([
      { path: 'medicationIds.1', message: toMedication(overdue, now, TZ).notOrderableReason },
      { path: 'medicationIds.2', message: toMedication(soon, now, TZ).notOrderableReason },
    ]);
    expect(p.errors!.map((e) => e.message)).toEqual(['review-overdue', 'too-soon']);
    expect(p.detail).toContain('Atorvastatin 20mg tablets was due for a medication review on 2026-11-25');
    expect(p.detail).toContain('can be ordered again from 2026-12-11');
  });

  it('passes orderable items through in the order asked', () => {
    const a = med({ medicationId: 'a' });
    const b = med({ medicationId: 'b' });
    expect(assertOrderable(['b', 'a'], [b, a], now, TZ)).toEqual([b, a]);
  });

  it('remembers each item’s previous last order on the request, to restore it on withdrawal or rejection', () => {
    const rx = newPrescription({
      prescriptionId: 'rx1',
      meds: [med({ medicationId: 'a', lastOrderedAt: '2026-10-01T09:00:00Z' }), med({ medicationId: 'b' })],
      pharmacy: 'FA123',
      note: '',
      now,
    });
    expect(rx).toMatchObject({ status: 'requested', pharmacy: 'FA123', requestedAt: '2026-11-26T09:00:00.000Z' });
    expect(rx).not.toHaveProperty('note');
    expect(rx.previousLastOrderedAt).toEqual({ a: '2026-10-01T09:00:00Z' });
    expect(rx.items).toEqual([
      { medicationId: 'a', name: 'Amlodipine 5mg tablets', dosage: 'One tablet daily', quantity: 28 },
      { medicationId: 'b', name: 'Amlodipine 5mg tablets', dosage: 'One tablet daily', quantity: 28 },
    ]);
  });
});

describe('the request life cycle', () => {
  const now = at('2026-11-27T10:00:00Z');
  const request = (status: PrescriptionRecord['status']): PrescriptionRecord => ({
    prescriptionId: 'rx1',
    practice: 'A99001',
    nhsNumber: '9990000018',
    status,
    items: [],
    requestedAt: '2026-11-26T09:00:00Z',
    previousLastOrderedAt: {},
  });
  const statuses: PrescriptionRecord['status'][] = ['requested', 'approved', 'rejected', 'issued', 'withdrawn'];
  const names = Object.keys(TRANSITIONS) as TransitionName[];

  it.each(names.flatMap((name) => statuses.map((status) => [name, status] as const)))(
    '%s from %s: allowed only from the one status the contract names, else 409 invalid-transition',
    (name, status) => {
      if (status === TRANSITIONS[name].from) {
        expect(transitioned(request(status), name, now, 'why').status).toBe(TRANSITIONS[name].to);
      } else {
        expect(problemOf(() => transitioned(request(status), name, now, 'why'))).toMatchObject({
          code: 'invalid-transition',
          status: 409,
        });
      }
    },
  );

  it('stamps decisions and issue, and keeps the rejection reason for the patient', () => {
    expect(transitioned(request('requested'), 'approve', now)).toMatchObject({ decidedAt: '2026-11-27T10:00:00.000Z' });
    expect(transitioned(request('requested'), 'reject', now, 'Needs a review first')).toMatchObject({
      status: 'rejected',
      decidedAt: '2026-11-27T10:00:00.000Z',
      rejectionReason: 'Needs a review first',
    });
    expect(transitioned(request('approved'), 'issue', now)).toMatchObject({ issuedAt: '2026-11-27T10:00:00.000Z' });
  });

  it('releases items on withdraw and reject, settles them on approve, leaves them on issue', () => {
    expect(names.map((n) => [n, itemEffect(n)])).toEqual([
      ['withdraw', 'release'],
      ['approve', 'settle'],
      ['reject', 'release'],
      ['issue', 'none'],
    ]);
  });
});
