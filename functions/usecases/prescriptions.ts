import type { CountedAction } from '../domain/activity.ts';
import { ProblemError } from '../domain/errors.ts';
import type { Completed, IdempotencyClaim } from '../domain/idempotency.ts';
import {
  assertOrderable,
  itemEffect,
  itemEffects,
  newPrescription,
  toMedication,
  toPrescriptionRequest,
  transitioned,
  type MedicationRecord,
  type TransitionName,
} from '../domain/prescriptions.ts';
import { assertServiceEnabled } from '../domain/services.ts';
import type { PatientCaller, StaffCaller } from '../schemas/identity.ts';
import type {
  AddMedicationBody,
  Medication,
  OrderPrescriptionBody,
  PrescriptionRequest,
  PrescriptionsQuery,
} from '../schemas/prescriptions.ts';
import {
  commitNewMedication,
  commitOrder,
  commitTransition,
  findPracticePrescription,
  prescriptionFrom,
  prescriptionKey,
  queryPatientMedications,
  queryPatientPrescriptions,
  queryPracticePrescriptions,
  readPrescriptionContext,
} from '../store/prescriptions.ts';
import { timeOrderedId } from '../domain/ids.ts';
import { mapPage, type Page } from '../store/read.ts';
import { idempotentChange } from './idempotency.ts';
import { defaultDeps, practiceOf, type Deps } from './deps.ts';
import { gated, serviceGate } from './service-gate.ts';
import { staffAudit } from './staff-audit.ts';

/**
 * Repeat prescriptions. Patient writes follow the booking model: ONE BatchGetItem
 * reads everything the decision needs (profile, practice settings, the items or request involved,
 * the idempotency record), the pure rules in domain/prescriptions.ts decide, and ONE
 * TransactWriteItems writes the effect together with the items' ordering state, the report
 * counters and the idempotency record, re-run from the read when a concurrent write got in first.
 */

const notFound = () => new ProblemError('not-found', 'No such prescription request');

/**
 * POST /staff/patients/{nhsNumber}/medications: one TransactWriteItems (the idempotency record
 * when a key is sent, the new item, and a check that the patient is registered at the caller's
 * practice, else 404). The new id is random, so it is the record in the same transaction that
 * makes a retried add converge on the first item instead of adding a second.
 */
export async function addMedication(
  caller: StaffCaller,
  nhsNumber: string,
  input: AddMedicationBody,
  claim: IdempotencyClaim | undefined,
  deps: Deps = defaultDeps,
): Promise<Completed<Medication>> {
  return idempotentChange({
    claim,
    clock: deps.clock,
    // No read: the patient's registration is checked in the transaction. The practice's registry
    // entry is read alongside nothing else, by one GetItem.
    read: async () => ({ practice: await practiceOf(caller.practice) }),
    decide: ({ practice }, now) => {
      const medication: MedicationRecord = {
        medicationId: timeOrderedId(now, deps.ids.next()),
        practice: caller.practice,
        nhsNumber,
        name: input.name,
        dosage: input.dosage,
        quantity: input.quantity,
        reviewDate: input.reviewDate,
        minDaysBetweenOrders: input.minDaysBetweenOrders,
        createdAt: now.toISOString(),
        version: 1,
      };
      return {
        value: toMedication(medication, now, practice.timeZone),
        status: 201,
        change: { medication, audit: staffAudit(caller, nhsNumber, 'add-medication', now, deps) },
      };
    },
    commit: commitNewMedication,
  });
}

/** GET /medications: one Query of the patient's items (with the service gate alongside). */
export async function listMedications(
  caller: PatientCaller,
  query: { limit: number; nextToken?: string },
  deps: Deps = defaultDeps,
): Promise<Page<Medication>> {
  const page = await gated(
    caller,
    'prescriptions',
    queryPatientMedications(caller.practice, caller.nhsNumber, query.limit, query.nextToken),
  );
  const { timeZone } = await practiceOf(caller.practice);
  const now = deps.clock.now();
  return mapPage(page, (m) => toMedication(m, now, timeZone));
}

/**
 * POST /prescriptions: one BatchGetItem (profile, settings, idempotency record and the ordered
 * items) + one TransactWriteItems (each item becomes pending and last ordered, conditioned on the
 * version read; the request; the practice-month counters and activity entry; the idempotency
 * record). Of concurrent orders of one item one commits; the others re-read and are refused with
 * `pending-request`, the reason GET /medications shows.
 */
