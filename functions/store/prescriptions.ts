import type { CountedAction } from '../domain/activity.ts';
import type { IdempotencyClaim } from '../domain/idempotency.ts';
import type { AuditRecord } from '../domain/record.ts';
import {
  invalidTransition,
  TRANSITIONS,
  type MedicationRecord,
  type PrescriptionRecord,
  type TransitionName,
} from '../domain/prescriptions.ts';
import { Medication, PrescriptionRequest, type PrescriptionStatus } from '../schemas/prescriptions.ts';
import * as z from '../schemas/zod.ts';
import { putAuditItem } from './audit.ts';
import { tableName } from './client.ts';
import { countedActionItems } from './counters.ts';
import { commitChange, idempotencyKey, idempotencyRecordFrom, type KeptAnswer } from './idempotency.ts';
import { keys, type Key } from './keys.ts';
import { storedItem, storedMap } from './stored-item.ts';
import { getItem, type Item, type GuardedItem } from './dynamo.ts';
import { getItems, type Page, queryList, queryPage } from './read.ts';
import { prescriptionMessageItems, type Sender } from './outbox.ts';
import { patientFrom, patientRegisteredCheck } from './patients.ts';
import { settingsFrom } from './practices.ts';
import { WriteConflictError } from './write-conflict.ts';

/**
 * Repeat medications and prescription requests. Both live in the patient's own partition, so a
 * patient's list is one Query and another patient's request is simply not there (404). Each
 * medication item carries its own ordering state (`pendingRequestId`, `lastOrderedAt`) under a
 * version, and every order, withdrawal and decision changes that state in the same transaction as
 * the request, conditioned on the version or the pending request it read: of any number of
 * concurrent orders of one item exactly one commits. Requests are also indexed for staff:
 * GSI1 `RXQUEUE#{ods}#{status}` (the work queue per status) and GSI2 `RX#{ods}` (all of the
 * practice's requests, and one by id), both sorted by prescriptionId, which sorts by requestedAt.
 */

/** A repeat medication as stored: the patient's view of it and its ordering state. */
const parseMedication = /* @__PURE__ */ storedItem('medication', (): z.ZodMiniType<MedicationRecord> =>
  z.object({
    medicationId: z.built(Medication).shape.medicationId,
    practice: z.string(),
    nhsNumber: z.string(),
    name: z.built(Medication).shape.name,
    dosage: z.built(Medication).shape.dosage,
    quantity: z.built(Medication).shape.quantity,
    reviewDate: z.built(Medication).shape.reviewDate,
    minDaysBetweenOrders: z.built(Medication).shape.minDaysBetweenOrders,
    lastOrderedAt: z.built(Medication).shape.lastOrderedAt,
    pendingRequestId: z.optional(z.string()),
    createdAt: z.string(),
    version: z.number(),
    discontinuedAt: z.optional(z.string()),
  }),
);

/** A prescription request as stored: the contract's request and what undoing it needs. */
const parsePrescription = /* @__PURE__ */ storedItem('prescription request', (): z.ZodMiniType<PrescriptionRecord> =>
  z.object({
    ...z.built(PrescriptionRequest).shape,
    withdrawnAt: z.optional(z.string()),
    previousLastOrderedAt: storedMap(z.string()),
  }),
);

/** The status of a request whose transition was refused, from the item as the refusal found it. */
const parseStatus = /* @__PURE__ */ storedItem('prescription request', () =>
  z.object({ status: z.built(PrescriptionRequest).shape.status }),
);

export function medicationFrom(item: Item | undefined): MedicationRecord | undefined {
  if (!item || item.entity !== 'medication') return undefined;
  return parseMedication(item);
}

export function prescriptionFrom(item: Item | undefined): PrescriptionRecord | undefined {
  if (!item || item.entity !== 'prescription') return undefined;
  return parsePrescription(item);
}

const medicationKey = (practice: string, nhsNumber: string, medicationId: string): Key =>
  keys.medication(practice, nhsNumber, medicationId);

export const prescriptionKey = (practice: string, nhsNumber: string, prescriptionId: string): Key =>
  keys.prescription(practice, nhsNumber, prescriptionId);

/**
 * Time-sortable ids: a patient's partition lists medications in the order they were added and
 * requests in the order they were made, and so do the staff indexes.
 */
/**
 * A new repeat medication, only for a patient registered at the practice: the profile's existence
 * is checked in the same transaction (no read first), else 404.
 */
