import { ProblemError } from '../domain/errors.ts';
import { replayOf, type Completed, type IdempotencyClaim } from '../domain/idempotency.ts';
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
import { countedActionItems } from '../store/counters.ts';
import { idempotencyItem, idempotencyKey, idempotencyRecordFrom } from '../store/idempotency.ts';
import { patientFrom, patientKey } from '../store/patients.ts';
import { settingsFrom, settingsKey } from '../store/practices.ts';
import {
  addMedicationItems,
  findPracticePrescription,
  medicationFrom,
  medicationKey,
  orderMedicationItem,
  prescriptionFrom,
  prescriptionKey,
  putPrescriptionItem,
  queryPatientMedications,
  queryPatientPrescriptions,
  queryPracticePrescriptions,
  transitionItems,
} from '../store/prescriptions.ts';
import { timeOrderedId } from '../domain/ids.ts';
import { staffAudited } from '../domain/record.ts';
import { putAuditItem } from '../store/audit.ts';
import { getItems, type Page } from '../store/read.ts';
import { idempotentWrite } from './idempotency.ts';
import { transact } from '../store/transact.ts';
import { prescriptionMessageItems } from '../store/outbox.ts';
import { defaultDeps, practiceConfig, practiceOf, type Deps } from './deps.ts';

/**
 * Repeat prescriptions. Patient writes follow the booking model: ONE BatchGetItem
 * reads everything the decision needs (profile, practice settings, the items or request involved,
 * the idempotency record), the pure rules in domain/prescriptions.ts decide, and ONE
 * TransactWriteItems writes the effect together with the items' ordering state, the report
 * counters and the idempotency record, re-run from the read when a concurrent write got in first.
 */

const notFound = () => new ProblemError('not-found', 'No such prescription request');

/**
 * The service gate of every patient route here: the practice offers online prescriptions and has
 * enabled them for this patient (403 service-not-enabled otherwise). One BatchGetItem.
 */
async function assertPrescriptionsEnabled(caller: PatientCaller): Promise<void> {
  const [patientItem, settingsItem] = await getItems([
    patientKey(caller.practice, caller.nhsNumber),
    settingsKey(caller.practice),
  ]);
  assertServiceEnabled(patientFrom(patientItem), settingsFrom(settingsItem), 'prescriptions');
}

