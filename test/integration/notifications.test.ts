import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../functions/domain/clock.ts';
import type { ChannelProvider } from '../../functions/notifications/sender.ts';
import type { Appointment } from '../../functions/schemas/appointments.ts';
import type { Medication, PrescriptionRequest } from '../../functions/schemas/prescriptions.ts';
import type { Slot } from '../../functions/schemas/slots.ts';
import { MESSAGE_KINDS } from '../../functions/schemas/message-kinds.ts';
import { addDays, addMonths, localDate, localMonth } from '../../functions/domain/time.ts';
import { keys } from '../../functions/store/keys.ts';
import { rollupMonth, verifyMonth } from '../../functions/usecases/report.ts';
import { getItem } from '../../functions/store/dynamo.ts';
import { dieAfterTransactions } from '../support/faults.ts';
import { registeredPatient, startTestApi, type TestApi } from '../support/local-api.ts';
import { testNhsNumber } from '../support/nhs.ts';

/**
 * Notifications end to end: real HTTP into local mode, DynamoDB Local underneath, and local
 * mode's own in-process sender delivering to GET /dev/outbox. The sender's clock runs ahead of
 * the API's by `ahead`, so reminders days away fall due now, and SMS held for quiet hours go
 * whatever the time of day the suite runs: each test moves it forward only.
 */
const PRACTICE = 'A99001';
const HOUR = 3_600_000;
const WITHIN_MS = 10_000;

type Page<T> = { items: T[] };
type Problem = { code: string; errors?: { path: string }[] };
interface Sent {
  messageId: string;
  channel: 'email' | 'sms';
  to: string;
  nhsNumber: string;
  kind: string;
  subject?: string;
  body: string;
  sentAt: string;
}

let api: TestApi;
let staff: string;
/** How far the sender's clock runs ahead of real time (never backwards: a held SMS stays due). */
let ahead = 12 * HOUR;
const senderClock: Clock = { now: () => new Date(Date.now() + ahead) };
const SENDER = { clock: senderClock, intervalMs: 200, leaseMs: 1_500, retryBaseMs: 100 };

let nextPatient = 700;
async function newPatient(prefs: Record<string, unknown>): Promise<{ nhsNumber: string; token: string }> {
  const nhsNumber = testNhsNumber(nextPatient++);
  const token = await registeredPatient(api, {
    staff,
    practice: PRACTICE,
    nhsNumber,
    name: 'Notified Patient',
    services: { appointments: true, prescriptions: true, record: 'summary' },
  });
  const put = await api.write('PUT', '/me/notifications', { token, body: prefs });
  expect(put.status).toBe(200);
  return { nhsNumber, token };
}

let nextMinute = 0;
/** A fresh slot `days` ahead at 13:xx UTC (a different minute each time: no overlaps). */
async function slot(days: number): Promise<Slot> {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  d.setUTCHours(13, 0, 0, 0);
  const start = new Date(d.getTime() + (nextMinute++ % 400) * 5 * 60_000 - 5 * HOUR);
  const res = await api.request<Page<Slot>>('POST', '/staff/slots', {
    token: staff,
    body: {
      slots: [
        {
          start: start.toISOString(),
          end: new Date(start.getTime() + 5 * 60_000).toISOString(),
          clinician: 'Dr Nina Notify',
          type: 'GP',
          channel: 'in-person',
        },
      ],
    },
  });
  expect(res.status).toBe(201);
  return res.json.items[0]!;
}

async function book(token: string, days: number): Promise<Appointment> {
  const s = await slot(days);
  const res = await api.write<Appointment>('POST', '/appointments', {
    token,
    body: { slotId: s.slotId, description: 'Chest pain when climbing stairs' },
  });
  expect(res.status).toBe(201);
  return res.json;
}

async function outbox(nhsNumber: string): Promise<Sent[]> {
  const res = await api.request<Page<Sent>>('GET', `/dev/outbox?nhsNumber=${nhsNumber}`);
  expect(res.status).toBe(200);
  return res.json.items;
}

