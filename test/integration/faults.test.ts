import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate, localMonth } from '../../functions/domain/time.ts';
import type { Appointment } from '../../functions/schemas/appointments.ts';
import type { Medication, PrescriptionRequest } from '../../functions/schemas/prescriptions.ts';
import type { Slot } from '../../functions/schemas/slots.ts';
import { rollupMonth, verifyMonth } from '../../functions/usecases/report.ts';
import { startTestApi, type TestApi } from '../support/local-api.ts';
import { testNhsNumber } from '../support/nhs.ts';
import { at } from '../support/times.ts';

/**
 * Fault injection: DynamoDB Local paused (SIGSTOP) or killed (SIGKILL) under a burst of bookings
 * and orders over HTTP through local mode. Every answer must come within 5 s and be 2xx, 4xx or
 * 503 with Retry-After; once the database is back, retrying every other answer with the same
 * Idempotency-Key must leave exactly one effect per request: nothing doubled, nothing lost.
 */
const PRACTICE = 'A99001';
const TZ = 'Europe/London';
/** 30 bookings and 30 orders at once: more requests than the handlers' socket pool (50) holds. */
const PATIENTS = Array.from({ length: 30 }, (_, i) => testNhsNumber(500 + i));
const ANSWER_WITHIN_MS = 5_000;
/** How long the test waits for an answer at all: beyond this it is a hang. */
const HANG_MS = 10_000;
/** A JVM start, generously: the machine running the tests may be busy. */
const RESTART_WITHIN_MS = 60_000;
/** Long enough for DynamoDB Local to put acknowledged transactions on disk (measured: under 2 s). */
const DYNAMODB_LOCAL_SETTLE_MS = 3_000;

type Page<T> = { items: T[]; nextToken?: string };

interface Intent {
  kind: 'book' | 'order';
  patient: string;
  path: string;
  body: unknown;
  key: string;
  /** The slot booked or the medication ordered: what exactly one effect is counted by. */
  target: string;
}

interface Answer {
  intent: Intent;
  status: number | 'hung' | 'connection-failed';
  ms: number;
  retryAfter: string | null;
  json: unknown;
}

let api: TestApi;
const dataDir = mkdtempSync(join(tmpdir(), 'po-faults-'));
const tokens = new Map<string, string>();
let staff: string;

/** One slot per patient (5 minutes each, clinicians apart), published in one request. */
async function publishSlots(days: number): Promise<Slot[]> {
  const res = await api.request<Page<Slot>>('POST', '/staff/slots', {
    token: staff,
    body: {
      slots: PATIENTS.map((_, i) => {
        const start = at(days, 8 + Math.floor(i / 12), (i % 12) * 5);
        return {
          start,
          end: new Date(Date.parse(start) + 5 * 60_000).toISOString(),
          clinician: 'Dr Faye Ault',
          type: 'GP',
          channel: 'telephone',
        };
      }),
    },
  });
  expect(res.status).toBe(201);
  return res.json.items;
}

async function addMedication(nhsNumber: string, name: string): Promise<Medication> {
  const res = await api.request<Medication>('POST', `/staff/patients/${nhsNumber}/medications`, {
    token: staff,
    body: { name, dosage: 'One tablet daily', quantity: 28, reviewDate: addDays(localDate(new Date(), TZ), 90) },
  });
  expect(res.status).toBe(201);
  return res.json;
}

/** A booking and an order for every patient, each with its own Idempotency-Key. */
async function intents(round: string, slotDays: number): Promise<Intent[]> {
  const slots = await publishSlots(slotDays);
  const medications = await Promise.all(PATIENTS.map((nhs) => addMedication(nhs, `Fault ${round} ${nhs}`)));
  return PATIENTS.flatMap((patient, i): Intent[] => [
    {
      kind: 'book',
      patient,
      path: '/appointments',
      body: { slotId: slots[i]!.slotId },
      key: `${round}-book-${patient}`,
      target: slots[i]!.slotId,
    },
    {
      kind: 'order',
      patient,
      path: '/prescriptions',
      body: { medicationIds: [medications[i]!.medicationId] },
      key: `${round}-order-${patient}`,
      target: medications[i]!.medicationId,
    },
  ]);
}