export async function orderPrescription(
  caller: PatientCaller,
  input: OrderPrescriptionBody,
  claim: IdempotencyClaim | undefined,
  deps: Deps = defaultDeps,
): Promise<Completed<PrescriptionRequest>> {
  return idempotentChange({
    claim,
    clock: deps.clock,
    read: async () => {
      const read = await readPrescriptionContext(
        caller.practice,
        caller.nhsNumber,
        { medicationIds: input.medicationIds },
        claim,
      );
      // The practice's registry entry rode along with that read.
      return { ...read, practice: await practiceOf(caller.practice) };
    },
    decide: (read, now) => {
      const { timeZone } = read.practice;
      const patient = assertServiceEnabled(read.patient, read.settings, 'prescriptions');
      const meds = assertOrderable(input.medicationIds, read.medications, now, timeZone);
      const rx = newPrescription({
        prescriptionId: timeOrderedId(now, deps.ids.next()),
        meds,
        pharmacy: input.pharmacy,
        note: input.note,
        now,
        patientName: patient.name,
        proxyNhsNumber: caller.proxy?.nhsNumber,
      });
      const counted: CountedAction = {
        kind: 'prescription-ordered',
        at: now,
        ref: rx.prescriptionId,
        items: meds.length,
        proxy: caller.proxy !== undefined,
      };
      return {
        value: toPrescriptionRequest(rx),
        status: 201,
        change: { prescription: rx, medications: meds, timeZone, counted: [counted], now },
      };
    },
    commit: commitOrder,
  });
}

/**
 * POST /prescriptions/{id}/withdraw, only while `requested`: one BatchGetItem + one
 * TransactWriteItems that also takes the items off the request and restores their previous
 * `lastOrderedAt` (a withdrawn request is not an item's last order; it still counts as ordered in
 * the monthly report, so the counters do not move).
 */
export async function withdrawPrescription(
  caller: PatientCaller,
  prescriptionId: string,
  claim: IdempotencyClaim | undefined,
  deps: Deps = defaultDeps,
): Promise<Completed<PrescriptionRequest>> {
  return idempotentChange({
    claim,
    clock: deps.clock,
    read: () => readPrescriptionContext(caller.practice, caller.nhsNumber, { prescriptionId }, claim),
    decide: (read, now) => {
      assertServiceEnabled(read.patient, read.settings, 'prescriptions');
      const rx = read.prescription;
      if (!rx) throw notFound();
      const next = transitioned(rx, 'withdraw', now);
      return {
        value: toPrescriptionRequest(next),
        status: 200,
        change: { before: rx, next, name: 'withdraw' as const, effect: itemEffect('withdraw') },
      };
    },
    commit: commitTransition,
  });
}

/** GET /prescriptions/{id}: one BatchGetItem; another patient's id is not in this partition (404). */
export async function getOwnPrescription(caller: PatientCaller, prescriptionId: string): Promise<PrescriptionRequest> {
  const {
    items: [rxItem],
  } = await serviceGate(caller, 'prescriptions', prescriptionKey(caller.practice, caller.nhsNumber, prescriptionId));
  const rx = prescriptionFrom(rxItem);
  if (!rx) throw notFound();
  return toPrescriptionRequest(rx);
}

/** GET /prescriptions?status=: one Query of the patient's requests, newest first. */
export async function listOwnPrescriptions(
  caller: PatientCaller,
  query: PrescriptionsQuery,
): Promise<Page<PrescriptionRequest>> {
  const page = await gated(
    caller,
    'prescriptions',
    queryPatientPrescriptions(caller.practice, caller.nhsNumber, query.status, query.limit, query.nextToken),
  );
  return mapPage(page, toPrescriptionRequest);
}

/** GET /staff/prescriptions?status=: one Query on an index of the caller's practice only. */
export async function listPracticePrescriptions(
  caller: StaffCaller,
  query: PrescriptionsQuery,
): Promise<Page<PrescriptionRequest>> {
  const page = await queryPracticePrescriptions(caller.practice, query.status, query.limit, query.nextToken);
  return mapPage(page, toPrescriptionRequest);
}

/**
 * POST /staff/prescriptions/{id}/approve | reject | issue. Finds the request in the caller's
 * practice (GSI2, then a consistent read), decides the transition, and writes it in one
 * TransactWriteItems with the items' ordering state: approving ends the pending state and keeps
 * the order; rejecting also restores each item's previous `lastOrderedAt`. A status that moved
 * meanwhile (e.g. the patient withdrew) fails the transaction's condition: 409 invalid-transition.
 * A retry under the same Idempotency-Key finds the request already moved (409) and then the
 * record, and replays the first answer.
 */
export async function decidePrescription(
  caller: StaffCaller,
  prescriptionId: string,
  name: Exclude<TransitionName, 'withdraw'>,
  rejectionReason: string | undefined,
  claim: IdempotencyClaim | undefined,
  deps: Deps = defaultDeps,
  rejectItems: readonly { medicationId: string; reason: string }[] = [],
): Promise<Completed<PrescriptionRequest>> {
  return idempotentChange({
    claim,
    clock: deps.clock,
    read: async () => {
      const rx = await findPracticePrescription(caller.practice, prescriptionId);
      return { rx, practice: await practiceOf(caller.practice) };
    },
    decide: ({ rx, practice }, now) => {
      if (!rx) throw notFound();
      const next = transitioned(rx, name, now, rejectionReason, rejectItems);
      return {
        value: toPrescriptionRequest(next),
        status: 200,
        change: { before: rx, next, name, effect: itemEffects(name, next), tell: { from: practice, now } },
      };
    },
    commit: commitTransition,
  });
}
