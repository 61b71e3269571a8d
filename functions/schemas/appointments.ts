import * as z from './zod.ts';
import { FreeText, Id, ListQuery, LocalDate, NhsNumber } from './common.ts';
import { Channel } from './slots.ts';

export const Appointment = /* @__PURE__ */ z.lazy(() =>
  z
    .object({
      appointmentId: z.string(),
      slotId: z.string(),
      practice: z.string(),
      nhsNumber: z.string(),
      start: z.string(),
      end: z.string(),
      clinician: z.string(),
      type: z.string(),
      channel: Channel,
      description: z.optional(z.string()),
      status: z.enum(['booked', 'cancelled']),
      bookedAt: z.string(),
      bookedBy: z.enum(['patient', 'practice', 'proxy']),
      bookedByNhsNumber: z
        .optional(z.string())
        .register(z.globalRegistry, { description: 'With bookedBy proxy: the NHS number of the proxy who booked it' }),
      cancelledAt: z.optional(z.string()),
      cancelReason: z.optional(z.string()),
      cancelledBy: z.optional(z.enum(['patient', 'practice', 'proxy'])),
      cancelledByNhsNumber: z.optional(z.string()).register(z.globalRegistry, {
        description: 'With cancelledBy proxy: the NHS number of the proxy who cancelled it',
      }),
      patientName: z.optional(z.string()).register(z.globalRegistry, {
        description: 'The patient’s name as registered when the appointment was booked (staff lists name the patient)',
      }),
    })
    .register(z.globalRegistry, { id: 'Appointment' }),
);
export type Appointment = z.infer<typeof Appointment>;

export const BookAppointmentBody = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    slotId: Id,
    description: z.optional(FreeText(0, 100)),
  }),
);
export type BookAppointmentBody = z.infer<typeof BookAppointmentBody>;

export const CancelAppointmentBody = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    reason: FreeText(1, 500),
  }),
);

export const RescheduleAppointmentBody = /* @__PURE__ */ z.lazy(() => z.strictObject({ slotId: Id }));

export const AppointmentsQuery = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    ...z.built(ListQuery).shape,
    when: z._default(z.enum(['upcoming', 'past', 'all']), 'upcoming'),
  }),
);
export type AppointmentsQuery = z.infer<typeof AppointmentsQuery>;

export const StaffDayQuery = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({ ...z.built(ListQuery).shape, date: LocalDate }),
);

export const AppointmentIdParams = /* @__PURE__ */ z.lazy(() => z.strictObject({ id: Id }));

/** POST /staff/appointments: a phone or desk booking for a registered patient. */
export const StaffBookAppointmentBody = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    slotId: Id,
    nhsNumber: NhsNumber,
    description: z.optional(FreeText(0, 100)),
  }),
);
export type StaffBookAppointmentBody = z.infer<typeof StaffBookAppointmentBody>;
