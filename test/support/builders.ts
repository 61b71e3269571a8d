import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { PatientServices } from '../../functions/schemas/patients.ts';
import { keys } from '../../functions/store/keys.ts';
import { DEMO_DATA } from '../../local/seed.ts';
import { testNhsNumber } from './nhs.ts';

/**
 * Test data without key layouts: stored items as the store keeps them (keys from `keys.*`, never
 * spelled out), and transaction items found by the entity they touch rather than by position.
 * Each builder gives a complete, valid item; a test overrides only what it is about.
 */

type Item = Record<string, unknown>;
type Overrides = Record<string, unknown>;

export const PRACTICE = 'A99001';
export const NHS_NUMBER = '9990000018';

/** A patient's profile item (PATIENT#…/PROFILE): registered, every service on, summary record. */
export function aPatient(over: Overrides & { practice?: string; nhsNumber?: string } = {}): Item {
  const { practice = PRACTICE, nhsNumber = NHS_NUMBER, ...rest } = over;
  return {
    ...keys.patient(practice, nhsNumber),
    entity: 'patient',
    practice,
    nhsNumber,
    name: 'Olivia Bennett',
    dateOfBirth: '1984-03-12',
    services: { appointments: true, prescriptions: true, record: 'summary' },
    registeredAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 1,
    bookings: {},
    ...rest,
  };
}

/** A free, bookable slot item of the practice. */
export function aSlot(over: Overrides & { practice?: string; slotId?: string } = {}): Item {
  const { practice = PRACTICE, slotId = 's1', ...rest } = over;
  return {
    ...keys.slot(practice, slotId),
    entity: 'slot',
    slotId,
    practice,
    start: '2026-12-01T09:30:00.000Z',
    end: '2026-12-01T09:40:00.000Z',
    clinician: 'Dr Amira Shah',
    type: 'GP',
    channel: 'in-person',
    status: 'free',
    ...rest,
  };
}

/** A repeat medication on a patient's list, orderable now. */
export function aMedication(
  medicationId = 'm1',
  over: Overrides & { practice?: string; nhsNumber?: string } = {},
): Item {
  const { practice = PRACTICE, nhsNumber = NHS_NUMBER, ...rest } = over;
  return {
    ...keys.medication(practice, nhsNumber, medicationId),
    entity: 'medication',
    medicationId,
    practice,
    nhsNumber,
    name: `Medicine ${medicationId}`,
    dosage: 'One tablet daily',
    quantity: 28,
    reviewDate: '2027-06-01',
    minDaysBetweenOrders: 21,
    createdAt: '2026-01-01T00:00:00Z',
    version: 1,
    ...rest,
  };
}

/** A repeat prescription request in `status`, on the practice's queue (GSI1) and list (GSI2). */
export function aPrescription(
  status: string,
  over: Overrides & { practice?: string; nhsNumber?: string; prescriptionId?: string } = {},
): Item {
  const { practice = PRACTICE, nhsNumber = NHS_NUMBER, prescriptionId = 'rx1', ...rest } = over;
  return {
    ...keys.prescription(practice, nhsNumber, prescriptionId),
    entity: 'prescription',
    prescriptionId,
    practice,
    nhsNumber,
    status,
    items: [
      { medicationId: 'm1', name: 'Medicine m1', dosage: 'One tablet daily', quantity: 28 },
      { medicationId: 'm2', name: 'Medicine m2', dosage: 'One tablet daily', quantity: 28 },
    ],
    requestedAt: '2026-11-25T09:00:00.000Z',
    GSI1PK: keys.prescriptionQueuePartition(practice, status),
    GSI1SK: prescriptionId,
    GSI2PK: keys.practicePrescriptionsPartition(practice),
    GSI2SK: prescriptionId,
    ...rest,
  };
}

/** One section of a patient's record (allergies, problems, …) as staff last loaded it. */
export function aRecordSection(
  section: string,
  entries: unknown[],
  over: Overrides & { practice?: string; nhsNumber?: string } = {},
): Item {
  const { practice = PRACTICE, nhsNumber = NHS_NUMBER, ...rest } = over;
  return {
    ...keys.recordSection(practice, nhsNumber, section),
    entity: 'record-section',
    section,
    entries,
    revision: 'rev1',
    updatedAt: '2026-11-01T09:00:00.000Z',
    updatedBy: `staff-${practice}`,
    ...rest,
  };
}

/** The practice's settings item, offering the given online services. */
export function practiceSettings(servicesOffered: Record<string, boolean>, practice = PRACTICE): Item {
  return { ...keys.practiceSettings(practice), settings: { servicesOffered }, version: 1 };
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** The table key a transaction item writes or checks, whatever its kind. */
function keyOf(item: TransactItem): { PK: unknown; SK: unknown } | undefined {
  const key = item.Put?.Item ?? item.Update?.Key ?? item.Delete?.Key ?? item.ConditionCheck?.Key;
  return key && { PK: key.PK, SK: key.SK };
}

/**
 * The one transaction item on this key (`keys.*`), or on a partition and a sort key matching a
 * pattern (a counter's shard): found by the entity it touches, in whatever order the store put it.
 */
export function itemOn(items: readonly TransactItem[], key: { PK: string; SK: string | RegExp }): TransactItem {
  const matches = items.filter((item) => {
    const at = keyOf(item);
    if (at?.PK !== key.PK) return false;
    return typeof key.SK === 'string' ? at.SK === key.SK : key.SK.test(String(at.SK));
  });
  if (matches.length !== 1) {
    const seen = items.map((item) => JSON.stringify(keyOf(item))).join(', ');
    throw new Error(`expected one transaction item on ${JSON.stringify(key)}, found ${matches.length} in [${seen}]`);
  }
  return matches[0]!;
}

/** The transaction item writing into this partition (an audit entry, an activity entry), whatever its sort key. */
export const itemIn = (items: readonly TransactItem[], partition: string): TransactItem =>
  itemOn(items, { PK: partition, SK: /./ });

/** Any of the eight shards of a practice's month counter (writers pick one at random). */
export function monthCounter(practice: string, month: string): { PK: string; SK: RegExp } {
  const shards = Array.from({ length: 8 }, (_, shard) => keys.practiceMonth(practice, month, shard));
  const escaped = shards.map((key) => key.SK.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return { PK: shards[0]!.PK, SK: new RegExp(`^(${escaped.join('|')})$`) };
}

let freshPatients = 0;

/**
 * A test NHS number no other test in this run has used: each integration test registers its own
 * patient instead of picking one by hand (and colliding with another test's pick). Numbers come
 * from a range the demo seed and the per-test fixtures never reach.
 */
export function aFreshNhsNumber(): string {
  return testNhsNumber(5_000 + freshPatients++);
}

/**
 * The NHS number of the practice's first demo patient (local mode's seed) with these services:
 * a suite that runs on the demo data names the patient it needs by what they have, not by number.
 */
export function aDemoPatient(practice: string, services: Partial<PatientServices>): string {
  const patient = DEMO_DATA[practice]?.patients.find((p) =>
    Object.entries(services).every(([service, value]) => p.services[service as keyof PatientServices] === value),
  );
  if (!patient) throw new Error(`no demo patient at ${practice} with ${JSON.stringify(services)}`);
  return patient.nhsNumber;
}
