import { describe, expect, it } from 'vitest';
import type { ProblemError } from '../../functions/domain/errors.ts';
import type { PatientRecord } from '../../functions/domain/model.ts';
import { auditWindow, recordView, viewableLevel, type RecordRead } from '../../functions/domain/record.ts';
import { AuditQuery, isSnomedCtConceptId, ReplaceRecordBody } from '../../functions/schemas/record.ts';
import { DEMO_RECORDS } from '../../local/seed-records.ts';

const patient = (record: 'none' | 'summary' | 'detailed'): PatientRecord => ({
  practice: 'A99001',
  nhsNumber: '9990000018',
  name: 'Olivia Bennett',
  dateOfBirth: '1984-03-12',
  services: { appointments: true, prescriptions: true, record },
  registeredAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
  bookings: {},
});

const read: RecordRead = {
  patient: patient('detailed'),
  content: {
    allergies: [{ code: '91936005', display: 'Allergy to penicillin', date: '2003-06-14' }],
    problems: [{ code: '195967001', display: 'Asthma' }],
    immunisations: [{ code: '86198006', display: 'Seasonal influenza vaccination', date: '2025-10-07' }],
    testResults: [{ display: 'Blood pressure: 118/76 mmHg', date: '2025-09-30' }],
  },
  medications: [
    {
      medicationId: 'm1',
      practice: 'A99001',
      nhsNumber: '9990000018',
      name: 'Salbutamol 100micrograms/dose inhaler',
      dosage: 'Two puffs when required',
      quantity: 1,
      reviewDate: '2027-01-01',
      minDaysBetweenOrders: 21,
      lastOrderedAt: '2026-11-01T09:00:00.000Z',
      createdAt: '2026-01-01T00:00:00.000Z',
      version: 2,
    },
  ],
  updatedAt: '2026-11-01T09:00:00.000Z',
};
/** What the record shows of a repeat medication: no ordering bookkeeping. */
const shownMedications = [
  { medicationId: 'm1', name: 'Salbutamol 100micrograms/dose inhaler', dosage: 'Two puffs when required', quantity: 1 },
];

function problemOf(fn: () => unknown): ProblemError {
  try {
    fn();
  } catch (error) {
    return error as ProblemError;
  }
  throw new Error('expected a ProblemError');
}

describe('record levels (domain/record.ts)', () => {
  it('shows demographics, allergies and current repeat medications at the summary level, and nothing detailed', () => {
    const view = recordView('summary', patient('summary'), read);
    expect(view).toEqual({
      level: 'summary',
      demographics: { nhsNumber: '9990000018', name: 'Olivia Bennett', dateOfBirth: '1984-03-12' },
      allergies: read.content.allergies,
      medications: shownMedications,
      updatedAt: '2026-11-01T09:00:00.000Z',
    });
    // Absent, not empty: a summary view must not even hint at detailed sections.
    expect('problems' in view || 'immunisations' in view || 'testResults' in view).toBe(false);
  });

  it('adds problems, immunisations and test results at the detailed level', () => {
    const view = recordView('detailed', patient('detailed'), read);
    expect(view.level).toBe('detailed');
    expect(view.problems).toEqual(read.content.problems);
    expect(view.immunisations).toEqual(read.content.immunisations);
    expect(view.testResults).toEqual(read.content.testResults);
    expect(view.allergies).toEqual(read.content.allergies);
    expect(view.medications).toEqual(shownMedications);
  });

  it('shows empty sections (not absent ones) when the practice has not loaded a record yet', () => {
    const view = recordView('detailed', patient('detailed'), {
      patient: patient('detailed'),
      content: {},
      medications: [],
    });
    expect(view).toMatchObject({ allergies: [], problems: [], immunisations: [], testResults: [], medications: [] });
    expect(view.updatedAt).toBeUndefined();
  });

  it('refuses record access "none" with 403 service-not-enabled', () => {
    const problem = problemOf(() => viewableLevel(patient('none')));
    expect(problem.status).toBe(403);
    expect(problem.code).toBe('service-not-enabled');
  });

  it('refuses a patient not registered at the practice with 403 service-not-enabled', () => {
    expect(problemOf(() => viewableLevel(undefined)).code).toBe('service-not-enabled');
  });

  it('returns the level the practice enabled', () => {
    expect(viewableLevel(patient('summary')).level).toBe('summary');
    expect(viewableLevel(patient('detailed')).level).toBe('detailed');
  });
});

