import * as z from './zod.ts';
import { FreeText, Id, ListQuery, LocalDate, NhsNumber, OdsCode } from './common.ts';

/** Why an item cannot be ordered yet (the ordering rules); decided in domain/prescriptions.ts. */
export const NotOrderableReason = /* @__PURE__ */ z.lazy(() =>
  z.enum(['review-overdue', 'too-soon', 'pending-request']),
);
export type NotOrderableReason = z.infer<typeof NotOrderableReason>;

/** POST /staff/patients/{nhsNumber}/medications */
export const AddMedicationBody = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    name: FreeText(1, 200).register(z.globalRegistry, { example: 'Amlodipine 5mg tablets' }),
    dosage: FreeText(1, 200).register(z.globalRegistry, { example: 'One tablet daily' }),
    quantity: z.number().check(z.int(), z.minimum(1), z.maximum(10_000)).register(z.globalRegistry, { example: 28 }),
    /** May already be past: a patient overdue for review keeps the item, but cannot order it online. */
    reviewDate: LocalDate,
    minDaysBetweenOrders: z._default(z.number().check(z.int(), z.minimum(0), z.maximum(366)), 21),
  }),
);
export type AddMedicationBody = z.infer<typeof AddMedicationBody>;

/** A repeat medication as the patient (and the staff member who added it) sees it. */
export const Medication = /* @__PURE__ */ z.lazy(() =>
  z
    .object({
      medicationId: z.string(),
      name: z.string(),
      dosage: z.string(),
      quantity: z.number().check(z.int()),
      reviewDate: z.string(),
      minDaysBetweenOrders: z.number().check(z.int()),
      lastOrderedAt: z.optional(z.string()),
      orderable: z.boolean(),
      notOrderableReason: z.optional(NotOrderableReason),
      nextOrderableDate: z.optional(z.string()).register(z.globalRegistry, {
        description: 'With `too-soon`: the first practice-local date the item may be ordered again',
      }),
    })
    .register(z.globalRegistry, { id: 'Medication' }),
);
export type Medication = z.infer<typeof Medication>;

export const MedicationsQuery = ListQuery;

export const PrescriptionStatus = /* @__PURE__ */ z.lazy(() =>
  z.enum(['requested', 'approved', 'rejected', 'issued', 'withdrawn']),
);
export type PrescriptionStatus = z.infer<typeof PrescriptionStatus>;

/** POST /prescriptions */
export const OrderPrescriptionBody = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    medicationIds: z.array(Id).check(
      z.minLength(1),
      z.maxLength(10),
      z.refine((ids) => new Set(ids).size === ids.length, 'must not repeat an item'),
    ),
    pharmacy: z.optional(OdsCode).register(z.globalRegistry, { description: 'ODS code of the nominated pharmacy' }),
    note: z.optional(FreeText(0, 500)),
  }),
);
export type OrderPrescriptionBody = z.infer<typeof OrderPrescriptionBody>;

export const PrescriptionItem = /* @__PURE__ */ z.lazy(() =>
  z.object({
    medicationId: z.string(),
    name: z.string(),
    dosage: z.string(),
    quantity: z.number().check(z.int()),
    decision: z
      .optional(z.enum(['approved', 'rejected']))
      .register(z.globalRegistry, { description: 'Once the request is decided: this item’s decision' }),
    reason: z
      .optional(z.string())
      .register(z.globalRegistry, { description: 'With a rejected item: why, as the practice told the patient' }),
  }),
);
export type PrescriptionItem = z.infer<typeof PrescriptionItem>;

export const PrescriptionRequest = /* @__PURE__ */ z.lazy(() =>
  z
    .object({
      prescriptionId: z.string(),
      practice: z.string(),
      nhsNumber: z.string(),
      status: PrescriptionStatus,
      items: z.array(PrescriptionItem),
      pharmacy: z.optional(z.string()),
      note: z.optional(z.string()),
      requestedAt: z.string(),
      decidedAt: z.optional(z.string()),
      rejectionReason: z.optional(z.string()),
      issuedAt: z.optional(z.string()),
      requestedBy: z.optional(z.object({ nhsNumber: z.string(), proxy: z.boolean() })).register(z.globalRegistry, {
        description: 'Who made the request when it was not the patient: a proxy acting for them (absent: the patient)',
      }),
      patientName: z.optional(z.string()).register(z.globalRegistry, {
        description: 'The patient’s name as registered when the request was made (staff lists name the patient)',
      }),
    })
    .register(z.globalRegistry, { id: 'PrescriptionRequest' }),
);
export type PrescriptionRequest = z.infer<typeof PrescriptionRequest>;

/** GET /prescriptions (own requests, newest first) and GET /staff/prescriptions. */
export const PrescriptionsQuery = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({ ...z.built(ListQuery).shape, status: z.optional(PrescriptionStatus) }),
);
export type PrescriptionsQuery = z.infer<typeof PrescriptionsQuery>;

export const PrescriptionIdParams = /* @__PURE__ */ z.lazy(() => z.strictObject({ id: Id }));

/** POST /staff/prescriptions/{id}/reject: the reason is shown to the patient. */
export const RejectPrescriptionBody = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    reason: FreeText(1, 500),
  }),
);

/** POST /staff/prescriptions/{id}/approve: optionally reject some items, each with a reason the patient sees. */
export const ApprovePrescriptionBody = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    rejectItems: z.optional(
      z.array(z.strictObject({ medicationId: Id, reason: FreeText(1, 500) })).check(
        z.maxLength(10),
        z.refine((items) => new Set(items.map((i) => i.medicationId)).size === items.length, 'must not repeat an item'),
      ),
    ),
  }),
);
export type ApprovePrescriptionBody = z.infer<typeof ApprovePrescriptionBody>;

/** A repeat medication as the practice sees it: the patient's view plus whether it is still current. */
export const StaffMedication = /* @__PURE__ */ z.lazy(() =>
  z
    .object({
      ...z.built(Medication).shape,
      status: z.enum(['active', 'discontinued']),
      discontinuedAt: z.optional(z.string()),
    })
    .register(z.globalRegistry, { id: 'StaffMedication' }),
);
export type StaffMedication = z.infer<typeof StaffMedication>;

/** PATCH /staff/patients/{nhsNumber}/medications/{medicationId}: a review; at least one field. */
export const ChangeMedicationBody = /* @__PURE__ */ z.lazy(() =>
  z
    .strictObject({
      dosage: z.optional(z.built(AddMedicationBody).shape.dosage),
      quantity: z.optional(z.built(AddMedicationBody).shape.quantity),
      reviewDate: z.optional(LocalDate),
      minDaysBetweenOrders: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(366))),
    })
    .check(z.refine((b) => Object.keys(b).length > 0, 'must change at least one field')),
);
export type ChangeMedicationBody = z.infer<typeof ChangeMedicationBody>;

export const MedicationParams = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({ nhsNumber: NhsNumber, medicationId: Id }),
);