/** Waits (up to 10 s) until the patient's outbox satisfies `done`, and returns it. */
async function outboxUntil(nhsNumber: string, done: (sent: Sent[]) => boolean, within = WITHIN_MS): Promise<Sent[]> {
  const deadline = Date.now() + within;
  for (;;) {
    const sent = await outbox(nhsNumber);
    if (done(sent)) return sent;
    if (Date.now() > deadline) return sent;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

const ids = (sent: Sent[]) => sent.map((m) => m.messageId).sort();
const ofKind = (sent: Sent[], kind: string) => sent.filter((m) => m.kind === kind);
const BOTH = { email: 'pat@example.com', mobile: '+447700900123' };

beforeAll(async () => {
  api = await startTestApi();
  staff = await api.tokenFor({ role: 'staff', practice: PRACTICE });
  await api.mode.notificationSender.restart(SENDER);
});

afterAll(async () => {
  await api?.stop();
});

describe('GET and PUT /me/notifications', () => {
  it('starts from the defaults and changes any subset', async () => {
    const nhsNumber = testNhsNumber(690);
    await api.write('PUT', `/staff/patients/${nhsNumber}`, {
      token: staff,
      body: {
        name: 'P',
        dateOfBirth: '1970-01-01',
        services: { appointments: true, prescriptions: true, record: 'none' },
      },
    });
    const token = await api.tokenFor({ role: 'patient', practice: PRACTICE, nhsNumber });
    const initial = await api.request('GET', '/me/notifications', { token });
    expect(initial.status).toBe(200);
    expect(initial.json).toEqual({ email: null, mobile: null, appointmentReminders: true, statusUpdates: true });

    const first = await api.write('PUT', '/me/notifications', { token, body: { mobile: '+447700900456' } });
    expect(first.json).toEqual({
      email: null,
      mobile: '+447700900456',
      appointmentReminders: true,
      statusUpdates: true,
    });
    const second = await api.write('PUT', '/me/notifications', {
      token,
      body: { email: 'someone@example.nhs.uk', appointmentReminders: false },
    });
    expect(second.json).toEqual({
      email: 'someone@example.nhs.uk',
      mobile: '+447700900456',
      appointmentReminders: false,
      statusUpdates: true,
    });
    const removed = await api.write('PUT', '/me/notifications', { token, body: { mobile: null } });
    expect(removed.json).toMatchObject({ mobile: null, email: 'someone@example.nhs.uk' });
    expect((await api.request('GET', '/me/notifications', { token })).json).toEqual(removed.json);
  });

  it('refuses an address that is not an e-mail or not a UK mobile in E.164, and unknown fields', async () => {
    const token = await api.tokenFor({ role: 'patient', practice: PRACTICE, nhsNumber: testNhsNumber(690) });
    for (const [body, path] of [
      [{ email: 'not-an-address' }, 'email'],
      [{ email: 'a@b' }, 'email'],
      [{ mobile: '07700900123' }, 'mobile'],
      [{ mobile: '+44770090012' }, 'mobile'],
      [{ mobile: '+441632960000' }, 'mobile'],
      [{ statusUpdates: 'yes' }, 'statusUpdates'],
      [{ pager: '123' }, ''],
    ] as const) {
      const res = await api.request<Problem>('PUT', '/me/notifications', { token, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.code).toBe('validation-failed');
      if (path) expect(res.json.errors?.map((e) => e.path)).toContain(path);
    }
  });
});

describe('messages to the channels the patient chose', () => {
  it('sends exactly one booking confirmation per chosen channel, with no clinical detail', async () => {
    const both = await newPatient(BOTH);
    const emailOnly = await newPatient({ email: 'only@example.com' });
    const none = await newPatient({});
    const quiet = await newPatient({ ...BOTH, statusUpdates: false });
    const appointments = await Promise.all([both, emailOnly, none, quiet].map((p) => book(p.token, 6)));

    const sent = await outboxUntil(both.nhsNumber, (s) => ofKind(s, 'appointment-booked').length >= 2);
    expect(
      ofKind(sent, 'appointment-booked')
        .map((m) => [m.channel, m.to])
        .sort(),
    ).toEqual([
      ['email', 'pat@example.com'],
      ['sms', '+447700900123'],
    ]);
    expect(ids(sent)).toEqual([
      `appointment-booked.${appointments[0]!.appointmentId}.email`,
      `appointment-booked.${appointments[0]!.appointmentId}.sms`,
    ]);
    for (const m of sent) {
      expect(m.body).toContain('Riverside Medical Practice');
      expect(m.body).not.toContain('Chest pain');
    }
    const email = await outboxUntil(emailOnly.nhsNumber, (s) => s.length >= 1);
    expect(email.map((m) => m.channel)).toEqual(['email']);
    expect(email[0]!.subject).toBe('Appointment booked - Riverside Medical Practice');
    // Nothing more turns up for any of them (each sweep has long since passed).
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await outbox(both.nhsNumber)).toHaveLength(2);
    expect(await outbox(emailOnly.nhsNumber)).toHaveLength(1);
    expect(await outbox(none.nhsNumber)).toEqual([]);
    expect(await outbox(quiet.nhsNumber)).toEqual([]);
  });

  it('tells the patient once per channel when the practice cancels, and never reminds them', async () => {
    const p = await newPatient(BOTH);
    const a = await book(p.token, 7);
    const res = await api.write('POST', `/staff/appointments/${a.appointmentId}/cancel`, {
      token: staff,
      body: { reason: 'Clinician unwell' },
    });
    expect(res.status).toBe(200);
    const sent = await outboxUntil(p.nhsNumber, (s) => ofKind(s, 'appointment-cancelled-by-practice').length >= 2);
    expect(
      ofKind(sent, 'appointment-cancelled-by-practice')
        .map((m) => m.channel)
        .sort(),
    ).toEqual(['email', 'sms']);
    expect(sent.every((m) => !m.body.includes('unwell'))).toBe(true);
    expect(await getItem(keys.outboxMessage(`appointment-reminder.${a.appointmentId}.email`))).toBeUndefined();
  });

  it('tells the patient of approval, rejection and issue (with the pharmacy), never naming a medicine', async () => {
    const p = await newPatient(BOTH);
    const meds: Medication[] = [];
    for (const name of ['Sertraline 50mg tablets', 'Amlodipine 5mg tablets']) {
      const res = await api.write<Medication>('POST', `/staff/patients/${p.nhsNumber}/medications`, {
        token: staff,
        body: {
          name,
          dosage: 'One daily',
          quantity: 28,
          reviewDate: addDays(localDate(new Date(), 'Europe/London'), 90),
        },
      });
      expect(res.status).toBe(201);
      meds.push(res.json);
    }
    const order = async (medicationId: string) => {
      const res = await api.write<PrescriptionRequest>('POST', '/prescriptions', {
        token: p.token,
        body: { medicationIds: [medicationId], pharmacy: 'FA123' },
      });
      expect(res.status).toBe(201);
      return res.json.prescriptionId;
    };
    const approved = await order(meds[0]!.medicationId);
    const rejected = await order(meds[1]!.medicationId);
    for (const [path, body] of [
      [`/staff/prescriptions/${approved}/approve`, {}],
      [`/staff/prescriptions/${approved}/issue`, undefined],
      [`/staff/prescriptions/${rejected}/reject`, { reason: 'Needs a review' }],
    ] as const) {
      const res = await api.write('POST', path, { token: staff, ...(body ? { body } : {}) });
      expect(res.status, path).toBe(200);
    }
    const sent = await outboxUntil(p.nhsNumber, (s) => s.length >= 6);
    expect(ids(sent)).toEqual(
      [`prescription-approved.${approved}`, `prescription-issued.${approved}`, `prescription-rejected.${rejected}`]
        .flatMap((id) => [`${id}.email`, `${id}.sms`])
        .sort(),
    );
    for (const m of ofKind(sent, 'prescription-issued')) expect(m.body).toContain('FA123');
    for (const m of sent) expect(`${m.subject ?? ''} ${m.body}`).not.toMatch(/Sertraline|Amlodipine|review/i);
  });
});

describe('reminders', () => {
  it('reminds once per channel at start − reminderHoursBefore; a cancelled booking is never reminded', async () => {
    const p = await newPatient(BOTH);
    const kept = await book(p.token, 3);
    const cancelled = await book(p.token, 3);
    const res = await api.write('POST', `/appointments/${cancelled.appointmentId}/cancel`, {
      token: p.token,
      body: { reason: 'Feeling better' },
    });
    expect(res.status).toBe(200);
    // Not yet: the reminders fall due 24 hours before, about two days from the sender's now.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(ofKind(await outbox(p.nhsNumber), 'appointment-reminder')).toEqual([]);

    ahead = Math.max(ahead, Date.parse(kept.start) - 24 * HOUR - Date.now() + 14 * HOUR);
    const sent = await outboxUntil(p.nhsNumber, (s) => ofKind(s, 'appointment-reminder').length >= 2);
    expect(ids(ofKind(sent, 'appointment-reminder'))).toEqual([
      `appointment-reminder.${kept.appointmentId}.email`,
      `appointment-reminder.${kept.appointmentId}.sms`,
    ]);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(ofKind(await outbox(p.nhsNumber), 'appointment-reminder')).toHaveLength(2);
  });

  it('moves the reminder with a reschedule: none for the old time, one per channel for the new', async () => {
    const p = await newPatient(BOTH);
    const old = await book(p.token, 9);
    const target = await slot(12);
    const moved = await api.write<Appointment>('POST', `/appointments/${old.appointmentId}/reschedule`, {
      token: p.token,
      body: { slotId: target.slotId },
    });
    expect(moved.status).toBe(200);
    // Past the old reminder's time, before the new one's.
    ahead = Math.max(ahead, Date.parse(old.start) - 24 * HOUR - Date.now() + 14 * HOUR);
    const confirmed = await outboxUntil(p.nhsNumber, (s) => ofKind(s, 'appointment-booked').length >= 4);
    expect(ofKind(confirmed, 'appointment-booked')).toHaveLength(4);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(ofKind(await outbox(p.nhsNumber), 'appointment-reminder')).toEqual([]);

    ahead = Math.max(ahead, Date.parse(target.start) - 24 * HOUR - Date.now() + 14 * HOUR);
    const sent = await outboxUntil(p.nhsNumber, (s) => ofKind(s, 'appointment-reminder').length >= 2);
    expect(ids(ofKind(sent, 'appointment-reminder'))).toEqual([
      `appointment-reminder.${moved.json.appointmentId}.email`,
      `appointment-reminder.${moved.json.appointmentId}.sms`,
    ]);
  });
});

describe('the sender', () => {
  it('killed mid-batch and restarted, delivers each message exactly once', async () => {
    await api.mode.notificationSender.stop();
    const p = await newPatient(BOTH);
    // Bookings on distinct days within the horizon; the practice allows only a few active ones,
    // so cancel-free bookings go to several patients of the same preferences.
    const patients = [p, await newPatient(BOTH), await newPatient(BOTH), await newPatient(BOTH)];
    const booked: Appointment[] = [];
    for (const who of patients) for (const days of [14, 15]) booked.push(await book(who.token, days));

    // The sender dies after recording three messages: its claims on the next ones are left behind.
    await api.mode.notificationSender.restart(SENDER);
    const sender = api.mode.notificationSender.client();
    expect(sender).toBeDefined();
    dieAfterTransactions(3, sender);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await api.mode.notificationSender.stop();
    // A new sender (a new process, deployed): what the dead one claimed goes once its lease is out.
    await api.mode.notificationSender.restart(SENDER);

    const expected = booked.flatMap((a) => [
      `appointment-booked.${a.appointmentId}.email`,
      `appointment-booked.${a.appointmentId}.sms`,
    ]);
    const deadline = Date.now() + 2 * WITHIN_MS;
    let all: Sent[] = [];
    while (Date.now() < deadline) {
      all = (await Promise.all(patients.map((who) => outbox(who.nhsNumber)))).flat();
      if (ofKind(all, 'appointment-booked').length >= expected.length) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    all = (await Promise.all(patients.map((who) => outbox(who.nhsNumber)))).flat();
    expect(ids(ofKind(all, 'appointment-booked'))).toEqual(expected.sort());
  });

  it('retries a failing channel, then dead-letters it, while the other channel is delivered', async () => {
    let smsAttempts = 0;
    const failingSms: ChannelProvider = {
      send: () => {
        smsAttempts++;
        return Promise.reject(new Error('SNS is down'));
      },
    };
    await api.mode.notificationSender.restart({ ...SENDER, channels: { sms: failingSms } });
    try {
      const p = await newPatient(BOTH);
      const a = await book(p.token, 16);
      const sent = await outboxUntil(p.nhsNumber, (s) => s.length >= 1);
      expect(sent.map((m) => m.channel)).toEqual(['email']);
      const id = `appointment-booked.${a.appointmentId}.sms`;
      const deadline = Date.now() + WITHIN_MS;
      let item = await getItem(keys.outboxMessage(id));
      while (item?.status !== 'dead' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        item = await getItem(keys.outboxMessage(id));
      }
      expect(item).toMatchObject({ status: 'dead', attempts: 5 });
      expect(smsAttempts).toBeGreaterThanOrEqual(5);
      expect(await outbox(p.nhsNumber)).toHaveLength(1);
    } finally {
      await api.mode.notificationSender.restart(SENDER);
    }
  });
});

describe('the monthly report', () => {
  it('counts each message sent, per kind, and each given up on; rollup --verify recounts the same', async () => {
    const delivered = (await api.request<Page<Sent>>('GET', '/dev/outbox')).json.items;
    // The sender's clock runs ahead: its outcomes are counted in the months of its clock.
    const months: string[] = [];
    const last = localMonth(senderClock.now(), 'Europe/London');
    for (let m = localMonth(new Date(), 'Europe/London'); m <= last; m = addMonths(m, 1)) months.push(m);
    const sent = Object.fromEntries(MESSAGE_KINDS.map((k) => [k, 0]));
    let failed = 0;
    for (const month of months) {
      const result = await rollupMonth(PRACTICE, month, { clock: senderClock, ids: { next: () => 'x' } });
      for (const k of MESSAGE_KINDS) sent[k]! += result.report.messages.sent[k];
      failed += result.report.messages.failed;
      expect((await verifyMonth(result, { clock: senderClock, ids: { next: () => 'x' } })).differences).toEqual([]);
    }
    expect(sent).toEqual(
      Object.fromEntries(MESSAGE_KINDS.map((k) => [k, delivered.filter((m) => m.kind === k).length])),
    );
    expect(failed).toBe(1);
  });
});
