import type { ErrorCode } from '../schemas/error-codes.ts';
import { defineRoute, LOCATION } from './route-spec.ts';
import {
  Appointment,
  AppointmentIdParams,
  AppointmentsQuery,
  BookAppointmentBody,
  CancelAppointmentBody,
  RescheduleAppointmentBody,
  StaffBookAppointmentBody,
  StaffDayQuery,
} from '../schemas/appointments.ts';
import { listOf } from '../schemas/common.ts';
import { NhsNumberParams } from '../schemas/patients.ts';

/*
 * Appointments: a patient books, lists, cancels and moves their own; staff book for a patient,
 * cancel for them and list a day's or a patient's. Handlers: functions/api/appointments/.
 */

const BOOKING_RULES: readonly ErrorCode[] = [
  'slot-not-found',
  'slot-unavailable',
  'slot-in-past',
  'outside-booking-horizon',
  'too-many-appointments',
];

export const bookAppointment = /* @__PURE__ */ defineRoute({
  operationId: 'bookAppointment',
  method: 'POST',
  path: '/appointments',
  access: 'patient',
  actingFor: 'appointments',
  entry: 'api/appointments/book.ts',
  table: 'read-write',
  summary: 'Book a free slot',
  request: { body: BookAppointmentBody },
  response: { status: 201, description: 'The new appointment', schema: Appointment, headers: LOCATION },
  errors: ['service-not-enabled', BOOKING_RULES],
  tags: ['patient', 'appointments'],
});

export const listAppointments = /* @__PURE__ */ defineRoute({
  operationId: 'listAppointments',
  method: 'GET',
  path: '/appointments',
  access: 'patient',
  actingFor: 'appointments',
  entry: 'api/appointments/list.ts',
  table: 'read',
  summary: "The patient's own appointments, cancelled ones included",
  request: { query: AppointmentsQuery },
  response: { status: 200, description: 'A page of appointments', schema: /* @__PURE__ */ listOf(Appointment) },
  errors: ['service-not-enabled'],
  tags: ['patient', 'appointments'],
});

export const getAppointment = /* @__PURE__ */ defineRoute({
  operationId: 'getAppointment',
  method: 'GET',
  path: '/appointments/{id}',
  access: 'patient',
  actingFor: 'appointments',
  entry: 'api/appointments/get.ts',
  table: 'read',
  summary: 'One of the patient’s own appointments',
  request: { params: AppointmentIdParams },
  response: { status: 200, description: 'The appointment', schema: Appointment },
  errors: ['service-not-enabled'],
  tags: ['patient', 'appointments'],
});

export const cancelAppointment = /* @__PURE__ */ defineRoute({
  operationId: 'cancelAppointment',
  method: 'POST',
  path: '/appointments/{id}/cancel',
  access: 'patient',
  actingFor: 'appointments',
  entry: 'api/appointments/cancel.ts',
  table: 'read-write',
  summary: 'Cancel an appointment; its slot is free again',
  request: { params: AppointmentIdParams, body: CancelAppointmentBody },
  response: { status: 200, description: 'The cancelled appointment', schema: Appointment },
  errors: ['service-not-enabled', 'already-cancelled', 'cancellation-too-late'],
  tags: ['patient', 'appointments'],
});

export const rescheduleAppointment = /* @__PURE__ */ defineRoute({
  operationId: 'rescheduleAppointment',
  method: 'POST',
  path: '/appointments/{id}/reschedule',
  access: 'patient',
  actingFor: 'appointments',
  entry: 'api/appointments/reschedule.ts',
  table: 'read-write',
  summary: 'Move an appointment to another slot in one atomic write',
  request: { params: AppointmentIdParams, body: RescheduleAppointmentBody },
  response: { status: 200, description: 'The new appointment', schema: Appointment, headers: LOCATION },
  errors: ['service-not-enabled', 'already-cancelled', 'cancellation-too-late', BOOKING_RULES],
  tags: ['patient', 'appointments'],
});

export const listDayAppointments = /* @__PURE__ */ defineRoute({
  operationId: 'listDayAppointments',
  method: 'GET',
  path: '/staff/appointments',
  access: 'staff',
  entry: 'api/appointments/staff-day.ts',
  table: 'read',
  summary: "The practice's appointments on a local calendar date",
  request: { query: StaffDayQuery },
  response: { status: 200, description: 'A page of appointments', schema: /* @__PURE__ */ listOf(Appointment) },
  tags: ['staff'],
});

export const staffCancelAppointment = /* @__PURE__ */ defineRoute({
  operationId: 'staffCancelAppointment',
  method: 'POST',
  path: '/staff/appointments/{id}/cancel',
  access: 'staff',
  entry: 'api/appointments/staff-cancel.ts',
  table: 'read-write',
  summary: 'Cancel on the patient’s behalf (recorded as cancelled by the practice)',
  request: { params: AppointmentIdParams, body: CancelAppointmentBody },
  response: { status: 200, description: 'The cancelled appointment', schema: Appointment },
  errors: ['already-cancelled', 'cancellation-too-late'],
  tags: ['staff'],
});

export const staffBookAppointment = /* @__PURE__ */ defineRoute({
  operationId: 'staffBookAppointment',
  method: 'POST',
  path: '/staff/appointments',
  access: 'staff',
  entry: 'api/appointments/staff-book.ts',
  table: 'read-write',
  summary:
    'Book any free slot for a registered patient (phone or desk): not bookable online or beyond the horizon too; online limits do not apply',
  request: { body: StaffBookAppointmentBody },
  response: {
    status: 201,
    description: 'The new appointment (bookedBy practice)',
    schema: Appointment,
    headers: LOCATION,
  },
  errors: ['not-found', 'slot-not-found', 'slot-unavailable', 'slot-in-past'],
  tags: ['staff', 'appointments'],
});

export const listPatientAppointments = /* @__PURE__ */ defineRoute({
  operationId: 'listPatientAppointments',
  method: 'GET',
  path: '/staff/patients/{nhsNumber}/appointments',
  access: 'staff',
  entry: 'api/appointments/staff-patient-list.ts',
  // The read writes its audit entry.
  table: 'read-write',
  summary: 'A patient’s appointments, cancelled ones included (audited)',
  request: { params: NhsNumberParams, query: AppointmentsQuery },
  response: { status: 200, description: 'A page of appointments', schema: /* @__PURE__ */ listOf(Appointment) },
  tags: ['staff', 'appointments'],
});
