import { ProblemError, type FieldError } from './errors.ts';
import { addDays, localDate } from './time.ts';
import type {
  Medication,
  NotOrderableReason,
  PrescriptionItem,
  PrescriptionRequest,
  PrescriptionStatus,
} from '../schemas/prescriptions.ts';

/**
 * Repeat prescriptions: the ordering rules and the request life cycle, as pure
 * functions of what was read and "now". GET /medications and POST /prescriptions both call
 * `orderability`, so the reason the list shows is exactly the reason an order is refused.
 *
 * Calendar semantics (practice time zone, see time.ts):
 * - `review-overdue`: the review date is before today's local date. A review due today still
 *   allows ordering today; from tomorrow it does not.
 * - `too-soon`: days are whole local calendar days, whatever the time of day of the last order.
 *   An item last ordered on local date D may be ordered again from D + minDaysBetweenOrders
 *   (`nextOrderableDate`), i.e. from local midnight of that date; before it, it is too soon.
 *   "Last order" is the last request not withdrawn or rejected: withdrawing or rejecting a request
 *   restores the item's previous `lastOrderedAt`.
 * - `pending-request`: the item is on a request still `requested`.
 * When several apply, the patient is told the one they can act on least: a waiting request first
 * (it will be decided by the practice), then an overdue review (only the practice can clear it),
 * then too-soon (which lapses by itself on `nextOrderableDate`).
 */

/** A repeat medication as stored, in the patient's partition, with its ordering state. */
export interface MedicationRecord {
  medicationId: string;
  practice: string;
  nhsNumber: string;
  name: string;
  dosage: string;
  quantity: number;
  reviewDate: string;
  minDaysBetweenOrders: number;
  /** When the last request not withdrawn or rejected was made. */
  lastOrderedAt?: string;
  /** The request this item is on while that request is still `requested`. */
  pendingRequestId?: string;
  createdAt: string;
  /** Optimistic lock: every order, release and settlement conditions on it and bumps it. */
  version: number;
  /** When the practice stopped it: no longer listed to the patient or orderable; requests keep it. */
  discontinuedAt?: string;
}

/** Still on the patient's repeat list (not discontinued). */
export const isCurrent = (med: MedicationRecord) => med.discontinuedAt === undefined;

/** A prescription request as stored: the contract's PrescriptionRequest plus bookkeeping. */
export interface PrescriptionRecord extends PrescriptionRequest {
  /**
   * Each item's `lastOrderedAt` before this request (absent: it had never been ordered), put back
   * when the request is withdrawn or rejected, since neither counts as the item's last order.
   */
  previousLastOrderedAt: Record<string, string>;
  withdrawnAt?: string;
}

export type Orderability =
  { orderable: true } | { orderable: false; reason: NotOrderableReason; nextOrderableDate?: string };

/** The first local date the item may be ordered again after its last order (undefined: never ordered). */
export function nextOrderableDate(med: MedicationRecord, timeZone: string): string | undefined {
  if (!med.lastOrderedAt) return undefined;
  return addDays(localDate(new Date(med.lastOrderedAt), timeZone), med.minDaysBetweenOrders);
}

/** THE ordering rule: whether the patient may order this item now, and if not, why. */
export function orderability(med: MedicationRecord, now: Date, timeZone: string): Orderability {
  if (med.pendingRequestId) return { orderable: false, reason: 'pending-request' };
  const today = localDate(now, timeZone);
  if (med.reviewDate < today) return { orderable: false, reason: 'review-overdue' };
  const next = nextOrderableDate(med, timeZone);
  if (next !== undefined && today < next) return { orderable: false, reason: 'too-soon', nextOrderableDate: next };
  return { orderable: true };
}

/** A plain sentence for the patient about why the item cannot be ordered. */
export function reasonText(med: MedicationRecord, o: Exclude<Orderability, { orderable: true }>): string {
  switch (o.reason) {
    case 'pending-request':
      return `${med.name} is already on a request waiting for the practice`;
    case 'review-overdue':
      return `${med.name} was due for a medication review on ${med.reviewDate}: contact the practice to arrange it`;
    case 'too-soon':
      return `${med.name} can be ordered again from ${o.nextOrderableDate}`;
  }
}

