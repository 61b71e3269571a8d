import * as z from './zod.ts';
import { FreeText, Instant, ListQuery, LocalDate, NhsNumber } from './common.ts';

/**
 * GP record access (`GET /record`, `PUT /staff/patients/{nhsNumber}/record`,
 * `GET /staff/audit`). Which sections each level shows is decided in domain/record.ts only.
 */

/** The coded sections a practice loads; medications come from the repeat list, demographics from the profile. */
export const RECORD_SECTIONS = ['allergies', 'problems', 'immunisations', 'testResults'] as const;
export type RecordSection = (typeof RECORD_SECTIONS)[number];

// Verhoeff dihedral-group tables: SNOMED CT identifiers end in a Verhoeff check digit.
const VERHOEFF_D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VERHOEFF_P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

/**
 * A SNOMED CT concept identifier: 6 to 18 digits, no leading zero, partition identifier 00 (core)
 * or 10 (extension, e.g. the UK's), and a valid Verhoeff check digit, so a mistyped code is refused
 * at load time rather than shown to a patient.
 */
export function isSnomedCtConceptId(value: string): boolean {
  if (!/^[1-9]\d{5,17}$/.test(value)) return false;
  const partition = value.slice(-3, -1);
  if (partition !== '00' && partition !== '10') return false;
  let check = 0;
  [...value].reverse().forEach((digit, i) => {
    check = VERHOEFF_D[check]![VERHOEFF_P[i % 8]![Number(digit)]!]!;
  });
  return check === 0;
}

export const SnomedCtCode = /* @__PURE__ */ z.lazy(() =>
  z
    .string()
    .check(z.refine(isSnomedCtConceptId, 'must be a SNOMED CT concept id (6 to 18 digits with a valid check digit)'))
    .register(z.globalRegistry, { description: 'SNOMED CT concept id', example: '91936005' }),
);

/** One coded entry of a record section, as the contract has it: `{ code?, display, date? }`. */
export const CodedEntry = /* @__PURE__ */ z.lazy(() =>
  z
    .strictObject({
      code: z.optional(SnomedCtCode),
      display: FreeText(1, 300).register(z.globalRegistry, { example: 'Allergy to penicillin' }),
      date: z
        .optional(LocalDate)
        .register(z.globalRegistry, { description: 'When it was recorded, diagnosed, given or measured' }),
    })
    .register(z.globalRegistry, { id: 'CodedEntry' }),
);
export type CodedEntry = z.infer<typeof CodedEntry>;

const Section = /* @__PURE__ */ z.lazy(() => z.array(CodedEntry).check(z.maxLength(500)));

/** PUT /staff/patients/{nhsNumber}/record: the whole record, replacing what was there (every section required). */
export const ReplaceRecordBody = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    allergies: Section,
    problems: Section,
    immunisations: Section,
    testResults: Section,
  }),
);
export type RecordContent = z.infer<typeof ReplaceRecordBody>;

/** The record as loaded, returned to the staff member who loaded it. */
export const StoredRecord = /* @__PURE__ */ z.lazy(() =>
  z
    .object({
      nhsNumber: z.string(),
      allergies: z.array(CodedEntry),
      problems: z.array(CodedEntry),
      immunisations: z.array(CodedEntry),
      testResults: z.array(CodedEntry),
      updatedAt: z.string(),
    })
    .register(z.globalRegistry, { id: 'StoredRecord' }),
);
export type StoredRecord = z.infer<typeof StoredRecord>;

/** GET /staff/patients/{nhsNumber}/record: the stored coded record (`updatedAt` absent: never loaded). */
export const StaffRecordView = /* @__PURE__ */ z.lazy(() =>
  z
    .object({ ...z.built(StoredRecord).shape, updatedAt: z.optional(z.string()) })
    .register(z.globalRegistry, { id: 'StaffRecordView' }),
);
export type StaffRecordView = z.infer<typeof StaffRecordView>;

/** The levels a patient can be shown (`none` means no access at all). */
export const ViewLevel = /* @__PURE__ */ z.lazy(() => z.enum(['summary', 'detailed']));
export type ViewLevel = z.infer<typeof ViewLevel>;

/** A current repeat medication as the record shows it. */
export const RecordMedication = /* @__PURE__ */ z.lazy(() =>
  z
    .object({ medicationId: z.string(), name: z.string(), dosage: z.string(), quantity: z.number().check(z.int()) })
    .register(z.globalRegistry, { id: 'RecordMedication' }),
);
export type RecordMedication = z.infer<typeof RecordMedication>;

