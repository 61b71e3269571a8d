import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../functions/store/client.ts';
import type { Slot } from '../../functions/schemas/slots.ts';
import { RESERVATION_LEASE_MS } from '../../functions/domain/diary.ts';
import { registeredPatient, startTestApi, type ApiResponse, type TestApi } from '../support/local-api.ts';
import { testNhsNumber } from '../support/nhs.ts';
import { dieAfterTransactions, reviveDatabase } from '../support/faults.ts';
import { useFixedClock, useSystemClock } from '../support/clock.ts';
import { at, plusMinutes } from '../support/times.ts';

/**
 * Publishing and withdrawing slots end to end (real HTTP into local mode, DynamoDB Local
 * underneath): racing publishes, clinician names, large publishes and Idempotency-Key.
 */
const PRACTICE = 'A99001';
const PATIENT = testNhsNumber(7);

type Page<T> = { items: T[]; nextToken?: string };
type Problem = { code: string; detail: string };
type NewSlot = { start: string; end: string; clinician: string; type: string; channel: string };

let api: TestApi;
let staff: string;
let patient: string;

const slot = (start: string, clinician: string, minutes = 10): NewSlot => ({
  start,
  end: plusMinutes(start, minutes),
  clinician,
  type: 'GP',
  channel: 'in-person',
});
/** `count` back-to-back 5-minute slots from `start`. */
const run = (start: string, count: number, clinician: string) =>
  Array.from({ length: count }, (_, i) => slot(plusMinutes(start, i * 5), clinician, 5));

const publish = (slots: NewSlot[], key?: string) =>
  api.request<Page<Slot> & Problem>('POST', '/staff/slots', {
    token: staff,
    body: { slots },
    headers: key ? { 'idempotency-key': key } : {},
  });

const withdraw = (slotId: string, key?: string) =>
  api.request<Problem>('DELETE', `/staff/slots/${slotId}`, {
    token: staff,
    headers: key ? { 'idempotency-key': key } : {},
  });

/** The free slots a patient sees for `clinician` (matched by normalised name) from day `days` on. */
async function freeSlots(days: number, clinician: string, spanDays = 1): Promise<Slot[]> {
  const seen: Slot[] = [];
  let nextToken: string | undefined;
  do {
    const q = new URLSearchParams({
      from: at(days, 0),
      to: at(days + spanDays, 0),
      clinician,
      limit: '100',
      ...(nextToken ? { nextToken } : {}),
    });
    const page = await api.request<Page<Slot>>('GET', `/slots?${q.toString()}`, { token: patient });
    expect(page.status).toBe(200);
    seen.push(...page.json.items);
    nextToken = page.json.nextToken;
  } while (nextToken);
  return seen;
}

const statuses = (results: ApiResponse<Problem>[]) => results.map((r) => r.status).sort();

beforeAll(async () => {
  api = await startTestApi();
  staff = await api.tokenFor({ role: 'staff', practice: PRACTICE });
  patient = await registeredPatient(api, { staff, practice: PRACTICE, nhsNumber: PATIENT, name: 'Slot Watcher' });
});

afterAll(async () => {
  await api?.stop();
});