/** Runs a listing and the service gate side by side (one round trip of latency); the gate decides first. */
async function gated<T>(caller: PatientCaller, list: Promise<T>): Promise<T> {
  const [, result] = await Promise.all([assertPrescriptionsEnabled(caller), list]);
  return result;
}

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
  const { timeZone } = await practiceOf(caller.practice);
  return idempotentWrite(claim, deps.clock, async () => {
    const now = deps.clock.now();
    const med: MedicationRecord = {
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
    const result = toMedication(med, now, timeZone);
    await transact([
      ...idempotencyItem(claim, 201, result, now),
      ...addMedicationItems(med),
      putAuditItem(
        caller.practice,
        staffAudited({ auditId: deps.ids.next(), at: now, actor: caller.sub, nhsNumber, action: 'add-medication' }),
      ),
    ]);
    return { value: result, replayed: false };
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
    queryPatientMedications(caller.practice, caller.nhsNumber, query.limit, query.nextToken),
  );
  const { timeZone } = await practiceOf(caller.practice);
  const now = deps.clock.now();
  return { ...page, items: page.items.map((m) => toMedication(m, now, timeZone)) };
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
  return idempotentWrite(claim, deps.clock, async () => {
    const now = deps.clock.now();
    const [patientItem, settingsItem, idemItem, ...medItems] = await getItems([
      patientKey(caller.practice, caller.nhsNumber),
      settingsKey(caller.practice),
      idempotencyKey(claim),
      ...input.medicationIds.map((id) => medicationKey(caller.practice, caller.nhsNumber, id)),
    ]);
    const { timeZone } = await practiceOf(caller.practice);
    const replay = claim && replayOf<PrescriptionRequest>(idempotencyRecordFrom(idemItem), claim, now);
    if (replay) return replay;

    const patient = assertServiceEnabled(patientFrom(patientItem), settingsFrom(settingsItem), 'prescriptions');
    const meds = assertOrderable(input.medicationIds, medItems.map(medicationFrom), now, timeZone);
    const rx = newPrescription({
      prescriptionId: timeOrderedId(now, deps.ids.next()),
      meds,
      pharmacy: input.pharmacy,
      note: input.note,
      now,
      patientName: patient.name,
      proxyNhsNumber: caller.proxy?.nhsNumber,
    });
    const result = toPrescriptionRequest(rx);
    await transact([
      ...meds.map((m) => orderMedicationItem(m, rx.prescriptionId, now)),
      putPrescriptionItem(rx),
      ...countedActionItems(caller.practice, timeZone, [
        {
          kind: 'prescription-ordered',
          at: now,
          ref: rx.prescriptionId,
          items: meds.length,
          proxy: caller.proxy !== undefined,
        },
      ]),
      ...idempotencyItem(claim, 201, result, now),
    ]);
    return { value: result, replayed: false };
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
  return idempotentWrite(claim, deps.clock, async () => {
    const now = deps.clock.now();
    const [patientItem, settingsItem, rxItem, idemItem] = await getItems([
      patientKey(caller.practice, caller.nhsNumber),
      settingsKey(caller.practice),
      prescriptionKey(caller.practice, caller.nhsNumber, prescriptionId),
      idempotencyKey(claim),
    ]);
    const replay = claim && replayOf<PrescriptionRequest>(idempotencyRecordFrom(idemItem), claim, now);
    if (replay) return replay;

    assertServiceEnabled(patientFrom(patientItem), settingsFrom(settingsItem), 'prescriptions');
    const rx = prescriptionFrom(rxItem);
    if (!rx) throw notFound();
    const next = transitioned(rx, 'withdraw', now);
    const result = toPrescriptionRequest(next);
    await transact([
      ...transitionItems(rx, next, 'withdraw', itemEffect('withdraw')),
      ...idempotencyItem(claim, 200, result, now),
    ]);
    return { value: result, replayed: false };
  });
}

/** GET /prescriptions/{id}: one BatchGetItem; another patient's id is not in this partition (404). */
export async function getOwnPrescription(caller: PatientCaller, prescriptionId: string): Promise<PrescriptionRequest> {
  const [patientItem, settingsItem, rxItem] = await getItems([
    patientKey(caller.practice, caller.nhsNumber),
    settingsKey(caller.practice),
    prescriptionKey(caller.practice, caller.nhsNumber, prescriptionId),
  ]);
  assertServiceEnabled(patientFrom(patientItem), settingsFrom(settingsItem), 'prescriptions');
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
    queryPatientPrescriptions(caller.practice, caller.nhsNumber, query.status, query.limit, query.nextToken),
  );
  return { ...page, items: page.items.map(toPrescriptionRequest) };
}

/** GET /staff/prescriptions?status=: one Query on an index of the caller's practice only. */
export async function listPracticePrescriptions(
  caller: StaffCaller,
  query: PrescriptionsQuery,
): Promise<Page<PrescriptionRequest>> {
  const page = await queryPracticePrescriptions(caller.practice, query.status, query.limit, query.nextToken);
  return { ...page, items: page.items.map(toPrescriptionRequest) };
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
  return idempotentWrite(claim, deps.clock, async () => {
    const now = deps.clock.now();
    const rx = await findPracticePrescription(caller.practice, prescriptionId);
    if (!rx) throw notFound();
    const next = transitioned(rx, name, now, rejectionReason, rejectItems);
    const result = toPrescriptionRequest(next);
    await transact([
      ...idempotencyItem(claim, 200, result, now),
      ...transitionItems(rx, next, name, itemEffects(name, next)),
      ...prescriptionMessageItems(practiceConfig(caller.practice), rx, name, now),
    ]);
    return { value: result, replayed: false };
  });
}
