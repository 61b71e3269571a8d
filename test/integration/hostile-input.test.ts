import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from '../../functions/schemas/zod.ts';
import type { RouteDefinition } from '../../functions/routes/route-spec.ts';
import { ROUTES } from '../../functions/routes.ts';
import { startTestApi, type TestApi } from '../support/local-api.ts';

/**
 * Hostile and clumsy input against every route of the route table, over real HTTP into local mode
 * (DynamoDB Local underneath), each with a token of the route's role. From a valid request per
 * route, each field, query parameter and path parameter in turn takes hostile values: boundary
 * numbers, numbers the table cannot hold, control and bidi characters, lone surrogates,
 * out-of-range dates, wrong types and nested junk; whole bodies are replaced by junk and extra
 * fields. Whatever is sent, the answer is never a 5xx, and every error is problem+json with a
 * stable `code`. Deterministic: a failure names the exact request.
 */
const PRACTICE = 'A99001';
const PATIENT = '9990000018';
/** Leaves online services under the fuzz, so the other routes keep a registered patient. */
const LEAVER = '9990000026';

/** A JSON number token sent exactly as written (JSON.stringify would turn -0 into 0). */
class RawNumber {
  constructor(readonly text: string) {}
}

const HUGE = 'x'.repeat(20_000);
const NESTED = JSON.parse(`${'['.repeat(200)}${']'.repeat(200)}`) as unknown;

/** Values every JSON field is given. */
const CORE_VALUES: unknown[] = [
  new RawNumber('1e-200'),
  new RawNumber('-0'),
  'a\u0000b',
  '\u202eevil',
  'lone \ud800 high',
  '9999-12-31',
  null,
  { nested: { deeper: [{ a: null }] } },
];
/** More values for JSON fields, dealt out in turn. */
const OTHER_VALUES: unknown[] = [
  new RawNumber('1e300'),
  new RawNumber('1e400'),
  new RawNumber('-1'),
  new RawNumber('0.5'),
  new RawNumber('123456789012345678901234567890'),
  new RawNumber('0.1000000000000000000000000000000000000001'),
  '',
  ' ',
  'NaN',
  '-Infinity',
  '1e-200',
  HUGE,
  'a\u0007b',
  '\r\n',
  'a\u0085b',
  '\u2066x\u2069',
  'lone \udc00 low',
  '0000-01-01',
  '0050-01',
  '2026-02-30',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '2026-12-01T25:00:00Z',
  '=HYPERLINK("http://example.com","x")',
  '0000000000',
  '__proto__',
  true,
  [],
  [null, 1, 'x'],
  {},
  NESTED,
];

/** Whole bodies that are not the right shape at all. */
const HOSTILE_BODIES: unknown[] = [null, 0, 'text', [], [{}], true, NESTED, { extra: 1 }, { ['__proto__']: { x: 1 } }];
/** Raw body texts: not JSON, or JSON that plays with duplicate keys and escapes. */
const HOSTILE_TEXTS = ['', '{', '{"a":1}{"b":2}', '\u0000', '{"__proto__":{"polluted":true}}', '"\\ud800"', '[1e999]'];

/** Values every query or path parameter is given (sent percent-encoded). */
const CORE_PARAMS: string[] = ['', '\u0000', '\u202e', 'x'.repeat(3000), '9999-12-31', '0000-01-01T00:00:00Z'];
/** More parameter values, dealt out in turn. */
const OTHER_PARAMS: string[] = [
  ' ',
  '0',
  '-0',
  '1e-200',
  '1e300',
  'NaN',
  'Infinity',
  '-1',
  '101',
  '1.5',
  '0000-01-01',
  '0050-01',
  '9999-12-31T23:59:59Z',
  '0000000000',
  '=1+1',
  '../..',
  '%',
  'a/b',
];
/** Page-token lookalikes, for every `nextToken`: base64 JSON of keys with wrong types, a missing key, nothing. */
const FORGED_TOKENS: string[] = [
  Buffer.from('{"PK":{"N":"1"},"SK":[],"x":null}').toString('base64url'),
  Buffer.from(JSON.stringify({ PK: `PATIENT#${PRACTICE}#${PATIENT}`, SK: 5 })).toString('base64url'),
  Buffer.from(JSON.stringify({ PK: `PATIENT#${PRACTICE}#${PATIENT}` })).toString('base64url'),
  Buffer.from('{}').toString('base64'),
];
/** Already percent-encoded path segments: a lone surrogate's UTF-8 form, invalid UTF-8, NUL. */
const RAW_SEGMENTS = ['%ED%A0%80', '%FF', '%00', '%25', '%2F'];