describe('POST /staff/slots under concurrency', () => {
  it('lets exactly one of 10 identical racing publishes succeed; nine get 409 slot-overlap', async () => {
    const body = [slot(at(2, 9), 'Dr Race One')];
    const results = await Promise.all(Array.from({ length: 10 }, () => publish(body)));
    expect(statuses(results)).toEqual([201, ...Array<number>(9).fill(409)]);
    for (const r of results.filter((x) => x.status === 409)) expect(r.json.code).toBe('slot-overlap');
    expect(await freeSlots(2, 'Dr Race One')).toHaveLength(1);
  });

  it('treats "Dr. Case X", "dr case x" and "DR  CASE X" as one clinician when they race', async () => {
    const names = ['Dr. Case X', 'dr case x', 'DR  CASE X'];
    const start = at(2, 10);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => publish([slot(plusMinutes(start, i % 2), names[i % 3]!)])),
    );
    expect(statuses(results)).toEqual([201, ...Array<number>(9).fill(409)]);
    const winner = results.find((r) => r.status === 201)!.json.items[0]!;
    // Patients are not shown bookableOnline (they only ever see slots bookable online).
    for (const name of names) expect(await freeSlots(2, name)).toEqual([{ ...winner, bookableOnline: undefined }]);
    expect(names).toContain(winner.clinician);
  });

  it('refuses a clinician already holding the time under another spelling, and keeps the name as given', async () => {
    const first = await publish([slot(at(2, 11), 'Dr. Ada  Lovelace')]);
    expect(first.status).toBe(201);
    expect(first.json.items[0]!.clinician).toBe('Dr. Ada  Lovelace');
    const clash = await publish([slot(plusMinutes(at(2, 11), 5), 'dr ada lovelace')]);
    expect(clash.status).toBe(409);
    expect(clash.json.code).toBe('slot-overlap');
  });

  it('of two racing publishes of 120 slots sharing one, exactly one succeeds and none of the other’s slots remain', async () => {
    const start = at(3, 6);
    const a = run(start, 120, 'Dr Big Clinic');
    const b = run(plusMinutes(start, 119 * 5), 120, 'dr big clinic');
    const [ra, rb] = await Promise.all([publish(a), publish(b)]);
    expect([ra.status, rb.status].sort()).toEqual([201, 409]);
    const winner = ra.status === 201 ? ra : rb;
    const loser = ra.status === 201 ? rb : ra;
    expect(loser.json.code).toBe('slot-overlap');
    const stored = await freeSlots(3, 'Dr Big Clinic', 2);
    expect(stored.map((s) => s.slotId).sort()).toEqual(winner.json.items.map((s) => s.slotId).sort());
  });

  it('publishes a large pattern of several clinicians all or nothing', async () => {
    const start = at(4, 7);
    const pattern = [...run(start, 90, 'Dr Wide A'), ...run(start, 90, 'Dr Wide B')];
    expect((await publish(pattern)).status).toBe(201);
    const clash = await publish([...run(at(4, 20), 150, 'Dr Wide C'), slot(plusMinutes(start, 300), 'dr wide b')]);
    expect(clash.status).toBe(409);
    expect(await freeSlots(4, 'Dr Wide C')).toEqual([]);
    expect(await freeSlots(4, 'Dr Wide B')).toHaveLength(90);
  });
});

describe('DynamoDB round trips', () => {
  const COUNTER = 'test-round-trips';

  async function commandsOf(call: () => Promise<unknown>): Promise<string[]> {
    const commands: string[] = [];
    db().middlewareStack.add(
      (next, context) => async (args) => {
        commands.push(context.commandName!);
        return next(args);
      },
      { step: 'initialize', name: COUNTER },
    );
    try {
      await call();
    } finally {
      db().middlewareStack.remove(COUNTER);
    }
    return commands;
  }

  // The caller's practice's registry entry rides along in that BatchGetItem.
  it('publishes 95 slots of one clinician with one BatchGetItem and one TransactWriteItems', async () => {
    let res: ApiResponse<Problem> | undefined;
    const commands = await commandsOf(async () => (res = await publish(run(at(10, 6), 95, 'Dr Trips'), 'trips-1')));
    expect(res?.status).toBe(201);
    expect(commands).toEqual(['BatchGetItemCommand', 'TransactWriteItemsCommand']);
  });

  it('withdraws a slot with one BatchGetItem and one TransactWriteItems', async () => {
    const slotId = (await publish([slot(at(10, 20), 'Dr Trips')])).json.items[0]!.slotId;
    const commands = await commandsOf(() => withdraw(slotId, 'trips-2'));
    expect(commands).toEqual(['BatchGetItemCommand', 'TransactWriteItemsCommand']);
  });
});

describe('DELETE /staff/slots/{slotId}', () => {
  it('frees the clinician’s time: the same slot can be published again, once', async () => {
    const body = [slot(at(5, 9), 'Dr Again')];
    const first = await publish(body);
    expect((await withdraw(first.json.items[0]!.slotId)).status).toBe(204);
    const results = await Promise.all(Array.from({ length: 5 }, () => publish(body)));
    expect(statuses(results)).toEqual([201, 409, 409, 409, 409]);
    const again = results.find((r) => r.status === 201)!.json.items[0]!;
    expect(await freeSlots(5, 'Dr Again')).toEqual([{ ...again, bookableOnline: undefined }]);
  });
});

describe('POST /staff/slots body size', () => {
  const longName = `Dr ${'Longfellow-'.repeat(8)}Example`;

  it('accepts 500 slots with long clinician names, a body over the usual 64 KiB', async () => {
    const slots = run(at(9, 6), 500, longName);
    expect(Buffer.byteLength(JSON.stringify({ slots }))).toBeGreaterThan(64 * 1024);
    const res = await publish(slots);
    expect(res.status).toBe(201);
    expect(res.json.items).toHaveLength(500);
  });

  it('refuses a body over 256 KiB with 413 payload-too-large, before reading it as slots', async () => {
    const slots = run(at(30, 6), 1500, longName);
    expect(Buffer.byteLength(JSON.stringify({ slots }))).toBeGreaterThan(256 * 1024);
    const res = await publish(slots);
    expect(res.status).toBe(413);
    expect(res.json.code).toBe('payload-too-large');
  });
});

