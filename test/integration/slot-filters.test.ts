import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clinicianKey } from '../../functions/schemas/clinician.ts';
import { db } from '../../functions/store/client.ts';
import type { Slot } from '../../functions/schemas/slots.ts';
import { registeredPatient, startTestApi, type TestApi } from '../support/local-api.ts';
import { testNhsNumber } from '../support/nhs.ts';
import { at, plusMinutes } from '../support/times.ts';

/**
 * GET /slots with type, channel and clinician filters reads only what it returns: every filtered
 * page is one Query with no FilterExpression whose items read (ScannedCount, as DynamoDB Local
 * reports it) are the items returned, a filter matching nothing is one Query reading nothing, and
 * each filtered list is exactly the unfiltered list filtered in memory, also after slots are
 * booked, freed, moved and withdrawn. Real HTTP into local mode, DynamoDB Local underneath.
 */
const PRACTICE = 'A99001';
const PATIENT = testNhsNumber(31);
const PAGE = 40;

type Page<T> = { items: T[]; nextToken?: string };
type NewSlot = Omit<Slot, 'slotId'> & { bookableOnline?: boolean };
interface Filters {
  type?: string;
  channel?: string;
  clinician?: string;
}
interface QueryRecord {
  indexName?: string;
  filtered: boolean;
  count: number;
  scanned: number;
}

let api: TestApi;
let staff: string;
let patient: string;

/** Past 200 bytes once normalised ("ﬃ" folds to "ffi"): its index partitions use the hashed name. */
const LIGATURE_NAME = `Dr ${'ﬃ'.repeat(80)}`;

/**
 * Six clinicians' days of 5-minute slots with skewed types and channels, so that some filters
 * match many slots, some a few and some none; a few of one clinician's are held back.
 */
const CLINICIANS: { name: string; slot: (j: number) => Pick<NewSlot, 'type' | 'channel'> & { held?: boolean } }[] = [
  { name: 'Dr. Amira Shah', slot: () => ({ type: 'GP', channel: 'in-person' }) },
  {
    name: 'Dr Ben Cole',
    slot: (j) => ({ type: 'GP', channel: (['in-person', 'telephone', 'video'] as const)[j % 3]! }),
  },
  { name: 'Nurse Kay Obi', slot: (j) => ({ type: 'Nurse', channel: j % 2 ? 'telephone' : 'in-person' }) },
  { name: 'Dr Cara Dean', slot: (j) => ({ type: j % 4 === 0 ? 'Minor illness' : 'GP', channel: 'video' }) },
  { name: 'Dr Eve Fox', slot: (j) => ({ type: 'Clinic #2', channel: 'telephone', held: j % 5 === 0 }) },
  { name: LIGATURE_NAME, slot: (j) => ({ type: 'GP', channel: j % 2 ? 'video' : 'in-person' }) },
];
const SLOTS_EACH = 40;
const FROM = at(3, 0);
const TO = at(5, 0);

const TYPES = [undefined, 'GP', 'Nurse', 'Minor illness', 'Clinic #2', 'No such type'];
const CHANNELS = [undefined, 'in-person', 'telephone', 'video'];
/** As patients type them: other spellings of the published names, and nobody's. */
const CLINICIAN_QUERIES = [undefined, 'dr amira  shah', 'NURSE KAY OBI', 'Dr Eve Fox', LIGATURE_NAME, 'Dr Nobody'];

const COUNTER = 'slot-filter-reads';
/** A sweep lists every filter combination (some 150 listings): generous on a busy machine. */
const SWEEP_TIMEOUT_MS = 120_000;

/** What the handlers' own client sent and got back for each Query while `call` ran. */
async function queriesOf<T>(call: () => Promise<T>): Promise<{ result: T; queries: QueryRecord[] }> {
  const queries: QueryRecord[] = [];
  db().middlewareStack.add(
    (next, context) => async (args) => {
      const out = await next(args);
      if (context.commandName === 'QueryCommand') {
        const input = args.input as { IndexName?: string; FilterExpression?: string };
        const output = out.output as { Count?: number; ScannedCount?: number };
        queries.push({
          indexName: input.IndexName,
          filtered: input.FilterExpression !== undefined,
          count: output.Count ?? 0,
          scanned: output.ScannedCount ?? 0,
        });
      }
      return out;
    },
    { step: 'initialize', name: COUNTER },
  );
  try {
    return { result: await call(), queries };
  } finally {
    db().middlewareStack.remove(COUNTER);
  }
}