/** POST with the intent's key; a request that gets no answer within HANG_MS counts as hung. */
async function send(intent: Intent): Promise<Answer> {
  const started = Date.now();
  try {
    const res = await fetch(`${api.url}${intent.path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens.get(intent.patient)!}`,
        'content-type': 'application/json',
        'idempotency-key': intent.key,
      },
      body: JSON.stringify(intent.body),
      signal: AbortSignal.timeout(HANG_MS),
    });
    const text = await res.text();
    return {
      intent,
      status: res.status,
      ms: Date.now() - started,
      retryAfter: res.headers.get('retry-after'),
      json: text ? (JSON.parse(text) as unknown) : undefined,
    };
  } catch (error) {
    const hung = error instanceof Error && error.name === 'TimeoutError';
    return {
      intent,
      status: hung ? 'hung' : 'connection-failed',
      ms: Date.now() - started,
      retryAfter: null,
      json: undefined,
    };
  }
}

/** Every answer in time, and each one of the allowed kinds. */
function expectClearAnswers(answers: Answer[]): void {
  const unclear = answers
    .filter(
      (a) =>
        typeof a.status !== 'number' ||
        a.ms >= ANSWER_WITHIN_MS ||
        (a.status >= 500 && (a.status !== 503 || a.retryAfter === null)),
    )
    .map((a) => `${a.intent.kind} ${a.intent.patient}: ${a.status} after ${a.ms} ms`);
  expect(unclear).toEqual([]);
  for (const a of answers.filter((x) => x.status === 503)) expect(a.json).toMatchObject({ code: 'unavailable' });
}

/** Retries every answer that is not 2xx with the same key until each is 2xx (bounded). */
async function retryUntilDone(answers: Answer[]): Promise<Answer[]> {
  const done = answers.filter((a) => typeof a.status === 'number' && a.status < 300);
  let last = answers.filter((a) => !done.includes(a));
  let pending = last.map((a) => a.intent);
  for (let round = 0; pending.length > 0 && round < 40; round++) {
    if (round > 0) await new Promise((resolve) => setTimeout(resolve, 250));
    const retried = await Promise.all(pending.map(send));
    expectClearAnswers(retried);
    done.push(...retried.filter((a) => (a.status as number) < 300));
    last = retried.filter((a) => (a.status as number) >= 300);
    pending = last.map((a) => a.intent);
  }
  // What the last retry of each answered, so a failure says why it never converged.
  const left = last.map((a) => `${a.intent.kind} ${a.intent.patient}: ${a.status} ${JSON.stringify(a.json)}`);
  expect(left).toEqual([]);
  return done;
}

/** Exactly one appointment per slot booked and one request per medication ordered, as answered. */
async function expectExactlyOneEffectEach(intentsSent: Intent[], finals: Answer[]): Promise<void> {
  for (const patient of PATIENTS) {
    const token = tokens.get(patient)!;
    const appointments = await api.request<Page<Appointment>>('GET', '/appointments?when=all&limit=100', { token });
    const requests = await api.request<Page<PrescriptionRequest>>('GET', '/prescriptions?limit=100', { token });
    for (const intent of intentsSent.filter((i) => i.patient === patient)) {
      const answer = finals.find((a) => a.intent === intent)!;
      if (intent.kind === 'book') {
        const booked = appointments.json.items.filter((a) => a.slotId === intent.target && a.status === 'booked');
        expect(booked.map((a) => a.appointmentId)).toEqual([(answer.json as Appointment).appointmentId]);
      } else {
        const ordered = requests.json.items.filter((r) => r.items.some((item) => item.medicationId === intent.target));
        expect(ordered.map((r) => r.prescriptionId)).toEqual([(answer.json as PrescriptionRequest).prescriptionId]);
      }
    }
  }
}

