import { z } from 'zod';
import { Id, ListQuery, LocalDate, OdsCode } from './common.ts';

/** Why an item cannot be ordered yet (CONTRACT.md §2 "Ordering rules"); decided in domain/prescriptions.ts. */
export const NotOrderableReason = z.enum(['review-overdue', 'too-soon', 'pending-request']);
export type NotOrderableReason = z.infer<typeof NotOrderableReason>;

/** POST /staff/patients/{nhsNumber}/medications */
export const AddMedicationBody = z.strictObject({
  name: z.string().trim().min(1).max(200).meta({ example: 'Amlodipine 5mg tablets' }),
  dosage: z.string().trim().min(1).max(200).meta({ example: 'One tablet daily' }),
  quantity: z.number().int().min(1).max(10_000).meta({ example: 28 }),
  /** May already be past: a patient overdue for review keeps the item, but cannot order it online. */
  reviewDate: LocalDate,
  minDaysBetweenOrders: z.number().int().min(0).max(366).default(21),
});
export type AddMedicationBody = z.infer<typeof AddMedicationBody>;

/** A repeat medication as the patient (and the staff member who added it) sees it. */
export const Medication = z
  .object({
    medicationId: z.string(),
    name: z.string(),
    dosage: z.string(),
    quantity: z.number().int(),
    reviewDate: z.string(),
    minDaysBetweenOrders: z.number().int(),
    lastOrderedAt: z.string().optional(),
    orderable: z.boolean(),
    notOrderableReason: NotOrderableReason.optional(),
    nextOrderableDate: z
      .string()
      .optional()
      .meta({ description: 'With `too-soon`: the first practice-local date the item may be ordered again' }),
  })
  .meta({ id: 'Medication' });
export type Medication = z.infer<typeof Medication>;

export const MedicationsQuery = ListQuery;

export const PrescriptionStatus = z.enum(['requested', 'approved', 'rejected', 'issued', 'withdrawn']);
export type PrescriptionStatus = z.infer<typeof PrescriptionStatus>;

/** POST /prescriptions */
export const OrderPrescriptionBody = z.strictObject({
  medicationIds: z
    .array(Id)
    .min(1)
    .max(10)
    .refine((ids) => new Set(ids).size === ids.length, 'must not repeat an item'),
  pharmacy: OdsCode.optional().meta({ description: 'ODS code of the nominated pharmacy' }),
  note: z.string().trim().max(500).optional(),
});
export type OrderPrescriptionBody = z.infer<typeof OrderPrescriptionBody>;

export const PrescriptionItem = z.object({
  medicationId: z.string(),
  name: z.string(),
  dosage: z.string(),
  quantity: z.number().int(),
});
export type PrescriptionItem = z.infer<typeof PrescriptionItem>;

export const PrescriptionRequest = z
  .object({
    prescriptionId: z.string(),
    practice: z.string(),
    nhsNumber: z.string(),
    status: PrescriptionStatus,
    items: z.array(PrescriptionItem),
    pharmacy: z.string().optional(),
    note: z.string().optional(),
    requestedAt: z.string(),
    decidedAt: z.string().optional(),
    rejectionReason: z.string().optional(),
    issuedAt: z.string().optional(),
  })
  .meta({ id: 'PrescriptionRequest' });
export type PrescriptionRequest = z.infer<typeof PrescriptionRequest>;

/** GET /prescriptions (own requests, newest first) and GET /staff/prescriptions. */
export const PrescriptionsQuery = ListQuery.extend({ status: PrescriptionStatus.optional() }).strict();
export type PrescriptionsQuery = z.infer<typeof PrescriptionsQuery>;

export const PrescriptionIdParams = z.strictObject({ id: Id });

/** POST /staff/prescriptions/{id}/reject: the reason is shown to the patient. */
export const RejectPrescriptionBody = z.strictObject({ reason: z.string().trim().min(1).max(500) });
