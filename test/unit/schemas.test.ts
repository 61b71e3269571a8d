import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler as book } from '../../functions/api/appointments/book.ts';
import { handler as listAppointments } from '../../functions/api/appointments/list.ts';
import { buildOpenApi } from '../../functions/http/openapi.ts';
import { ROUTES } from '../../functions/routes.ts';
import { AppointmentsQuery, CancelAppointmentBody } from '../../functions/schemas/appointments.ts';
import {
  DATE_PATTERN,
  Decimal,
  FreeText,
  Id,
  INSTANT_PATTERN,
  Instant,
  LocalDate,
  Month,
  MONTH_PATTERN,
  SAFE_TEXT_PATTERN,
  UNSAFE_TEXT_MESSAGE,
} from '../../functions/schemas/common.ts';
import { UpdateSettingsBody } from '../../functions/schemas/practice.ts';
import type * as z from '../../functions/schemas/zod.ts';
import { apiEvent, invoke } from '../support/events.ts';
import { useUnitEnv } from '../support/unit-env.ts';

const ddb = mockClient(DynamoDBDocumentClient);

describe('request validation (zod/mini schemas)', () => {
  beforeAll(useUnitEnv);
  beforeEach(() => ddb.reset());

  it('explains each refused field in English, as classic zod did', async () => {
    const res = await invoke(book, apiEvent({ body: { description: 'x'.repeat(101) } }));
    expect(res.statusCode).toBe(400);
    expect(res.json.errors).toEqual([
      { path: 'slotId', message: 'Invalid input: expected string, received undefined' },
      { path: 'description', message: 'Too big: expected string to have <=100 characters' },
    ]);
  });

  it('reads ?limit= from the query string as a number, 50 by default, and refuses unknown parameters', async () => {
    expect(AppointmentsQuery.parse({ limit: '10' })).toEqual({ limit: 10, when: 'upcoming' });
    expect(AppointmentsQuery.parse({})).toEqual({ limit: 50, when: 'upcoming' });
    const res = await invoke(
      listAppointments,
      apiEvent({ method: 'GET', query: { limit: '0', when: 'soon', page: '2' } }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json.errors).toEqual([
      { path: 'limit', message: 'Too small: expected number to be >=1' },
      { path: 'when', message: 'Invalid option: expected one of "upcoming"|"past"|"all"' },
      { path: '', message: 'Unrecognized key: "page"' },
    ]);
    expect(ddb.calls()).toHaveLength(0);
  });

  it('trims text before checking its length', () => {
    expect(CancelAppointmentBody.parse({ reason: '  running late ' })).toEqual({ reason: 'running late' });
    expect(CancelAppointmentBody.safeParse({ reason: '   ' }).success).toBe(false);
  });
});

describe('GET /openapi.json from the zod/mini schemas', () => {
  const doc = buildOpenApi(ROUTES, { includeLocalOnly: false });

  it('keeps every named schema as a component', () => {
    expect(Object.keys(doc.components.schemas).sort()).toEqual(
      [
        'ActingFor',
        'Appointment',
        'AuditEntry',
        'BoardSlot',
        'CodedEntry',
        'Invitation',
        'IssuedInvitation',
        'LinkedAccount',
        'Me',
        'Medication',
        'MonthlyReport',
        'NotificationPreferences',
        'Patient',
        'PatientRecord',
        'Practice',
        'PracticeSettings',
        'PrescriptionRequest',
        'Problem',
        'ProxyGrant',
        'PublishedSlot',
        'RecordAccess',
        'RecordMedication',
        'RegisteredPractice',
        'ReportSummary',
        'Slot',
        'StaffMedication',
        'StaffRecordView',
        'StaffPatient',
        'StoredRecord',
      ].sort(),
    );
  });

  it('documents defaults, bounds, descriptions and strict bodies', () => {
    const list = doc.paths['/appointments']!.get as { parameters: { name: string; schema: unknown }[] };
    expect(list.parameters.find((p) => p.name === 'limit')?.schema).toEqual({
      default: 50,
      type: 'integer',
      minimum: 1,
      maximum: 100,
    });
    const patient = doc.paths['/staff/patients/{nhsNumber}']!.get as {
      parameters: { name: string; schema: unknown }[];
    };
    expect(patient.parameters[0]!.schema).toEqual({
      type: 'string',
      description: '10-digit NHS number (Modulus 11 check digit)',
      example: '9990000018',
    });
    const bookBody = doc.paths['/appointments']!.post as {
      requestBody: { content: { 'application/json': { schema: unknown } } };
    };
    expect(bookBody.requestBody.content['application/json'].schema).toMatchObject({
      additionalProperties: false,
      required: ['slotId'],
    });
  });
});

describe('Lambda bundles', () => {
  const functionsDir = fileURLToPath(new URL('../../functions/', import.meta.url));
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
    );

  // Classic zod costs every bundle ~440 KB and ~0.4× of the cold-init budget; zod/mini
  // through schemas/zod.ts also brings the English messages. npm run bench measures the rest.
  it('import zod only as zod/mini, through functions/schemas/zod.ts', () => {
    const offenders = sources(functionsDir)
      .filter((file) => relative(functionsDir, file) !== join('schemas', 'zod.ts'))
      .filter((file) => /from\s+'zod(?:\/[^']*)?'/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(functionsDir, file));
    expect(offenders).toEqual([]);
  });
});