/** The contract's Medication: the stored item with its orderability now. */
export function toMedication(med: MedicationRecord, now: Date, timeZone: string): Medication {
  const o = orderability(med, now, timeZone);
  return {
    medicationId: med.medicationId,
    name: med.name,
    dosage: med.dosage,
    quantity: med.quantity,
    reviewDate: med.reviewDate,
    minDaysBetweenOrders: med.minDaysBetweenOrders,
    ...(med.lastOrderedAt ? { lastOrderedAt: med.lastOrderedAt } : {}),
    orderable: o.orderable,
    ...(o.orderable ? {} : { notOrderableReason: o.reason }),
    ...(!o.orderable && o.nextOrderableDate ? { nextOrderableDate: o.nextOrderableDate } : {}),
  };
}

/**
 * Checks an order against the patient's repeat list: every id must be on it (422
 * medication-not-found) and every item orderable now (422 medication-not-orderable). Each refused
 * item is named in `errors[]` by its place in `medicationIds` with its reason as the message.
 * `found` holds the stored item for each requested id, in the same order (undefined: not on the list).
 */
export function assertOrderable(
  medicationIds: readonly string[],
  found: readonly (MedicationRecord | undefined)[],
  now: Date,
  timeZone: string,
): MedicationRecord[] {
  const missing: FieldError[] = medicationIds.flatMap((id, i) =>
    found[i] && isCurrent(found[i]) ? [] : [{ path: `medicationIds.${i}`, message: 'not on your repeat list' }],
  );
  if (missing.length > 0) {
    throw new ProblemError(
      'medication-not-found',
      `${missing.length === 1 ? 'One item is' : `${missing.length} items are`} not on your repeat medication list`,
      missing,
    );
  }
  const meds = found as MedicationRecord[];
  const refused = meds.flatMap((med, i) => {
    const o = orderability(med, now, timeZone);
    return o.orderable ? [] : [{ index: i, med, o }];
  });
  if (refused.length > 0) {
    throw new ProblemError(
      'medication-not-orderable',
      `${refused.map(({ med, o }) => reasonText(med, o)).join('. ')}.`,
      refused.map(({ index, o }) => ({ path: `medicationIds.${index}`, message: o.reason })),
    );
  }
  return meds;
}

export function newPrescription(input: {
  prescriptionId: string;
  meds: readonly MedicationRecord[];
  pharmacy?: string;
  note?: string;
  now: Date;
  /** Denormalised from the profile so staff lists name the patient without a read per request. */
  patientName?: string;
  /** A proxy ordering for the patient. */
  proxyNhsNumber?: string;
}): PrescriptionRecord {
  const [first] = input.meds;
  const items: PrescriptionItem[] = input.meds.map((m) => ({
    medicationId: m.medicationId,
    name: m.name,
    dosage: m.dosage,
    quantity: m.quantity,
  }));
  return {
    prescriptionId: input.prescriptionId,
    practice: first!.practice,
    nhsNumber: first!.nhsNumber,
    status: 'requested',
    items,
    ...(input.pharmacy ? { pharmacy: input.pharmacy } : {}),
    ...(input.note ? { note: input.note } : {}),
    requestedAt: input.now.toISOString(),
    ...(input.patientName ? { patientName: input.patientName } : {}),
    ...(input.proxyNhsNumber ? { requestedBy: { nhsNumber: input.proxyNhsNumber, proxy: true } } : {}),
    previousLastOrderedAt: Object.fromEntries(
      input.meds.flatMap((m) => (m.lastOrderedAt ? [[m.medicationId, m.lastOrderedAt]] : [])),
    ),
  };
}

/** The life cycle: who may move a request from which status to which. */
export const TRANSITIONS = {
  withdraw: { from: 'requested', to: 'withdrawn' },
  approve: { from: 'requested', to: 'approved' },
  reject: { from: 'requested', to: 'rejected' },
  issue: { from: 'approved', to: 'issued' },
} as const satisfies Record<string, { from: PrescriptionStatus; to: PrescriptionStatus }>;
export type TransitionName = keyof typeof TRANSITIONS;

/**
 * What a transition does to the items on the request. Leaving `requested` always ends the pending
 * state; withdrawn and rejected requests also stop counting as the items' last order.
 */