const detailedOnly = (what: string) =>
  z
    .optional(z.array(CodedEntry))
    .register(z.globalRegistry, { description: `${what}: present at the detailed level only` });

/** GET /record */
export const PatientRecordView = /* @__PURE__ */ z.lazy(() =>
  z
    .object({
      level: ViewLevel,
      demographics: z.object({ nhsNumber: z.string(), name: z.string(), dateOfBirth: z.string() }),
      allergies: z.array(CodedEntry),
      medications: z.array(RecordMedication).register(z.globalRegistry, { description: 'Current repeat medications' }),
      problems: detailedOnly('Problems and diagnoses'),
      immunisations: detailedOnly('Immunisations'),
      testResults: detailedOnly('Test results'),
      updatedAt: z
        .optional(z.string())
        .register(z.globalRegistry, { description: 'When the practice last loaded the coded record (absent: never)' }),
    })
    .register(z.globalRegistry, {
      id: 'PatientRecord',
      description:
        'The patient’s own GP record at the level the practice enabled. Summary: demographics, allergies and current ' +
        'repeat medications. Detailed: also problems, immunisations and test results. Every view is audited.',
    }),
);
export type PatientRecordView = z.infer<typeof PatientRecordView>;

/** GET /record takes no parameters: whose record is read comes from the token alone. */
export const RecordQuery = /* @__PURE__ */ z.lazy(() => z.strictObject({}));

const InstantOrDate = /* @__PURE__ */ z.lazy(() =>
  z.union([Instant, LocalDate]).register(z.globalRegistry, {
    description: 'RFC 3339 instant, or YYYY-MM-DD meaning that whole day in the practice time zone',
  }),
);

/** GET /staff/audit: `from` inclusive, `to` exclusive (a date `to` includes that whole day). */
export const AuditQuery = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    ...z.built(ListQuery).shape,
    nhsNumber: z.optional(NhsNumber),
    from: z.optional(InstantOrDate),
    to: z.optional(InstantOrDate),
  }),
);
export type AuditQuery = z.infer<typeof AuditQuery>;

/** What an audit entry records: views of a patient's data and changes made by staff. */
export const AuditAction = /* @__PURE__ */ z.lazy(() =>
  z.enum([
    'view',
    'view-appointments',
    'view-prescriptions',
    'view-medications',
    'change-services',
    'change-settings',
    'add-medication',
    'change-medication',
    'discontinue-medication',
    'replace-record',
    'book-appointment',
    'remove-patient',
    'grant-proxy',
    'change-proxy',
    'revoke-proxy',
    'change-registry',
  ]),
);
export type AuditAction = z.infer<typeof AuditAction>;

export const AuditEntry = /* @__PURE__ */ z.lazy(() =>
  z
    .object({
      at: z.string(),
      actor: z.string().register(z.globalRegistry, { description: 'The signed-in user (token subject) who did it' }),
      role: z.enum(['patient', 'staff', 'admin']),
      nhsNumber: z
        .optional(z.string())
        .register(z.globalRegistry, { description: 'The patient concerned (absent for practice-wide changes)' }),
      action: AuditAction.register(z.globalRegistry, {
        description: '`view`: the GP record was viewed (`level` says at which); the others: a staff read or change',
      }),
      level: z.optional(ViewLevel),
      proxyNhsNumber: z.optional(z.string()).register(z.globalRegistry, {
        description: 'A view by a proxy acting for the patient: the proxy’s NHS number (actor is their sign-in)',
      }),
    })
    .register(z.globalRegistry, {
      id: 'AuditEntry',
      description: 'One access to or change of a patient’s data by the patient or staff, newest first; append-only',
    }),
);
export type AuditEntry = z.infer<typeof AuditEntry>;

/** GET /me/record-access: who viewed the patient's record; staff are named by role and practice only. */
export const RecordAccess = /* @__PURE__ */ z.lazy(() =>
  z
    .object({
      at: z.string(),
      viewer: z.enum(['you', 'practice-staff', 'proxy']),
      practice: z
        .optional(z.string())
        .register(z.globalRegistry, { description: 'With practice-staff: the ODS code of the practice' }),
      name: z
        .optional(z.string())
        .register(z.globalRegistry, { description: 'With proxy: the name of the proxy who viewed it for you' }),
      level: z.optional(ViewLevel),
    })
    .register(z.globalRegistry, { id: 'RecordAccess' }),
);
export type RecordAccess = z.infer<typeof RecordAccess>;

export const RecordAccessQuery = ListQuery;
