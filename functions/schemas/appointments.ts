import { z } from 'zod';
import { Id, ListQuery, LocalDate } from './common.ts';
import { Channel } from './slots.ts';

export const Appointment = z
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
    description: z.string().optional(),
    status: z.enum(['booked', 'cancelled']),
    bookedAt: z.string(),
    bookedBy: z.enum(['patient', 'practice']),
    cancelledAt: z.string().optional(),
    cancelReason: z.string().optional(),
    cancelledBy: z.enum(['patient', 'practice']).optional(),
  })
  .meta({ id: 'Appointment' });
export type Appointment = z.infer<typeof Appointment>;

export const BookAppointmentBody = z.strictObject({
  slotId: Id,
  description: z.string().max(100).optional(),
});
export type BookAppointmentBody = z.infer<typeof BookAppointmentBody>;

export const CancelAppointmentBody = z.strictObject({ reason: z.string().trim().min(1).max(500) });

export const RescheduleAppointmentBody = z.strictObject({ slotId: Id });

export const AppointmentsQuery = ListQuery.extend({
  when: z.enum(['upcoming', 'past', 'all']).default('upcoming'),
}).strict();
export type AppointmentsQuery = z.infer<typeof AppointmentsQuery>;

export const StaffDayQuery = ListQuery.extend({ date: LocalDate }).strict();

export const AppointmentIdParams = z.strictObject({ id: Id });
