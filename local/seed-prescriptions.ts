import { addDays, localDate } from '../functions/domain/time.ts';
import type { AddMedicationBody } from '../functions/schemas/prescriptions.ts';
import type { SeedStep } from './seed-step.ts';

/**
 * Demo repeat medications, added through POST /staff/patients/{nhsNumber}/medications as the
 * practice's staff. Review dates are relative to the day the seed runs, so the demo looks the same
 * whenever it is started: one item in each practice is already overdue for review (the patient sees
 * it as not orderable, reason `review-overdue`); everything else can be ordered straight away.
 */
export interface DemoMedication extends Omit<AddMedicationBody, 'reviewDate' | 'minDaysBetweenOrders'> {
  /** Days from the seed's local today to the review date; negative: overdue. */
  reviewInDays: number;
  minDaysBetweenOrders?: number;
}

/** Per test NHS number (only patients with prescriptions enabled get theirs). */
export const DEMO_MEDICATIONS: Readonly<Record<string, readonly DemoMedication[]>> = {
  // A99001 Riverside Medical Practice
  '9990000018': [
    { name: 'Sertraline 50mg tablets', dosage: 'One tablet daily', quantity: 28, reviewInDays: 120 },
    {
      name: 'Salbutamol 100micrograms/dose inhaler',
      dosage: 'Two puffs when required',
      quantity: 1,
      reviewInDays: 200,
      minDaysBetweenOrders: 28,
    },
  ],
  '9990000026': [
    { name: 'Amlodipine 5mg tablets', dosage: 'One tablet daily', quantity: 28, reviewInDays: 90 },
    { name: 'Atorvastatin 20mg tablets', dosage: 'One tablet at night', quantity: 28, reviewInDays: -14 },
    { name: 'Metformin 500mg tablets', dosage: 'One tablet twice daily with meals', quantity: 56, reviewInDays: 90 },
    { name: 'Ramipril 5mg capsules', dosage: 'One capsule daily', quantity: 28, reviewInDays: 90 },
  ],
  '9990000042': [
    { name: 'Bisoprolol 2.5mg tablets', dosage: 'One tablet each morning', quantity: 28, reviewInDays: 60 },
    { name: 'Apixaban 5mg tablets', dosage: 'One tablet twice daily', quantity: 56, reviewInDays: 60 },
    {
      name: 'Lansoprazole 15mg gastro-resistant capsules',
      dosage: 'One capsule daily',
      quantity: 28,
      reviewInDays: 150,
    },
  ],
  // A99002 Hillview Surgery
  '9990000050': [
    { name: 'Levothyroxine 75micrograms tablets', dosage: 'One tablet each morning', quantity: 28, reviewInDays: -30 },
    { name: 'Omeprazole 20mg gastro-resistant capsules', dosage: 'One capsule daily', quantity: 28, reviewInDays: 180 },
  ],
  '9990000077': [
    { name: 'Metformin 500mg tablets', dosage: 'One tablet twice daily with meals', quantity: 56, reviewInDays: 100 },
    { name: 'Losartan 50mg tablets', dosage: 'One tablet daily', quantity: 28, reviewInDays: 100 },
    { name: 'Simvastatin 40mg tablets', dosage: 'One tablet at night', quantity: 28, reviewInDays: 100 },
  ],
  '9990000085': [
    {
      name: 'Clenil Modulite 100micrograms/dose inhaler',
      dosage: 'Two puffs twice daily',
      quantity: 1,
      reviewInDays: 240,
      minDaysBetweenOrders: 28,
    },
    {
      name: 'Salbutamol 100micrograms/dose inhaler',
      dosage: 'Two puffs when required',
      quantity: 1,
      reviewInDays: 240,
      minDaysBetweenOrders: 28,
    },
  ],
};

export const repeatMedicationsStep: SeedStep = {
  name: 'repeat medications',
  async run({ call, practices, now }) {
    for (const practice of practices) {
      const today = localDate(now, practice.config.timeZone);
      for (const patient of practice.patients) {
        if (!patient.services.prescriptions) continue;
        for (const { reviewInDays, ...med } of DEMO_MEDICATIONS[patient.nhsNumber] ?? []) {
          const body: AddMedicationBody = {
            ...med,
            reviewDate: addDays(today, reviewInDays),
            minDaysBetweenOrders: med.minDaysBetweenOrders ?? 21,
          };
          await call({
            method: 'POST',
            path: `/staff/patients/${patient.nhsNumber}/medications`,
            staffOf: practice.config.ods,
            body,
          });
        }
      }
    }
  },
};