export function itemEffect(name: TransitionName): 'release' | 'settle' | 'none' {
  if (name === 'withdraw' || name === 'reject') return 'release';
  return name === 'approve' ? 'settle' : 'none';
}

export function invalidTransition(name: TransitionName, status: string): ProblemError {
  const { from } = TRANSITIONS[name];
  return new ProblemError(
    'invalid-transition',
    `This request is ${status}: only a request that is ${from} can be ${TRANSITIONS[name].to}`,
  );
}

/** The request after a transition, or 409 invalid-transition when its status does not allow it. */
export function transitioned(
  rx: PrescriptionRecord,
  name: TransitionName,
  now: Date,
  rejectionReason?: string,
  rejectItems: readonly { medicationId: string; reason: string }[] = [],
): PrescriptionRecord {
  const { from, to } = TRANSITIONS[name];
  if (rx.status !== from) throw invalidTransition(name, rx.status);
  const at = now.toISOString();
  switch (name) {
    case 'withdraw':
      return { ...rx, status: to, withdrawnAt: at };
    case 'approve':
      return { ...rx, status: to, decidedAt: at, items: decidedItems(rx, rejectItems) };
    case 'reject':
      return {
        ...rx,
        status: to,
        decidedAt: at,
        rejectionReason: rejectionReason!,
        items: rx.items.map((i) => ({ ...i, decision: 'rejected', reason: rejectionReason! })),
      };
    case 'issue':
      return { ...rx, status: to, issuedAt: at };
  }
}

/**
 * Each item's decision on approval: the listed items rejected with their reasons, the others
 * approved. An id not on the request, or rejecting every item (that is a rejection), is 400.
 */
export function decidedItems(
  rx: PrescriptionRecord,
  rejectItems: readonly { medicationId: string; reason: string }[],
): PrescriptionItem[] {
  const onRequest = new Set(rx.items.map((i) => i.medicationId));
  const unknown: FieldError[] = rejectItems.flatMap((r, i) =>
    onRequest.has(r.medicationId) ? [] : [{ path: `rejectItems.${i}.medicationId`, message: 'is not on this request' }],
  );
  if (unknown.length > 0)
    throw new ProblemError('validation-failed', 'An item to reject is not on this request', unknown);
  const reasons = new Map(rejectItems.map((r) => [r.medicationId, r.reason]));
  if (reasons.size > 0 && reasons.size >= rx.items.length) {
    throw new ProblemError(
      'validation-failed',
      'Every item would be rejected: reject the request instead, with one reason',
      [{ path: 'rejectItems', message: 'must leave at least one item approved' }],
    );
  }
  return rx.items.map((i) => {
    const reason = reasons.get(i.medicationId);
    return reason === undefined ? { ...i, decision: 'approved' } : { ...i, decision: 'rejected', reason };
  });
}

/** What the decision does to each item's ordering state: a rejected item is released, as on a rejection. */
export function itemEffects(
  name: TransitionName,
  next: PrescriptionRecord,
): Map<string, 'release' | 'settle' | 'none'> {
  return new Map(
    next.items.map((i) => [
      i.medicationId,
      name === 'approve' && i.decision === 'rejected' ? 'release' : itemEffect(name),
    ]),
  );
}

/** The contract's PrescriptionRequest (bookkeeping left out). */
export function toPrescriptionRequest(rx: PrescriptionRecord): PrescriptionRequest {
  return {
    prescriptionId: rx.prescriptionId,
    practice: rx.practice,
    nhsNumber: rx.nhsNumber,
    status: rx.status,
    items: rx.items,
    ...(rx.pharmacy ? { pharmacy: rx.pharmacy } : {}),
    ...(rx.note ? { note: rx.note } : {}),
    requestedAt: rx.requestedAt,
    ...(rx.decidedAt ? { decidedAt: rx.decidedAt } : {}),
    ...(rx.rejectionReason ? { rejectionReason: rx.rejectionReason } : {}),
    ...(rx.issuedAt ? { issuedAt: rx.issuedAt } : {}),
    ...(rx.patientName ? { patientName: rx.patientName } : {}),
    ...(rx.requestedBy ? { requestedBy: rx.requestedBy } : {}),
  };
}