describe('Idempotency-Key', () => {
  it('replays a retried publish with the same body and writes no extra slots', async () => {
    const body = [slot(at(6, 9), 'Dr Keyed'), slot(at(6, 10), 'Dr Keyed')];
    const first = await publish(body, 'publish-once-1');
    const retry = await publish(body, 'publish-once-1');
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.json).toEqual(first.json);
    expect(await freeSlots(6, 'Dr Keyed')).toHaveLength(2);
    const reuse = await publish([slot(at(6, 11), 'Dr Keyed')], 'publish-once-1');
    expect(reuse.status).toBe(422);
    expect(reuse.json.code).toBe('idempotency-key-reuse');
  });

  it('replays a retried publish of more than 100 slots, and a race of it with itself publishes once', async () => {
    const body = run(at(7, 6), 150, 'Dr Keyed Large');
    const results = await Promise.all([1, 2, 3].map(() => publish(body, 'publish-large-1')));
    const created = results.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const r of results.filter((x) => x.status !== 201)) expect(r.json.code).toBe('idempotency-in-progress');
    const retry = await publish(body, 'publish-large-1');
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    for (const r of [...created, retry]) expect(r.json).toEqual(created[0]!.json);
    expect(await freeSlots(7, 'Dr Keyed Large')).toHaveLength(150);
  });

  it('replays a retried withdrawal', async () => {
    const published = await publish([slot(at(6, 14), 'Dr Keyed')]);
    const slotId = published.json.items[0]!.slotId;
    const first = await withdraw(slotId, 'withdraw-once-1');
    const retry = await withdraw(slotId, 'withdraw-once-1');
    expect([first.status, retry.status]).toEqual([204, 204]);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
  });
});

describe('a large publish that dies half-way', () => {
  afterEach(() => {
    reviveDatabase();
    useSystemClock();
  });

  it('completes exactly once when retried with its key after the lease; other publishes wait for the lease', async () => {
    const body = run(at(8, 4), 200, 'Dr Crash');
    // The reservation and the first batch of slots commit; then the database is gone.
    dieAfterTransactions(2);
    const crashed = await publish(body, 'crash-1');
    reviveDatabase();
    expect(crashed.status).toBe(503);
    const halfway = await freeSlots(8, 'Dr Crash');
    expect(halfway.length).toBeGreaterThan(0);
    expect(halfway.length).toBeLessThan(200);

    // Its unwritten reservations still block others, and a keyed retry waits for the lease.
    const unwritten = body[halfway.length + 1]!;
    expect((await publish([unwritten])).json.code).toBe('slot-overlap');
    expect((await publish(body, 'crash-1')).json.code).toBe('idempotency-in-progress');

    useFixedClock(new Date(Date.now() + RESERVATION_LEASE_MS + 1000));
    const retried = await publish(body, 'crash-1');
    expect(retried.status).toBe(201);
    expect(retried.json.items.slice(0, halfway.length).map((s) => s.slotId)).toEqual(halfway.map((s) => s.slotId));
    const stored = await freeSlots(8, 'Dr Crash');
    expect(stored.map((s) => s.slotId)).toEqual(retried.json.items.map((s) => s.slotId));
    const replay = await publish(body, 'crash-1');
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.json).toEqual(retried.json);
  });

  it('stops blocking the clinician once the lease of an abandoned publish lapses', async () => {
    const body = run(at(9, 4), 200, 'Dr Abandoned');
    dieAfterTransactions(2);
    expect((await publish(body)).status).toBe(503);
    reviveDatabase();
    const written = await freeSlots(9, 'Dr Abandoned');
    const lastWritten = body[written.length - 1]!;
    const unwritten = body[written.length + 1]!;
    expect((await publish([unwritten])).status).toBe(409);

    useFixedClock(new Date(Date.now() + RESERVATION_LEASE_MS + 1000));
    expect((await publish([unwritten])).status).toBe(201);
    // What the abandoned publish did write is a real slot and still blocks its time.
    expect((await publish([lastWritten])).json.code).toBe('slot-overlap');
  });
});