/** Every page of GET /slots in the window with these filters. */
async function listAll(filters: Filters): Promise<{ items: Slot[]; pages: number }> {
  const items: Slot[] = [];
  let pages = 0;
  let nextToken: string | undefined;
  do {
    const q = new URLSearchParams({ from: FROM, to: TO, limit: String(PAGE) });
    for (const [name, value] of Object.entries(filters)) if (value !== undefined) q.set(name, value as string);
    if (nextToken) q.set('nextToken', nextToken);
    const page = await api.request<Page<Slot>>('GET', `/slots?${q.toString()}`, { token: patient });
    expect(page.status, JSON.stringify(page.json)).toBe(200);
    items.push(...page.json.items);
    pages++;
    nextToken = page.json.nextToken;
  } while (nextToken);
  return { items, pages };
}

const matches = (slot: Slot, f: Filters) =>
  (f.type === undefined || slot.type === f.type) &&
  (f.channel === undefined || slot.channel === f.channel) &&
  (f.clinician === undefined || clinicianKey(slot.clinician) === clinicianKey(f.clinician));

function* everyFilter(): Generator<Filters> {
  for (const type of TYPES)
    for (const channel of CHANNELS)
      for (const clinician of CLINICIAN_QUERIES)
        if (type !== undefined || channel !== undefined || clinician !== undefined) yield { type, channel, clinician };
}

/**
 * For every filter combination: the unfiltered list filtered in memory, in the same order, and no
 * more read than returned (one Query per page, none filtered; nothing matching: one Query, 0 read).
 */
async function expectEveryFilterReadsOnlyWhatItReturns(): Promise<{ checked: number; unfiltered: Slot[] }> {
  const { result: all, queries: allQueries } = await queriesOf(() => listAll({}));
  expect(allQueries.map((q) => q.indexName)).toEqual(Array<string>(all.pages).fill('GSI1'));
  let checked = 0;
  for (const filters of everyFilter()) {
    const { result, queries } = await queriesOf(() => listAll(filters));
    const label = JSON.stringify(filters);
    expect(result.items, label).toEqual(all.items.filter((slot) => matches(slot, filters)));
    expect(queries, label).toHaveLength(result.pages);
    expect(
      queries.filter((q) => q.filtered || q.indexName === 'GSI1'),
      label,
    ).toEqual([]);
    const read = queries.reduce((n, q) => n + q.scanned, 0);
    expect(read, label).toBeLessThanOrEqual(2 * result.items.length);
    if (result.items.length === 0)
      expect(
        queries.map((q) => q.scanned),
        label,
      ).toEqual([0]);
    checked++;
  }
  return { checked, unfiltered: all.items };
}

beforeAll(async () => {
  api = await startTestApi();
  staff = await api.tokenFor({ role: 'staff', practice: PRACTICE });
  patient = await registeredPatient(api, { staff, practice: PRACTICE, nhsNumber: PATIENT, name: 'Filter Finder' });
  const start = at(3, 7);
  // One clinician per request: each publish is one transaction, quick even on a busy machine.
  for (const { name, slot } of CLINICIANS) {
    const slots: NewSlot[] = Array.from({ length: SLOTS_EACH }, (_, j) => {
      const { held, ...rest } = slot(j);
      const begins = plusMinutes(start, j * 5);
      return {
        start: begins,
        end: plusMinutes(begins, 5),
        clinician: name,
        ...rest,
        ...(held ? { bookableOnline: false } : {}),
      };
    });
    const published = await api.write('POST', '/staff/slots', { token: staff, body: { slots } });
    expect(published.status, JSON.stringify(published.json)).toBe(201);
  }
});

afterAll(async () => {
  await api?.stop();
});

