import { describe, expect, it } from 'vitest';
import { parsePracticeList } from '../../functions/domain/practices.ts';
import { localDate } from '../../functions/domain/time.ts';
import { AddMedicationBody } from '../../functions/schemas/prescriptions.ts';
import { repeatMedicationsStep } from '../../local/seed-prescriptions.ts';
import { DEMO_SEED_STEPS, demoPractices } from '../../local/seed.ts';
import type { SeedCall } from '../../local/seed-step.ts';

const PRACTICES = demoPractices(
  parsePracticeList(
    JSON.stringify([
      { ods: 'A99001', name: 'Riverside' },
      { ods: 'A99002', name: 'Hillview' },
    ]),
  ),
);
const NOW = new Date('2026-11-26T10:00:00Z');

async function seededBodies() {
  const calls: Parameters<SeedCall>[0][] = [];
  await repeatMedicationsStep.run({
    call: (request) => Promise.resolve(void calls.push(request)),
    practices: PRACTICES,
    now: NOW,
  });
  return calls.map((c) => ({
    ...c,
    nhsNumber: /\/staff\/patients\/(\d{10})\/medications$/.exec(c.path)?.[1],
    body: AddMedicationBody.parse(c.body),
  }));
}

describe('demo seed: repeat medications', () => {
  it('runs after the patients are registered', () => {
    const names = DEMO_SEED_STEPS.map((s) => s.name);
    expect(names).toContain('repeat medications');
    expect(names.indexOf('repeat medications')).toBeGreaterThan(names.indexOf('patients'));
  });

  it('gives every demo patient with prescriptions enabled 2–4 items, and nobody else any, through the staff route', async () => {
    const calls = await seededBodies();
    expect(calls.every((c) => c.method === 'POST' && c.nhsNumber !== undefined)).toBe(true);
    for (const practice of PRACTICES) {
      for (const patient of practice.patients) {
        const own = calls.filter((c) => c.nhsNumber === patient.nhsNumber);
        if (patient.services.prescriptions) {
          expect(own.length, patient.name).toBeGreaterThanOrEqual(2);
          expect(own.length, patient.name).toBeLessThanOrEqual(4);
          expect(own.every((c) => c.staffOf === practice.config.ods)).toBe(true);
        } else {
          expect(own, patient.name).toEqual([]);
        }
      }
    }
  });

  it('makes exactly one item per practice overdue for review, the rest due in the future', async () => {
    const calls = await seededBodies();
    const today = localDate(NOW, 'Europe/London');
    for (const practice of PRACTICES) {
      const own = calls.filter((c) => c.staffOf === practice.config.ods);
      expect(
        own.filter((c) => c.body.reviewDate < today),
        practice.config.ods,
      ).toHaveLength(1);
      expect(own.filter((c) => c.body.reviewDate > today).length).toBe(own.length - 1);
    }
  });
});
