import { describe, expect, it } from 'vitest';
import { parsePracticeList } from '../../functions/domain/practices.ts';
import { localDate } from '../../functions/domain/time.ts';
import { isValidNhsNumber } from '../../functions/schemas/common.ts';
import { PublishSlotsBody } from '../../functions/schemas/slots.ts';
import { ROUTES } from '../../functions/routes.ts';
import { createRouter } from '../../local/routing.ts';
import { DEMO_DATA, demoPractices, fortnightOfSlots, runSeed } from '../../local/seed.ts';
import type { SeedCall } from '../../local/seed-step.ts';

const CONFIG = parsePracticeList(
  JSON.stringify([
    { ods: 'A99001', name: 'Riverside Medical Practice' },
    { ods: 'A99002', name: 'Hillview Surgery' },
    { ods: 'B12345', name: 'A practice without demo data' },
  ]),
);
const [riverside] = demoPractices(CONFIG);
const LONDON = 'Europe/London';
// A Tuesday a few days before the clocks go back (Sunday 25 October 2026).
const NOW = new Date('2026-10-20T15:00:00Z');

const londonTime = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(iso),
  );

describe('local mode demo seed data', () => {
  it('uses only valid test NHS numbers, each once', () => {
    const numbers = Object.values(DEMO_DATA).flatMap((p) => p.patients.map((patient) => patient.nhsNumber));
    expect(numbers.every(isValidNhsNumber)).toBe(true);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('seeds only the served practices that have demo data', () => {
    expect(demoPractices(CONFIG).map((p) => p.config.ods)).toEqual(['A99001', 'A99002']);
  });

  it('publishes weekday slots for a fortnight starting tomorrow, practice-local', () => {
    const slots = fortnightOfSlots(riverside!, NOW);
    const days = [...new Set(slots.map((s) => localDate(new Date(s.start), LONDON)))];
    expect(days[0]).toBe('2026-10-21');
    expect(days).toHaveLength(10);
    expect(days.every((d) => ![0, 6].includes(new Date(`${d}T12:00:00Z`).getUTCDay()))).toBe(true);
  });

  it('keeps clinic times in local time across the change from BST to GMT', () => {
    const firstOfDay = (date: string) =>
      fortnightOfSlots(riverside!, NOW).find(
        (s) => s.clinician === 'Dr Amira Shah' && localDate(new Date(s.start), LONDON) === date,
      );
    expect(firstOfDay('2026-10-23')?.start).toBe('2026-10-23T07:30:00.000Z');
    expect(firstOfDay('2026-10-26')?.start).toBe('2026-10-26T08:30:00.000Z');
    expect(londonTime(firstOfDay('2026-10-26')!.start)).toBe('08:30');
  });

  it('produces slots the publish route accepts, without overlaps for any clinician', () => {
    const slots = fortnightOfSlots(riverside!, NOW);
    expect(PublishSlotsBody.safeParse({ slots: slots.slice(0, 250) }).success).toBe(true);
    const byClinician = Map.groupBy(slots, (s) => s.clinician);
    for (const own of byClinician.values()) {
      const sorted = own.toSorted((a, b) => a.start.localeCompare(b.start));
      sorted.slice(1).forEach((slot, i) => expect(slot.start >= sorted[i]!.end).toBe(true));
    }
  });

  it('writes through staff routes only, as the practice concerned, never more than 250 slots per request', async () => {
    const calls: Parameters<SeedCall>[0][] = [];
    await runSeed({
      call: (request) => Promise.resolve(void calls.push(request)),
      practices: demoPractices(CONFIG),
      now: NOW,
    });
    const router = createRouter(ROUTES);
    for (const { method, path } of calls) {
      expect(router.match(method, path)?.route.access, `${method} ${path}`).toBe('staff');
    }
    expect(calls.slice(0, 2)).toEqual([
      { method: 'PUT', path: '/staff/practice/settings', staffOf: 'A99001', body: { listSize: 9000 } },
      { method: 'PUT', path: '/staff/practice/settings', staffOf: 'A99002', body: { listSize: 6500 } },
    ]);
    const registrations = calls.filter((c) => /^\/staff\/patients\/\d{10}$/.test(c.path));
    expect(registrations.map((c) => c.staffOf)).toEqual([
      'A99001',
      'A99001',
      'A99001',
      'A99001',
      'A99002',
      'A99002',
      'A99002',
      'A99002',
    ]);
    const slotBatches = calls
      .filter((c) => c.path === '/staff/slots')
      .map((c) => (c.body as { slots: unknown[] }).slots.length);
    expect(slotBatches.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...slotBatches)).toBeLessThanOrEqual(250);
  });

  it('names the step that failed', async () => {
    const call: SeedCall = () => Promise.reject(new Error('PUT /staff/practice/settings answered 500 internal'));
    await expect(runSeed({ call, practices: demoPractices(CONFIG), now: NOW })).rejects.toThrow(
      'Demo seed step "practice settings" failed: PUT /staff/practice/settings answered 500 internal',
    );
  });
});