describe('audit window (dates mean the practice time zone)', () => {
  it('turns a date range into [local midnight of from, local midnight after to) across BST', () => {
    // 2026-03-29 is the day clocks go forward; 2026-10-25 the day they go back.
    expect(auditWindow({ from: '2026-03-29', to: '2026-03-29' }, 'Europe/London')).toEqual({
      from: new Date('2026-03-29T00:00:00.000Z'),
      to: new Date('2026-03-29T23:00:00.000Z'),
    });
    expect(auditWindow({ from: '2026-07-01', to: '2026-10-25' }, 'Europe/London')).toEqual({
      from: new Date('2026-06-30T23:00:00.000Z'),
      to: new Date('2026-10-26T00:00:00.000Z'),
    });
  });

  it('takes instants as given (any offset)', () => {
    expect(auditWindow({ from: '2026-11-01T10:00:00+01:00' }, 'Europe/London')).toEqual({
      from: new Date('2026-11-01T09:00:00.000Z'),
      to: undefined,
    });
  });

  it('refuses to before from with 400 validation-failed naming `to`', () => {
    const problem = problemOf(() => auditWindow({ from: '2026-11-02', to: '2026-11-01' }, 'Europe/London'));
    expect(problem.code).toBe('validation-failed');
    expect(problem.errors).toEqual([{ path: 'to', message: 'must be after from' }]);
  });

  it('accepts only instants or dates for from/to, and a valid NHS number', () => {
    expect(AuditQuery.safeParse({ from: 'yesterday' }).success).toBe(false);
    expect(AuditQuery.safeParse({ nhsNumber: '9990000019' }).success).toBe(false);
    expect(AuditQuery.safeParse({ other: 'x' }).success).toBe(false);
    expect(AuditQuery.parse({ from: '2026-11-01', to: '2026-11-02T12:00:00Z', nhsNumber: '9990000018' })).toMatchObject(
      { limit: 50 },
    );
  });
});

describe('coded record content (PUT body)', () => {
  const empty = { allergies: [], problems: [], immunisations: [], testResults: [] };

  it('recognises SNOMED CT concept ids by their Verhoeff check digit and partition', () => {
    for (const code of ['91936005', '38341003', '195967001', '86198006', '1324681000000101', '999791000000106']) {
      expect(isSnomedCtConceptId(code), code).toBe(true);
    }
    expect(isSnomedCtConceptId('91936006')).toBe(false); // check digit wrong
    expect(isSnomedCtConceptId('12345')).toBe(false); // too short
    expect(isSnomedCtConceptId('091936005')).toBe(false); // leading zero
    expect(isSnomedCtConceptId('259111014')).toBe(false); // a real description id (partition 01), not a concept
  });

  it('accepts coded entries { code?, display, date? }', () => {
    const body = {
      ...empty,
      allergies: [{ code: '91936005', display: 'Allergy to penicillin', date: '2003-06-14' }],
      testResults: [{ display: 'FBC normal' }],
    };
    expect(ReplaceRecordBody.parse(body)).toEqual(body);
  });

  it('rejects unknown fields, missing sections, bad codes and bad dates, naming the path', () => {
    const paths = (value: unknown) => {
      const parsed = ReplaceRecordBody.safeParse(value);
      return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'));
    };
    expect(paths({ ...empty, allergies: [{ display: 'x', value: 5 }] })).toEqual(['allergies.0']);
    expect(paths({ allergies: [], problems: [], immunisations: [] })).toEqual(['testResults']);
    expect(paths({ ...empty, notes: [] })).toEqual(['']);
    expect(paths({ ...empty, problems: [{ code: '38341004', display: 'Hypertension' }] })).toEqual(['problems.0.code']);
    expect(paths({ ...empty, problems: [{ display: 'Hypertension', date: '2020-02-30' }] })).toEqual([
      'problems.0.date',
    ]);
    expect(paths({ ...empty, problems: [{ display: '   ' }] })).toEqual(['problems.0.display']);
  });

  it('has demo records that all validate', () => {
    for (const [ods, patients] of Object.entries(DEMO_RECORDS)) {
      for (const [nhs, record] of Object.entries(patients)) {
        expect(ReplaceRecordBody.safeParse(record).success, `${ods} ${nhs}`).toBe(true);
      }
    }
  });
});