function addMedicationItems(med: MedicationRecord): GuardedItem[] {
  return [
    patientRegisteredCheck(med.practice, med.nhsNumber),
    {
      item: {
        Put: {
          TableName: tableName(),
          Item: { ...medicationKey(med.practice, med.nhsNumber, med.medicationId), entity: 'medication', ...med },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    },
  ];
}

/**
 * Puts the item on a new request: it becomes pending and last ordered now, only if nothing changed
 * it since it was read. A lost race is a conflict: the use case re-reads, sees the winner's request
 * and refuses with `pending-request`.
 */
function orderMedicationItem(med: MedicationRecord, prescriptionId: string, now: Date): GuardedItem {
  return {
    item: {
      Update: {
        TableName: tableName(),
        Key: medicationKey(med.practice, med.nhsNumber, med.medicationId),
        UpdateExpression: 'SET pendingRequestId = :rx, lastOrderedAt = :now, version = :next',
        ConditionExpression: 'version = :v AND attribute_not_exists(pendingRequestId)',
        ExpressionAttributeValues: {
          ':rx': prescriptionId,
          ':now': now.toISOString(),
          ':v': med.version,
          ':next': med.version + 1,
        },
      },
    },
    onConditionFailed: () => new WriteConflictError(0),
  };
}

/**
 * The item leaves a request that is no longer `requested`. 'release' (withdrawn, rejected): the
 * request stops counting as its last order, so `lastOrderedAt` goes back to what it was before.
 * 'settle' (approved): the order stands. Conditioned on the item still being on this request.
 */
function leaveRequestItem(rx: PrescriptionRecord, medicationId: string, effect: 'release' | 'settle'): GuardedItem {
  const previous = rx.previousLastOrderedAt[medicationId];
  const set = ['version = version + :one'];
  const remove = ['pendingRequestId'];
  const values: Record<string, unknown> = { ':one': 1, ':rx': rx.prescriptionId };
  if (effect === 'release') {
    if (previous) {
      set.push('lastOrderedAt = :previous');
      values[':previous'] = previous;
    } else {
      remove.push('lastOrderedAt');
    }
  }
  return {
    item: {
      Update: {
        TableName: tableName(),
        Key: medicationKey(rx.practice, rx.nhsNumber, medicationId),
        UpdateExpression: `SET ${set.join(', ')} REMOVE ${remove.join(', ')}`,
        ConditionExpression: 'pendingRequestId = :rx',
        ExpressionAttributeValues: values,
      },
    },
    // The request's own status condition comes first in the transaction and explains any
    // ordinary refusal; reaching this means the item and its request disagree.
    onConditionFailed: () => new Error(`medication ${medicationId} is not pending on request ${rx.prescriptionId}`),
  };
}

/** The index entries that follow a request's status. */
function indexAttributes(rx: Pick<PrescriptionRecord, 'practice' | 'status' | 'prescriptionId'>) {
  return {
    GSI1PK: keys.prescriptionQueuePartition(rx.practice, rx.status),
    GSI1SK: rx.prescriptionId,
    GSI2PK: keys.practicePrescriptionsPartition(rx.practice),
    GSI2SK: rx.prescriptionId,
  };
}

/** A new request in the patient's partition, indexed into its practice's queues. */
function putPrescriptionItem(rx: PrescriptionRecord): GuardedItem {
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: {
          ...prescriptionKey(rx.practice, rx.nhsNumber, rx.prescriptionId),
          entity: 'prescription',
          ...rx,
          ...indexAttributes(rx),
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
  };
}

/**
 * A status change (`next` is the request after it) as transaction items: the request, conditioned
 * on still being in the transition's `from` status (else 409 invalid-transition, whatever it became
 * meanwhile), first; then each item's ordering state, per the transition's effect.
 */
function transitionItems(
  before: PrescriptionRecord,
  next: PrescriptionRecord,
  name: TransitionName,
  effect: 'release' | 'settle' | 'none' | Map<string, 'release' | 'settle' | 'none'>,
): GuardedItem[] {
  const changed = Object.fromEntries(
    (['status', 'decidedAt', 'rejectionReason', 'issuedAt', 'withdrawnAt', 'items'] as const)
      .filter((f) => next[f] !== undefined && next[f] !== before[f])
      .map((f) => [f, next[f]]),
  );
  const fields = { ...changed, GSI1PK: keys.prescriptionQueuePartition(next.practice, next.status) };
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = { ':from': TRANSITIONS[name].from };
  const set = Object.entries(fields).map(([field, value], i) => {
    names[`#f${i}`] = field;
    values[`:f${i}`] = value;
    return `#f${i} = :f${i}`;
  });
  const request: GuardedItem = {
    item: {
      Update: {
        TableName: tableName(),
        Key: prescriptionKey(before.practice, before.nhsNumber, before.prescriptionId),
        UpdateExpression: `SET ${set.join(', ')}`,
        ConditionExpression: '#status = :from',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
    onConditionFailed: (existing) => invalidTransition(name, existing ? parseStatus(existing).status : 'gone'),
  };
  const effectOf = (id: string) => (typeof effect === 'string' ? effect : (effect.get(id) ?? 'none'));
  return [
    request,
    ...before.items.flatMap((i) => {
      const e = effectOf(i.medicationId);
      return e === 'none' ? [] : [leaveRequestItem(before, i.medicationId, e)];
    }),
  ];
}

// ── Read-contexts and commits ─────────────────────────────────────────────────────────────────

/**
 * Everything a patient's order or withdrawal is decided on, in ONE BatchGetItem: the profile, the
 * practice settings, the Idempotency-Key's record, and the request or the items involved (each
 * undefined where absent, in the order asked).
 */
export async function readPrescriptionContext(
  practice: string,
  nhsNumber: string,
  wanted: { prescriptionId?: string; medicationIds?: readonly string[] },
  claim: IdempotencyClaim | undefined,
) {
  const medicationIds = wanted.medicationIds ?? [];
  const [patientItem, settingsItem, idemItem, rxItem, ...medItems] = await getItems([
    keys.patient(practice, nhsNumber),
    keys.practiceSettings(practice),
    idempotencyKey(claim),
    wanted.prescriptionId ? prescriptionKey(practice, nhsNumber, wanted.prescriptionId) : undefined,
    ...medicationIds.map((id) => medicationKey(practice, nhsNumber, id)),
  ]);
  return {
    patient: patientFrom(patientItem),
    settings: settingsFrom(settingsItem),
    prescription: prescriptionFrom(rxItem),
    medications: medItems.map(medicationFrom),
    idempotency: idempotencyRecordFrom(idemItem),
  };
}

/** What a staff change of one repeat item is decided on: the item and the key's record (one BatchGetItem). */
export async function readMedicationContext(
  practice: string,
  nhsNumber: string,
  medicationId: string,
  claim: IdempotencyClaim | undefined,
) {
  const [medItem, idemItem] = await getItems([medicationKey(practice, nhsNumber, medicationId), idempotencyKey(claim)]);
  return { medication: medicationFrom(medItem), idempotency: idempotencyRecordFrom(idemItem) };
}

/**
 * A new repeat item, with its audit entry, for a patient registered at the practice (checked in
 * the transaction: 404 otherwise). One TransactWriteItems with the kept answer.
 */
export async function commitNewMedication(
  change: { medication: MedicationRecord; audit: AuditRecord },
  kept: KeptAnswer | undefined,
): Promise<void> {
  await commitChange(kept, [
    ...addMedicationItems(change.medication),
    putAuditItem(change.medication.practice, change.audit),
  ]);
}

/**
 * A new request: each item becomes pending on it (on the version read: a lost race re-reads and
 * is refused with pending-request), the request, and the report's counters. One TransactWriteItems
 * with the kept answer.
 */
export async function commitOrder(
  change: {
    prescription: PrescriptionRecord;
    medications: MedicationRecord[];
    timeZone: string;
    counted: CountedAction[];
    now: Date;
  },
  kept: KeptAnswer | undefined,
): Promise<void> {
  const rx = change.prescription;
  await commitChange(kept, [
    ...change.medications.map((m) => orderMedicationItem(m, rx.prescriptionId, change.now)),
    putPrescriptionItem(rx),
    ...countedActionItems(rx.practice, change.timeZone, change.counted),
  ]);
}

/** A request's status change (see transitionItems), and the patient told of a decision unless `tell` is absent. */
export interface TransitionChange {
  before: PrescriptionRecord;
  next: PrescriptionRecord;
  name: TransitionName;
  effect: Parameters<typeof transitionItems>[3];
  tell?: { from: Sender; now: Date };
}

/** A request's status change, its items' ordering state and the message: one TransactWriteItems with the kept answer. */
export async function commitTransition(change: TransitionChange, kept: KeptAnswer | undefined): Promise<void> {
  const { before, name, tell } = change;
  await commitChange(kept, [
    ...transitionItems(before, change.next, name, change.effect),
    ...(tell && name !== 'withdraw' ? prescriptionMessageItems(tell.from, before, name, tell.now) : []),
  ]);
}

/**
 * A staff review or stop of one repeat item: the fields set on the version read (an order or a
 * decision in between re-runs it), and the audit entry. One TransactWriteItems with the kept answer.
 */
export async function commitMedicationChange(
  change: { medication: MedicationRecord; set: Record<string, unknown>; audit: AuditRecord },
  kept: KeptAnswer | undefined,
): Promise<void> {
  const med = change.medication;
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':v': med.version, ':next': med.version + 1 };
  const sets = Object.entries(change.set).map(([field, value], i) => {
    names[`#f${i}`] = field;
    values[`:f${i}`] = value;
    return `#f${i} = :f${i}`;
  });
  await commitChange(kept, [
    {
      item: {
        Update: {
          TableName: tableName(),
          Key: medicationKey(med.practice, med.nhsNumber, med.medicationId),
          UpdateExpression: `SET ${[...sets, 'version = :next'].join(', ')}`,
          ConditionExpression: 'version = :v',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      },
      onConditionFailed: () => new WriteConflictError(0),
    },
    putAuditItem(med.practice, change.audit),
  ]);
}

/** A patient's repeat medications, in the order they were added: one Query on their partition. */
export async function queryPatientMedications(
  practice: string,
  nhsNumber: string,
  limit: number,
  nextToken: string | undefined,
  options: { includeDiscontinued?: boolean } = {},
): Promise<Page<MedicationRecord>> {
  const PK = keys.patientPartition(practice, nhsNumber);
  return queryList(
    {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      // Discontinued items stay in the partition (requests name them) but leave the patient's list.
      ...(options.includeDiscontinued ? {} : { FilterExpression: 'attribute_not_exists(discontinuedAt)' }),
      ExpressionAttributeValues: { ':pk': PK, ':prefix': keys.medicationPrefix },
      Limit: limit,
      ConsistentRead: true,
    },
    { partition: { PK }, nextToken },
    parseMedication,
  );
}

/**
 * A patient's requests, newest first: one Query on their partition. With `status`, a filter on
 * that Query (a patient has few requests), so a page may hold fewer than `limit` items while
 * `nextToken` says more may follow.
 */
export async function queryPatientPrescriptions(
  practice: string,
  nhsNumber: string,
  status: PrescriptionStatus | undefined,
  limit: number,
  nextToken: string | undefined,
): Promise<Page<PrescriptionRecord>> {
  const PK = keys.patientPartition(practice, nhsNumber);
  return queryList(
    {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ...(status
        ? {
            FilterExpression: '#status = :status',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':pk': PK, ':prefix': keys.prescriptionPrefix, ':status': status },
          }
        : { ExpressionAttributeValues: { ':pk': PK, ':prefix': keys.prescriptionPrefix } }),
      ScanIndexForward: false,
      Limit: limit,
      ConsistentRead: true,
    },
    { partition: { PK }, nextToken },
    parsePrescription,
  );
}

/**
 * A practice's requests: with `status`, the work queue for that status, oldest first (one Query on
 * GSI1); without, all of them, newest first (one Query on GSI2).
 */
export async function queryPracticePrescriptions(
  practice: string,
  status: PrescriptionStatus | undefined,
  limit: number,
  nextToken: string | undefined,
): Promise<Page<PrescriptionRecord>> {
  const [index, attribute, partition] = status
    ? (['GSI1', 'GSI1PK', keys.prescriptionQueuePartition(practice, status)] as const)
    : (['GSI2', 'GSI2PK', keys.practicePrescriptionsPartition(practice)] as const);
  return queryList(
    {
      IndexName: index,
      KeyConditionExpression: `${attribute} = :pk`,
      ExpressionAttributeValues: { ':pk': partition },
      ScanIndexForward: status !== undefined,
      Limit: limit,
    },
    { partition: { [attribute]: partition }, nextToken },
    parsePrescription,
  );
}

/** The table key of a request found on an index: what the strongly consistent read needs of it. */
const parseTableKey = /* @__PURE__ */ storedItem('prescription request', (): z.ZodMiniType<Key> =>
  z.object({ PK: z.string(), SK: z.string() }),
);

/**
 * One of the practice's requests by id (staff routes do not know the patient): one Query on GSI2
 * for its key, then one strongly consistent GetItem, since the index may lag a status change.
 */
export async function findPracticePrescription(
  practice: string,
  prescriptionId: string,
): Promise<PrescriptionRecord | undefined> {
  const { items } = await queryPage({
    IndexName: 'GSI2',
    KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK = :id',
    ExpressionAttributeValues: { ':pk': keys.practicePrescriptionsPartition(practice), ':id': prescriptionId },
    Limit: 1,
  });
  return items[0] && prescriptionFrom(await getItem(parseTableKey(items[0])));
}