describe('values the API accepts are values it can store and give back unchanged', () => {
  const accepts = (schema: z.ZodMiniType, value: unknown) => schema.safeParse(value).success;

  it.each([
    ['a name', 'Ann Example'],
    ['a tab and a newline', 'line one\n\tline two'],
    ['letters beyond ASCII', 'Zoë Ólafsdóttir – 李'],
    ['an emoji (a surrogate pair)', 'Thanks 😀'],
    ['right-to-left text without overrides', 'مرحبا'],
  ])('free text accepts %s', (_what, value) => {
    expect(accepts(FreeText(1, 200), value)).toBe(true);
  });

  it.each([
    ['NUL', 'Ann\u0000'],
    ['BEL', 'a\u0007b'],
    ['carriage return', 'a\rb'],
    ['escape', '\u001b[31mred'],
    ['DEL', 'a\u007fb'],
    ['a C1 control', 'a\u0085b'],
    ['a trailing vertical tab (not trimmed away)', 'Ann\u000b'],
    ...['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'].map(
      (c) => [`bidi control U+${c.codePointAt(0)!.toString(16).toUpperCase()}`, `abc${c}txt.exe`] as [string, string],
    ),
    ['a lone high surrogate', 'a\ud800b'],
    ['a lone low surrogate', 'a\udc00b'],
    ['a reversed surrogate pair', '\ude00\ud83d'],
  ])('free text refuses %s', (_what, value) => {
    const parsed = FreeText(1, 200).safeParse(value);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe(UNSAFE_TEXT_MESSAGE);
  });

  it.each(['1900-01-01', '2100-12-31', '2000-02-29', '2024-02-29', '1996-02-29', '2026-11-30'])(
    'dates accept %s',
    (value) => {
      expect(accepts(LocalDate, value)).toBe(true);
    },
  );

  it.each([
    '1899-12-31',
    '2101-01-01',
    '0000-01-01',
    '0050-06-01',
    '0099-12-31',
    '9999-12-31',
    '1900-02-29',
    '2100-02-29',
    '2026-02-29',
    '2026-02-30',
    '2026-04-31',
    '2026-13-01',
    '2026-1-01',
    '+02026-01-01',
  ])('dates refuse %s', (value) => {
    expect(accepts(LocalDate, value)).toBe(false);
  });

  it.each([
    ['2000-01', true],
    ['2026-11', true],
    ['2100-12', true],
    ['1999-12', false],
    ['2101-01', false],
    ['0050-01', false],
    ['9999-12', false],
    ['2026-00', false],
    ['2026-13', false],
  ])('months: %s → %s', (value, ok) => {
    expect(accepts(Month, value)).toBe(ok);
  });

  it.each([
    ['2026-12-01T09:30:00Z', true],
    ['2026-12-01T09:30:00.123+01:00', true],
    ['1900-01-01T00:00:00Z', true],
    ['2100-12-31T23:59:59-05:00', true],
    ['1899-12-31T23:59:59Z', false],
    ['2101-01-01T00:00:00Z', false],
    ['0000-01-01T00:00:00Z', false],
    ['9999-12-31T23:59:59Z', false],
    ['2026-12-01T09:30:00', false],
    ['2026-02-30T09:30:00Z', false],
    ['2026-12-01T24:00:00Z', false],
  ])('instants: %s → %s', (value, ok) => {
    expect(accepts(Instant, value)).toBe(ok);
  });

  it.each([
    [0, true],
    [-0, true],
    [0.1, true],
    [1e-130, true],
    [10, true],
    [1e-131, false],
    [1e-200, false],
    [5e-324, false],
    [Number.NaN, false],
    [Number.POSITIVE_INFINITY, false],
    [10.5, false],
    [-0.1, false],
  ])('a growth target of %s → %s', (value, ok) => {
    expect(accepts(UpdateSettingsBody, { annualGrowthTarget: value })).toBe(ok);
  });

  it.each([
    [9.999999999999998e125, true],
    [-1e125, true],
    [1e126, false],
    [-1e300, false],
    [Number.MIN_VALUE, false],
  ])('a storable number: %s → %s', (value, ok) => {
    expect(accepts(Decimal(-Infinity, Infinity), value)).toBe(ok);
  });

  it.each([
    ['PATIENT-ONLINE', true],
    ['EMIS Web', true],
    ['TPP SystmOne', true],
    ['=HYPERLINK("http://example.com","x")', false],
    ['+SUM(1)', false],
    ['-2+3', false],
    ['@SUM(1)', false],
    ['\t=1', false],
    ['  =1+1', false],
    ['“quoted”', false],
  ])('a system supplier of %j → %s', (value, ok) => {
    expect(accepts(UpdateSettingsBody, { systemSupplier: value })).toBe(ok);
  });

  it('refuses ids with control characters or lone surrogates', () => {
    expect(accepts(Id, 'abc-123')).toBe(true);
    expect(accepts(Id, 'abc\u0000')).toBe(false);
    expect(accepts(Id, '\ud800')).toBe(false);
  });

  it('shows the ranges and the text rule in the OpenAPI document', () => {
    const doc = buildOpenApi(ROUTES, { includeLocalOnly: false });
    type Op = {
      parameters: { name: string; schema: Record<string, unknown> }[];
      requestBody: {
        content: { 'application/json': { schema: { properties: Record<string, Record<string, unknown>> } } };
      };
    };
    const op = (path: string, method: string) => (doc.paths[path] as Record<string, Op>)[method]!;
    const param = (path: string, method: string, name: string) =>
      op(path, method).parameters.find((p) => p.name === name)!.schema;
    const body = (path: string, method: string) => op(path, method).requestBody.content['application/json'].schema;

    expect(param('/staff/appointments', 'get', 'date')).toMatchObject({ format: 'date', pattern: DATE_PATTERN.source });
    expect(param('/staff/reports/monthly/{month}', 'get', 'month')).toMatchObject({ pattern: MONTH_PATTERN.source });
    expect(param('/slots', 'get', 'from')).toMatchObject({ format: 'date-time', pattern: INSTANT_PATTERN.source });
    expect(body('/staff/practice/settings', 'put').properties.annualGrowthTarget).toMatchObject({
      type: 'number',
      minimum: 0,
      maximum: 10,
    });
    expect(body('/staff/patients/{nhsNumber}', 'put').properties.name).toMatchObject({
      minLength: 1,
      maxLength: 200,
      pattern: SAFE_TEXT_PATTERN.source,
    });
    expect(body('/staff/patients/{nhsNumber}', 'put').properties.dateOfBirth).toMatchObject({
      format: 'date',
      pattern: DATE_PATTERN.source,
    });
  });
});
