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
        'Appointment',
        'AuditEntry',
        'CodedEntry',
        'Medication',
        'MonthlyReport',
        'Patient',
        'PatientRecord',
        'Practice',
        'PracticeSettings',
        'PrescriptionRequest',
        'Problem',
        'RecordMedication',
        'Slot',
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

  // Classic zod costs every bundle ~440 KB and ~0.4× of the cold-init budget (issue 2); zod/mini
  // through schemas/zod.ts also brings the English messages. npm run bench measures the rest.
  it('import zod only as zod/mini, through functions/schemas/zod.ts', () => {
    const offenders = sources(functionsDir)
      .filter((file) => relative(functionsDir, file) !== join('schemas', 'zod.ts'))
      .filter((file) => /from\s+'zod(?:\/[^']*)?'/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(functionsDir, file));
    expect(offenders).toEqual([]);
  });
});
