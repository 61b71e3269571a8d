import { ProblemError } from './errors.ts';
import type { PatientRecord } from './model.ts';
import { notRegisteredHere } from './services.ts';
import { isCurrent, type MedicationRecord } from './prescriptions.ts';
import { addDays, startOfLocalDay } from './time.ts';
import {
  RECORD_SECTIONS,
  type AuditAction,
  type AuditEntry,
  type CodedEntry,
  type PatientRecordView,
  type RecordContent,
  type RecordMedication,
  type RecordSection,
  type ViewLevel,
} from '../schemas/record.ts';

/**
 * Record access rules: who may see their record, at which level, and which sections each level
 * shows. This is the ONE place that decides what a level reveals.
 */

/** Coded sections shown at each level; demographics and current repeat medications show at both. */
const SECTIONS_SHOWN: Readonly<Record<ViewLevel, readonly RecordSection[]>> = {
  summary: ['allergies'],
  detailed: RECORD_SECTIONS,
};

/**
 * The patient (now known to be registered) and the level they may view, or 403 service-not-enabled (not registered here, or record
 * access `none`). Whether the practice offers record access at all is checked in the view's own
 * write (see store/practices.ts `serviceOfferedGuard`), so a refused view writes nothing either way.
 */
export function viewableLevel(patient: PatientRecord | undefined): { patient: PatientRecord; level: ViewLevel } {
  if (!patient) throw notRegisteredHere();
  const level = patient.services.record;
  if (level === 'none') {
    throw new ProblemError(
      'service-not-enabled',
      'Online record access has not been enabled for you: ask your practice',
    );
  }
  return { patient, level };
}

export function recordNotOffered(): ProblemError {
  return new ProblemError('service-not-enabled', 'Your practice does not offer online record access');
}

/** What was read for a view: the profile, the coded sections as loaded, the repeat list. */
export interface RecordRead {
  patient: PatientRecord | undefined;
  content: Partial<RecordContent>;
  /** The patient's current repeat medications (their MED# items). */
  medications: MedicationRecord[];
  /** When the practice last loaded the coded record (undefined: never). */
  updatedAt?: string;
}

const toRecordMedication = (m: MedicationRecord): RecordMedication => ({
  medicationId: m.medicationId,
  name: m.name,
  dosage: m.dosage,
  quantity: m.quantity,
});

/** The patient's record at `level`: sections the level does not show are absent, not empty. */
export function recordView(level: ViewLevel, patient: PatientRecord, read: RecordRead): PatientRecordView {
  const sections: Partial<Record<RecordSection, CodedEntry[]>> = {};
  for (const section of SECTIONS_SHOWN[level]) sections[section] = read.content[section] ?? [];
  return {
    level,
    demographics: { nhsNumber: patient.nhsNumber, name: patient.name, dateOfBirth: patient.dateOfBirth },
    allergies: sections.allergies ?? [],
    medications: read.medications.filter(isCurrent).map(toRecordMedication),
    ...sections,
    ...(read.updatedAt ? { updatedAt: read.updatedAt } : {}),
  };
}

/** An audit entry as stored: the contract's fields plus its id (which makes entries at the same instant distinct). */
export interface AuditRecord extends AuditEntry {
  auditId: string;
  /** A view by a proxy: their name as granted, so the patient sees who without a read per entry. */
  proxyName?: string;
}

export function viewAudited(input: {
  auditId: string;
  at: Date;
  actor: string;
  nhsNumber: string;
  level: ViewLevel;
  role?: 'patient' | 'staff';
  /** A proxy viewing for the patient. */
  proxy?: { nhsNumber: string; name: string };
}): AuditRecord {
  return {
    auditId: input.auditId,
    at: input.at.toISOString(),
    actor: input.actor,
    role: input.role ?? 'patient',
    nhsNumber: input.nhsNumber,
    action: 'view',
    level: input.level,
    ...(input.proxy ? { proxyNhsNumber: input.proxy.nhsNumber, proxyName: input.proxy.name } : {}),
  };
}

const LEVEL_ORDER: readonly ViewLevel[] = ['summary', 'detailed'];

/** The level a proxy is shown: what the patient may see, no more than the grant gives. */
export const proxyLevel = (patientLevel: ViewLevel, granted: ViewLevel): ViewLevel =>
  LEVEL_ORDER[Math.min(LEVEL_ORDER.indexOf(patientLevel), LEVEL_ORDER.indexOf(granted))]!;

/** A staff member's read or change: who (token subject, role), whose data, what. */
export function staffAudited(input: {
  auditId: string;
  at: Date;
  actor: string;
  nhsNumber?: string;
  action: AuditAction;
}): AuditRecord {
  return {
    auditId: input.auditId,
    at: input.at.toISOString(),
    actor: input.actor,
    role: 'staff',
    ...(input.nhsNumber ? { nhsNumber: input.nhsNumber } : {}),
    action: input.action,
  };
}

export const toAuditEntry = (a: AuditRecord): AuditEntry => ({
  at: a.at,
  actor: a.actor,
  role: a.role,
  ...(a.nhsNumber ? { nhsNumber: a.nhsNumber } : {}),
  action: a.action,
  ...(a.level ? { level: a.level } : {}),
  ...(a.proxyNhsNumber ? { proxyNhsNumber: a.proxyNhsNumber } : {}),
});

/**
 * The instants an audit search covers, [from, to). A calendar date means that whole day in the
 * practice's time zone: `from=2026-11-01` starts at its local midnight, `to=2026-11-30` includes
 * the 30th. 400 validation-failed unless from < to.
 */
export function auditWindow(query: { from?: string; to?: string }, timeZone: string): { from?: Date; to?: Date } {
  const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);
  const instant = (v: string | undefined, dayOffset: number) => {
    if (v === undefined) return undefined;
    return isDate(v) ? startOfLocalDay(addDays(v, dayOffset), timeZone) : new Date(v);
  };
  const from = instant(query.from, 0);
  const to = instant(query.to, 1);
  if (from && to && !(from < to)) {
    throw new ProblemError('validation-failed', 'to must be after from', [
      { path: 'to', message: 'must be after from' },
    ]);
  }
  return { from, to };
}