describe('GET /slots with type, channel and clinician filters', () => {
  it(
    'answers every combination with the unfiltered list filtered in memory, reading no more than it returns',
    async () => {
      const { checked, unfiltered } = await expectEveryFilterReadsOnlyWhatItReturns();
      expect(checked).toBe(TYPES.length * CHANNELS.length * CLINICIAN_QUERIES.length - 1);
      // Every slot bookable online is listed; the held-back ones are not, filtered or not.
      expect(unfiltered).toHaveLength(CLINICIANS.length * SLOTS_EACH - SLOTS_EACH / 5);
    },
    SWEEP_TIMEOUT_MS,
  );

  it('lists one clinician’s 40 of 240 slots reading 40 items, and a filter matching nothing in one Query reading none', async () => {
    const shah = await queriesOf(() => listAll({ clinician: 'Dr. Amira Shah' }));
    expect(shah.result.items).toHaveLength(SLOTS_EACH);
    expect(shah.queries.reduce((n, q) => n + q.scanned, 0)).toBe(SLOTS_EACH);
    const nothing = await queriesOf(() => listAll({ clinician: 'Dr. Amira Shah', channel: 'video' }));
    expect(nothing.result).toEqual({ items: [], pages: 1 });
    expect(nothing.queries).toEqual([{ indexName: 'FreeByChannelClinician', filtered: false, count: 0, scanned: 0 }]);
  });

  it(
    'keeps every filter right as slots are booked, cancelled, rescheduled, booked by staff and withdrawn',
    async () => {
      const { unfiltered } = await expectEveryFilterReadsOnlyWhatItReturns();
      const pick = (clinician: string, n: number) => unfiltered.filter((s) => s.clinician === clinician)[n]!;
      const book = (slotId: string) =>
        api.write<{ appointmentId: string }>('POST', '/appointments', { token: patient, body: { slotId } });

      const first = await book(pick('Dr Ben Cole', 2).slotId);
      expect(first.status).toBe(201);
      const moved = await api.write('POST', `/appointments/${first.json.appointmentId}/reschedule`, {
        token: patient,
        body: { slotId: pick('Nurse Kay Obi', 3).slotId },
      });
      expect(moved.status).toBe(200);
      const second = await book(pick(LIGATURE_NAME, 1).slotId);
      expect(second.status).toBe(201);
      const cancelled = await api.write('POST', `/appointments/${second.json.appointmentId}/cancel`, {
        token: patient,
        body: { reason: 'no longer needed' },
      });
      expect(cancelled.status).toBe(200);
      const byStaff = await api.write('POST', '/staff/appointments', {
        token: staff,
        body: { slotId: pick('Dr Cara Dean', 0).slotId, nhsNumber: PATIENT },
      });
      expect(byStaff.status).toBe(201);
      expect((await api.write('DELETE', `/staff/slots/${pick('Dr Eve Fox', 1).slotId}`, { token: staff })).status).toBe(
        204,
      );

      const after = await expectEveryFilterReadsOnlyWhatItReturns();
      const gone = [pick('Nurse Kay Obi', 3), pick('Dr Cara Dean', 0), pick('Dr Eve Fox', 1)].map((s) => s.slotId);
      expect(after.unfiltered.map((s) => s.slotId)).toEqual(
        unfiltered.map((s) => s.slotId).filter((id) => !gone.includes(id)),
      );
    },
    SWEEP_TIMEOUT_MS,
  );

  it(
    'keeps a held-back slot out of every filtered list after the practice books it and cancels it',
    async () => {
      const board = await api.request<Page<{ slotId: string; bookableOnline: boolean; clinician: string }>>(
        'GET',
        `/staff/slots?${new URLSearchParams({ from: FROM, to: TO, clinician: 'Dr Eve Fox', limit: '100' }).toString()}`,
        { token: staff },
      );
      const held = board.json.items.find((s) => !s.bookableOnline)!;
      const booked = await api.write<{ appointmentId: string }>('POST', '/staff/appointments', {
        token: staff,
        body: { slotId: held.slotId, nhsNumber: PATIENT },
      });
      expect(booked.status).toBe(201);
      const cancelled = await api.write('POST', `/staff/appointments/${booked.json.appointmentId}/cancel`, {
        token: staff,
        body: { reason: 'clinician unwell' },
      });
      expect(cancelled.status).toBe(200);
      const { unfiltered } = await expectEveryFilterReadsOnlyWhatItReturns();
      expect(unfiltered.map((s) => s.slotId)).not.toContain(held.slotId);
    },
    SWEEP_TIMEOUT_MS,
  );
});