/** Fires every intent at once, runs `fault` shortly after the first ones left, and collects the answers. */
async function burstWith(all: Intent[], fault: () => void): Promise<Answer[]> {
  const first = all.slice(0, 10).map(send);
  await new Promise((resolve) => setTimeout(resolve, 10));
  fault();
  return Promise.all([...first, ...all.slice(10).map(send)]);
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function dynamoPid(): number {
  const pid = api.mode.dynamoDbLocal?.pid();
  expect(pid).toBeTypeOf('number');
  return pid!;
}

beforeAll(async () => {
  api = await startTestApi({ dataDir });
  staff = await api.tokenFor({ role: 'staff', practice: PRACTICE });
  for (const nhsNumber of PATIENTS) {
    const res = await api.request('PUT', `/staff/patients/${nhsNumber}`, {
      token: staff,
      body: {
        name: `Fault ${nhsNumber}`,
        dateOfBirth: '1970-01-01',
        services: { appointments: true, prescriptions: true, record: 'summary' },
      },
    });
    expect(res.status).toBe(201);
    tokens.set(nhsNumber, await api.tokenFor({ role: 'patient', practice: PRACTICE, nhsNumber }));
  }
});

afterAll(async () => {
  await api?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('DynamoDB paused (SIGSTOP) under a burst of bookings and orders', () => {
  it(
    'answers every request within 5 s with 2xx, 4xx or 503 Retry-After; keyed retries give one effect each',
    { timeout: 60_000 },
    async () => {
      const sent = await intents('pause', 2);
      const pid = dynamoPid();
      let answers: Answer[];
      try {
        answers = await burstWith(sent, () => process.kill(pid, 'SIGSTOP'));
      } finally {
        process.kill(pid, 'SIGCONT');
      }
      expectClearAnswers(answers);
      expect(answers.filter((a) => a.status === 503).length).toBeGreaterThan(0);

      const finals = await retryUntilDone(answers);
      await expectExactlyOneEffectEach(sent, finals);
    },
  );
});

describe('DynamoDB killed (SIGKILL) under a burst of bookings and orders', () => {
  it(
    'keeps the API up, answers 503, restarts DynamoDB Local on the same data, and keyed retries converge',
    { timeout: 90_000 },
    async () => {
      const sent = await intents('kill', 3);
      // DynamoDB Local answers a TransactWriteItems before the change is on disk, and forgets it if
      // killed within a moment (real DynamoDB does not): let the setup's writes settle, so what
      // this measures is our recovery, not DynamoDB Local's durability.
      await new Promise((resolve) => setTimeout(resolve, DYNAMODB_LOCAL_SETTLE_MS));
      const killed = dynamoPid();
      const answers = await burstWith(sent, () => process.kill(killed, 'SIGKILL'));
      expectClearAnswers(answers);
      expect(answers.filter((a) => a.status === 503).length).toBeGreaterThan(0);
      expect((await api.request('GET', '/health')).status).toBe(200);

      await waitUntil(() => (api.mode.dynamoDbLocal?.restarts() ?? 0) >= 1, RESTART_WITHIN_MS);
      expect(dynamoPid()).not.toBe(killed);
      const finals = await retryUntilDone(answers);
      await expectExactlyOneEffectEach(sent, finals);

      // What was committed before the kill is still there (same data directory), and the monthly
      // figures still agree with a recount from the activity entries.
      const month = localMonth(new Date(), TZ);
      const verification = await verifyMonth(await rollupMonth(PRACTICE, month));
      expect(verification.differences).toEqual([]);
      expect(verification.recounted.activityEntries).toBeGreaterThanOrEqual(PATIENTS.length * 4);
    },
  );
});

describe('DynamoDB Local started by local mode', () => {
  /** An address of this machine that is not loopback, if it has one. */
  const outside = Object.values(networkInterfaces())
    .flat()
    .find((net) => net && !net.internal && net.family === 'IPv4')?.address;

  it.skipIf(outside === undefined)('listens on 127.0.0.1 only, not on the network', async () => {
    expect(api.mode.dynamoDbLocal?.loopbackOnly).toBe(true);
    const port = Number(new URL(api.mode.dynamoEndpoint).port);
    const reachable = (host: string) =>
      new Promise<boolean>((resolve) => {
        const socket = createConnection({ host, port });
        socket.once('connect', () => {
          socket.destroy();
          resolve(true);
        });
        socket.once('error', () => resolve(false));
      });
    expect(await reachable('127.0.0.1')).toBe(true);
    expect(await reachable(outside!)).toBe(false);
  });
});