/**
 * A request per route that would succeed (or fail only on state), so each mutation tests one thing.
 * Keyed by operationId; a route missing here fails the suite, so a new route gets fuzzed too.
 */
interface Base {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

let api: TestApi;
const tokens: Partial<Record<RouteDefinition['access'], string>> = {};
let bases: Record<string, Base>;

/** The ids the valid requests need, arranged through the API itself. */
async function arrange(): Promise<Record<string, Base>> {
  const staff = await api.tokenFor({ role: 'staff', practice: PRACTICE });
  const patient = await api.tokenFor({ role: 'patient', practice: PRACTICE, nhsNumber: PATIENT });
  tokens.staff = staff;
  tokens.patient = patient;
  tokens.admin = await api.tokenFor({ role: 'admin' });
  const ok = async (method: string, path: string, token: string, body?: unknown) => {
    const res = await api.request<Record<string, unknown>>(method, path, { token, body });
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${res.text}`);
    return res.json;
  };
  await ok('PUT', `/staff/patients/${PATIENT}`, staff, {
    name: 'Ann Example',
    dateOfBirth: '1980-05-01',
    services: { appointments: true, prescriptions: true, record: 'detailed' },
  });
  await ok('PUT', `/staff/patients/${LEAVER}`, staff, {
    name: 'Len Leaver',
    dateOfBirth: '1950-05-01',
    services: { appointments: true, prescriptions: true, record: 'summary' },
  });
  const medication = await ok('POST', `/staff/patients/${PATIENT}/medications`, staff, {
    name: 'Amlodipine 5mg tablets',
    dosage: 'One tablet daily',
    quantity: 28,
    reviewDate: '2100-01-01',
  });
  const start = new Date(Date.now() + 2 * 86_400_000);
  start.setUTCHours(10, 0, 0, 0);
  const slot = (i: number) => ({
    start: new Date(start.getTime() + i * 900_000).toISOString(),
    end: new Date(start.getTime() + (i + 1) * 900_000).toISOString(),
    clinician: 'Dr Fuzz',
    type: 'GP',
    channel: 'telephone',
  });
  const published = (await ok('POST', '/staff/slots', staff, { slots: [slot(0), slot(1), slot(2)] })) as {
    items: { slotId: string }[];
  };
  const [booked, free, spare] = published.items.map((s) => s.slotId) as [string, string, string];
  const appointment = await ok('POST', '/appointments', patient, { slotId: booked });
  const prescription = await ok('POST', '/prescriptions', patient, { medicationIds: [medication.medicationId] });
  const from = start.toISOString();
  const to = new Date(start.getTime() + 86_400_000).toISOString();
  const appointmentId = String(appointment.appointmentId);
  const prescriptionId = String(prescription.prescriptionId);
  const nhs = { nhsNumber: PATIENT };
  const month = new Date().toISOString().slice(0, 7);
  const invitation = await ok('POST', `/staff/patients/${PATIENT}/invitations`, staff, {});
  return {
    getHealth: {},
    getOpenApi: {},
    createDevToken: { body: { role: 'staff', practice: PRACTICE, sub: 'fuzz' } },
    getMe: {},
    getPractice: {},
    listSlots: { query: { from, to, type: 'GP', channel: 'telephone', clinician: 'Dr Fuzz', limit: '10' } },
    bookAppointment: { body: { slotId: free, description: 'Cough' } },
    listAppointments: { query: { when: 'all', limit: '10' } },
    getAppointment: { params: { id: appointmentId } },
    cancelAppointment: { params: { id: appointmentId }, body: { reason: 'Feeling better' } },
    rescheduleAppointment: { params: { id: appointmentId }, body: { slotId: spare } },
    updatePracticeSettings: {
      body: {
        bookingHorizonDays: 28,
        maxActiveAppointments: 5,
        cancellationCutoffMinutes: 60,
        servicesOffered: { appointments: true, prescriptions: true, record: true },
        listSize: 100,
        annualGrowthTarget: 0.1,
        systemSupplier: 'PATIENT-ONLINE',
        reminderHoursBefore: 24,
      },
    },
    registerPatient: {
      params: nhs,
      body: {
        name: 'Ann Example',
        dateOfBirth: '1980-05-01',
        services: { appointments: true, prescriptions: true, record: 'detailed' },
      },
    },
    getPatient: { params: nhs },
    publishSlots: { body: { slots: [slot(8)] } },
    withdrawSlot: { params: { slotId: spare } },
    listDayAppointments: { query: { date: from.slice(0, 10), limit: '10' } },
    staffCancelAppointment: { params: { id: appointmentId }, body: { reason: 'Clinician ill' } },
    listMedications: { query: { limit: '10' } },
    orderPrescription: {
      body: { medicationIds: [String(medication.medicationId)], pharmacy: 'FA123', note: 'Please post' },
    },
    listPrescriptions: { query: { status: 'requested', limit: '10' } },
    getPrescription: { params: { id: prescriptionId } },
    withdrawPrescription: { params: { id: prescriptionId } },
    addMedication: {
      params: nhs,
      body: { name: 'Ramipril', dosage: 'One daily', quantity: 28, reviewDate: '2027-01-01', minDaysBetweenOrders: 21 },
    },
    listPracticePrescriptions: { query: { status: 'requested', limit: '10' } },
    approvePrescription: {
      params: { id: prescriptionId },
      body: { rejectItems: [{ medicationId: String(medication.medicationId), reason: 'Review due' }] },
    },
    rejectPrescription: { params: { id: prescriptionId }, body: { reason: 'Needs review' } },
    issuePrescription: { params: { id: prescriptionId } },
    getRecord: {},
    replaceRecord: {
      params: nhs,
      body: {
        allergies: [{ code: '91936005', display: 'Allergy to penicillin', date: '2001-02-03' }],
        problems: [],
        immunisations: [],
        testResults: [],
      },
    },
    listAudit: { query: { nhsNumber: PATIENT, from: '2026-01-01', to: to, limit: '10' } },
    getStaffPractice: {},
    listSlotBoard: { query: { from, to, clinician: 'Dr Fuzz', limit: '10' } },
    staffBookAppointment: { body: { slotId: free, nhsNumber: PATIENT, description: 'Phoned in' } },
    listPatientAppointments: { params: nhs, query: { when: 'all', limit: '10' } },
    listPatientPrescriptions: { params: nhs, query: { status: 'requested', limit: '10' } },
    listPatientMedications: { params: nhs, query: { limit: '10' } },
    changeMedication: {
      params: { ...nhs, medicationId: String(medication.medicationId) },
      body: { dosage: 'Two daily', quantity: 56, reviewDate: '2099-01-01', minDaysBetweenOrders: 14 },
    },
    discontinueMedication: { params: { ...nhs, medicationId: String(medication.medicationId) } },
    getPatientRecord: { params: nhs },
    listRecordAccess: { query: { limit: '10' } },
    getNotificationPreferences: {},
    updateNotificationPreferences: {
      body: { email: 'ann@example.com', mobile: '+447700900123', appointmentReminders: true, statusUpdates: false },
    },
    getLocalOutbox: { query: { nhsNumber: PATIENT } },
    removePatient: { params: { nhsNumber: LEAVER }, body: { reason: 'left-practice' } },
    generateMonthlyReport: { params: { month } },
    getMonthlyReport: { params: { month }, query: { format: 'csv' } },
    issueInvitation: { params: nhs, body: {} },
    listInvitations: { params: nhs, query: { limit: '10' } },
    revokeInvitation: { params: { invitationId: String(invitation.invitationId) } },
    unlinkAccount: { params: nhs },
    putProxy: {
      params: { ...nhs, proxyNhsNumber: LEAVER },
      body: {
        relationship: 'son',
        services: { appointments: true, prescriptions: false, record: 'summary' },
        until: '2099-12-31',
      },
    },
    listProxies: { params: nhs, query: { limit: '10' } },
    revokeProxy: { params: { ...nhs, proxyNhsNumber: LEAVER } },
    linkAccount: {
      body: {
        practice: PRACTICE,
        accountId: String(invitation.accountId),
        linkageKey: String(invitation.linkageKey),
        dateOfBirth: '1980-05-01',
      },
    },
    putPractice: {
      params: { ods: 'Z99999' },
      body: { name: 'Fuzz Surgery', timeZone: 'Europe/London', regionCode: 'Y56', subIcbName: 'Fuzz ICB' },
    },
    listPractices: { query: { limit: '10' } },
    getRegisteredPractice: { params: { ods: PRACTICE } },
    getSummaryReport: { params: { month }, query: { format: 'csv' } },
  };
}

/**
 * Each field or parameter gets the core values and the next few of the others in turn, so across
 * the routes every value meets many fields while the suite stays near a thousand requests.
 */
function dealer<T>(core: readonly T[], others: readonly T[], perField: number) {
  let next = 0;
  return (): T[] => [...core, ...Array.from({ length: perField }, () => others[next++ % others.length]!)];
}
const paramValues = dealer(CORE_PARAMS, OTHER_PARAMS, 4);
const bodyValues = dealer(CORE_VALUES, OTHER_VALUES, 4);

interface Case {
  route: RouteDefinition;
  label: string;
  /** Path with parameters filled (already encoded). */
  path: string;
  /** Raw body text, or undefined for none. */
  body?: string;
}

function toJsonText(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) =>
    v instanceof RawNumber ? `\u0001${raws.push(v.text) - 1}\u0001` : v,
  );
  return text.replace(/"\\u0001(\d+)\\u0001"/g, (_m, i: string) => raws[Number(i)]!);
}

function fillPath(route: RouteDefinition, params: Record<string, string>, raw = false): string {
  return route.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = params[name] ?? 'missing';
    return raw ? value : encodeURIComponent(value);
  });
}

function withQuery(path: string, query: Record<string, string>): string {
  const search = new URLSearchParams(query).toString();
  return search ? `${path}?${search}` : path;
}

/** Every leaf of a JSON value, as a path of keys and indexes. */
function leaves(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.length === 0 ? [at] : value.flatMap((item, i) => leaves(item, [...at, i]));
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length === 0 ? [at] : entries.flatMap(([k, v]) => leaves(v, [...at, k]));
  }
  return [at];
}

function setAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(value)) {
    const copy = [...(value as unknown[])];
    copy[Number(head)] = setAt(copy[Number(head)], rest, replacement);
    return copy;
  }
  const copy = { ...(value as Record<string, unknown>) };
  copy[head] = setAt(copy[head], rest, replacement);
  return copy;
}

/** Top-level body fields the schema knows, optional ones included (the base may leave them out). */
function schemaFields(schema: z.ZodMiniType | undefined): string[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: object };
  return Object.keys(json.properties ?? {});
}

function casesFor(route: RouteDefinition, base: Base): Case[] {
  const params = base.params ?? {};
  const query = base.query ?? {};
  const path = withQuery(fillPath(route, params), query);
  const hasBody = route.method !== 'GET';
  const baseBody = base.body ?? {};
  const cases: Case[] = [];
  const add = (label: string, p: string, body?: string) => cases.push({ route, label, path: p, body });

  add('valid', path, hasBody && base.body !== undefined ? toJsonText(baseBody) : undefined);

  for (const name of Object.keys(params)) {
    for (const value of paramValues())
      add(
        `path ${name}=${JSON.stringify(value.slice(0, 30))}`,
        withQuery(fillPath(route, { ...params, [name]: value }), query),
      );
    for (const value of RAW_SEGMENTS)
      add(`path ${name}=${value}`, withQuery(fillPath(route, { ...params, [name]: value }, true), query));
  }

  const queryNames = [...new Set([...Object.keys(query), ...schemaFields(route.request?.query)])];
  const bodyPath = fillPath(route, params);
  for (const name of queryNames) {
    for (const value of [...paramValues(), ...(name === 'nextToken' ? FORGED_TOKENS : [])])
      add(`query ${name}=${JSON.stringify(value.slice(0, 30))}`, withQuery(bodyPath, { ...query, [name]: value }));
    add(`query ${name} repeated`, `${withQuery(bodyPath, query)}&${name}=1&${name}=2`);
  }
  add('query extra parameter', withQuery(bodyPath, { ...query, extra: '1' }));

  if (!hasBody) return cases;
  for (const body of HOSTILE_BODIES) add(`body ${toJsonText(body).slice(0, 40)}`, path, toJsonText(body));
  for (const text of HOSTILE_TEXTS) add(`body text ${JSON.stringify(text)}`, path, text);

  const fieldPaths = [
    ...leaves(baseBody).filter((p) => p.length > 0),
    ...schemaFields(route.request?.body)
      .filter((name) => !(baseBody !== null && typeof baseBody === 'object' && name in baseBody))
      .map((name) => [name]),
  ];
  for (const fieldPath of fieldPaths) {
    for (const value of bodyValues()) {
      const label = `body ${fieldPath.join('.')}=${toJsonText(value).slice(0, 30)}`;
      add(label, path, toJsonText(setAt(baseBody, fieldPath, value)));
    }
  }
  return cases;
}

interface Finding {
  route: string;
  label: string;
  status: number;
  contentType: string;
  body: string;
}

async function run(cases: Case[], concurrency: number): Promise<Finding[]> {
  const findings: Finding[] = [];
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const c = cases[next++]!;
      const token = c.route.access === 'public' ? undefined : tokens[c.route.access];
      const headers: Record<string, string> = {};
      if (token) headers.authorization = `Bearer ${token}`;
      if (c.body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${api.url}${c.path}`, { method: c.route.method, headers, body: c.body });
      const text = await res.text();
      const contentType = res.headers.get('content-type') ?? '';
      let problemCode: unknown;
      try {
        problemCode = (JSON.parse(text) as { code?: unknown }).code;
      } catch {
        problemCode = undefined;
      }
      const bad =
        res.status >= 500 ||
        (res.status >= 400 && (!contentType.startsWith('application/problem+json') || typeof problemCode !== 'string'));
      if (bad) {
        findings.push({
          route: `${c.route.method} ${c.route.path}`,
          label: c.label,
          status: res.status,
          contentType,
          body: text.slice(0, 200),
        });
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return findings;
}

beforeAll(async () => {
  api = await startTestApi();
  bases = await arrange();
});
afterAll(async () => {
  await api?.stop();
});

type Problem = { code: string; errors?: { path: string; message: string }[] };

/** Sends as the route's role; `raw` is a JSON text sent exactly as written. */
async function send(method: string, path: string, role: 'patient' | 'staff', body?: unknown, raw?: string) {
  return api.request<Problem>(method, path, {
    token: tokens[role],
    ...(raw !== undefined ? { body: raw } : body !== undefined ? { body } : {}),
  });
}

function expectRefused(res: { status: number; headers: Headers; json: Problem }, path: string) {
  expect(res.status).toBe(400);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.json.code).toBe('validation-failed');
  expect(res.json.errors?.map((e) => e.path)).toContain(path);
}

const REGISTER = {
  name: 'Ann Example',
  dateOfBirth: '1980-05-01',
  services: { appointments: true, prescriptions: true, record: 'detailed' },
};

describe('values the table cannot hold are refused with 400, never a 500', () => {
  it('refuses a growth target of 1e-200 (below the smallest number the table stores)', async () => {
    expectRefused(
      await send('PUT', '/staff/practice/settings', 'staff', { annualGrowthTarget: 1e-200 }),
      'annualGrowthTarget',
    );
  });

  it('refuses an audit window ending 9999-12-31 or starting in the year 0', async () => {
    expectRefused(await send('GET', '/staff/audit?to=9999-12-31', 'staff'), 'to');
    expectRefused(await send('GET', '/staff/audit?from=0000-01-01T00:00:00Z', 'staff'), 'from');
  });

  it('refuses a report for the month 0050-01 instead of storing it as 1950', async () => {
    expectRefused(await send('POST', '/staff/reports/monthly/0050-01', 'staff'), 'month');
    expectRefused(await send('GET', '/staff/reports/monthly/0050-01', 'staff'), 'month');
  });

  it('refuses slot windows outside the years 1900 to 2100', async () => {
    expectRefused(await send('GET', '/slots?from=0000-01-01T00:00:00Z&to=0000-01-02T00:00:00Z', 'patient'), 'from');
  });
});

describe('text that should never be stored is refused with 400 on its field', () => {
  it('refuses NUL in a patient’s name', async () => {
    expectRefused(
      await send('PUT', `/staff/patients/${PATIENT}`, 'staff', { ...REGISTER, name: 'Ann\u0000Example' }),
      'name',
    );
  });

  it('refuses a right-to-left override in an appointment description', async () => {
    expectRefused(
      await send('POST', '/appointments', 'patient', { slotId: 'any', description: 'cough \u202egnp.exe' }),
      'description',
    );
  });

  it('refuses a lone surrogate sent as a JSON escape', async () => {
    const raw = `{"name":"Ann \\ud800","dateOfBirth":"1980-05-01","services":{"appointments":true,"prescriptions":true,"record":"detailed"}}`;
    expectRefused(await send('PUT', `/staff/patients/${PATIENT}`, 'staff', undefined, raw), 'name');
  });

  it('refuses a control character in a coded record entry, naming the entry', async () => {
    const body = { allergies: [{ display: 'Penicillin\u0007' }], problems: [], immunisations: [], testResults: [] };
    expectRefused(await send('PUT', `/staff/patients/${PATIENT}/record`, 'staff', body), 'allergies.0.display');
  });

  it('refuses a date of birth in the future', async () => {
    const future = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    expectRefused(
      await send('PUT', `/staff/patients/${PATIENT}`, 'staff', { ...REGISTER, dateOfBirth: future }),
      'dateOfBirth',
    );
  });

  it('refuses the NHS number 0000000000 (it passes Modulus 11)', async () => {
    expectRefused(await send('PUT', '/staff/patients/0000000000', 'staff', REGISTER), 'nhsNumber');
    expectRefused(await send('GET', '/staff/patients/1111111111', 'staff'), 'nhsNumber');
  });

  it('refuses a system supplier that would start a CSV cell with a formula', async () => {
    expectRefused(
      await send('PUT', '/staff/practice/settings', 'staff', {
        systemSupplier: '=HYPERLINK("http://evil.example","x")',
      }),
      'systemSupplier',
    );
  });
});

describe('every route, given hostile input', () => {
  it('has a valid request for every route in the route table', () => {
    expect(ROUTES.map((r) => r.operationId).filter((id) => !(id in bases))).toEqual([]);
  });

  it('never answers 5xx, and answers every error as problem+json with a code', async () => {
    const cases = ROUTES.flatMap((route) => casesFor(route, bases[route.operationId] ?? {}));
    // Writes go one at a time: racing writes to one item may rightly end in 503 after retries.
    const writes = (c: Case) => c.route.table === 'read-write';
    const findings = (
      await Promise.all([
        run(cases.filter(writes), 1),
        run(
          cases.filter((c) => !writes(c)),
          3,
        ),
      ])
    ).flat();
    expect(findings).toEqual([]);
  }, 120_000);
});
