import { z } from 'zod';
import { Problem, listOf } from './schemas/common.ts';
import { DevTokenBody, DevTokenResponse } from './schemas/identity.ts';
import { Practice, UpdateSettingsBody, PracticeSettings } from './schemas/practice.ts';
import { NhsNumberParams, Patient, RegisterPatientBody } from './schemas/patients.ts';
import { PublishSlotsBody, Slot, SlotIdParams, SlotsQuery } from './schemas/slots.ts';
import {
  Appointment,
  AppointmentIdParams,
  AppointmentsQuery,
  BookAppointmentBody,
  CancelAppointmentBody,
  RescheduleAppointmentBody,
  StaffDayQuery,
} from './schemas/appointments.ts';

/**
 * THE route table. The CDK stack makes one Lambda function and one HTTP API route per entry; local
 * mode dispatches to the same handler files; GET /openapi.json is generated from it. Adding a
 * route here is the only way to add one.
 */
export type Access = 'public' | 'patient' | 'staff';

/** What the function may do to the table: the stack grants exactly this. */
export type TableAccess = 'none' | 'read' | 'read-write';

export interface RouteDefinition {
  /** Stable name: the Lambda construct id and the OpenAPI operationId. */
  operationId: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** HTTP API path syntax: `/appointments/{id}`. */
  path: string;
  access: Access;
  /** Handler module under functions/, exporting `handler`. */
  entry: string;
  table: TableAccess;
  summary: string;
  request?: {
    body?: z.ZodType;
    query?: z.ZodType;
    params?: z.ZodType;
    /** Honours the Idempotency-Key header (CONTRACT.md §1). */
    idempotent?: boolean;
  };
  /** Success status and body schema (undefined for no body); errors are always Problem. */
  response: { status: number; description: string; schema?: z.ZodType; contentTypes?: string[] };
  /** Served by local mode only (never deployed). */
  localOnly?: boolean;
  tags: string[];
}

const route = (r: RouteDefinition) => r;

export const ROUTES: readonly RouteDefinition[] = [
  // ── Public ────────────────────────────────────────────────────────────────────────────────
  route({
    operationId: 'getHealth',
    method: 'GET',
    path: '/health',
    access: 'public',
    entry: 'api/public/health.ts',
    table: 'none',
    summary: 'Liveness: ok once the API is ready',
    response: { status: 200, description: 'Ready', schema: z.object({ status: z.literal('ok') }) },
    tags: ['public'],
  }),
  route({
    operationId: 'getOpenApi',
    method: 'GET',
    path: '/openapi.json',
    access: 'public',
    entry: 'api/public/openapi.ts',
    table: 'none',
    summary: 'This OpenAPI 3.1 document',
    response: { status: 200, description: 'OpenAPI document', schema: z.object({}).passthrough() },
    tags: ['public'],
  }),
  route({
    operationId: 'createDevToken',
    method: 'POST',
    path: '/dev/token',
    access: 'public',
    entry: 'api/public/dev-token.ts',
    table: 'none',
    summary: 'Local mode only: mint a signed token with the contract claims',
    request: { body: DevTokenBody },
    response: { status: 200, description: 'A bearer token', schema: DevTokenResponse },
    localOnly: true,
    tags: ['local'],
  }),

  // ── Patient ───────────────────────────────────────────────────────────────────────────────
  route({
    operationId: 'getMe',
    method: 'GET',
    path: '/me',
    access: 'patient',
    entry: 'api/patients/me.ts',
    table: 'read',
    summary: 'The signed-in patient and the online services enabled for them',
    response: { status: 200, description: 'The patient', schema: Patient },
    tags: ['patient'],
  }),
  route({
    operationId: 'getPractice',
    method: 'GET',
    path: '/practice',
    access: 'patient',
    entry: 'api/practice/get.ts',
    table: 'read',
    summary: "The patient's practice and its current settings",
    response: { status: 200, description: 'The practice', schema: Practice },
    tags: ['patient'],
  }),
  route({
    operationId: 'listSlots',
    method: 'GET',
    path: '/slots',
    access: 'patient',
    entry: 'api/slots/list.ts',
    table: 'read',
    summary: 'Free, future slots inside the booking horizon, sorted by start',
    request: { query: SlotsQuery },
    response: { status: 200, description: 'A page of free slots', schema: listOf(Slot) },
    tags: ['patient', 'appointments'],
  }),
  route({
    operationId: 'bookAppointment',
    method: 'POST',
    path: '/appointments',
    access: 'patient',
    entry: 'api/appointments/book.ts',
    table: 'read-write',
    summary: 'Book a free slot',
    request: { body: BookAppointmentBody, idempotent: true },
    response: { status: 201, description: 'The new appointment (Location header)', schema: Appointment },
    tags: ['patient', 'appointments'],
  }),
  route({
    operationId: 'listAppointments',
    method: 'GET',
    path: '/appointments',
    access: 'patient',
    entry: 'api/appointments/list.ts',
    table: 'read',
    summary: "The patient's own appointments, cancelled ones included",
    request: { query: AppointmentsQuery },
    response: { status: 200, description: 'A page of appointments', schema: listOf(Appointment) },
    tags: ['patient', 'appointments'],
  }),
  route({
    operationId: 'getAppointment',
    method: 'GET',
    path: '/appointments/{id}',
    access: 'patient',
    entry: 'api/appointments/get.ts',
    table: 'read',
    summary: 'One of the patient’s own appointments',
    request: { params: AppointmentIdParams },
    response: { status: 200, description: 'The appointment', schema: Appointment },
    tags: ['patient', 'appointments'],
  }),
  route({
    operationId: 'cancelAppointment',
    method: 'POST',
    path: '/appointments/{id}/cancel',
    access: 'patient',
    entry: 'api/appointments/cancel.ts',
    table: 'read-write',
    summary: 'Cancel an appointment; its slot is free again',
    request: { params: AppointmentIdParams, body: CancelAppointmentBody, idempotent: true },
    response: { status: 200, description: 'The cancelled appointment', schema: Appointment },
    tags: ['patient', 'appointments'],
  }),
  route({
    operationId: 'rescheduleAppointment',
    method: 'POST',
    path: '/appointments/{id}/reschedule',
    access: 'patient',
    entry: 'api/appointments/reschedule.ts',
    table: 'read-write',
    summary: 'Move an appointment to another slot in one atomic write',
    request: { params: AppointmentIdParams, body: RescheduleAppointmentBody, idempotent: true },
    response: { status: 200, description: 'The new appointment', schema: Appointment },
    tags: ['patient', 'appointments'],
  }),

  // ── Staff ─────────────────────────────────────────────────────────────────────────────────
  route({
    operationId: 'updatePracticeSettings',
    method: 'PUT',
    path: '/staff/practice/settings',
    access: 'staff',
    entry: 'api/practice/update-settings.ts',
    table: 'read-write',
    summary: 'Change any subset of the practice settings',
    request: { body: UpdateSettingsBody },
    response: { status: 200, description: 'The full settings', schema: PracticeSettings },
    tags: ['staff'],
  }),
  route({
    operationId: 'registerPatient',
    method: 'PUT',
    path: '/staff/patients/{nhsNumber}',
    access: 'staff',
    entry: 'api/patients/register.ts',
    table: 'read-write',
    summary: 'Register a patient for online services or change what is enabled',
    request: { params: NhsNumberParams, body: RegisterPatientBody },
    response: { status: 200, description: '200 updated, 201 registered', schema: Patient },
    tags: ['staff'],
  }),
  route({
    operationId: 'getPatient',
    method: 'GET',
    path: '/staff/patients/{nhsNumber}',
    access: 'staff',
    entry: 'api/patients/get.ts',
    table: 'read',
    summary: 'A patient registered at the caller’s practice',
    request: { params: NhsNumberParams },
    response: { status: 200, description: 'The patient', schema: Patient },
    tags: ['staff'],
  }),
  route({
    operationId: 'publishSlots',
    method: 'POST',
    path: '/staff/slots',
    access: 'staff',
    entry: 'api/slots/publish.ts',
    table: 'read-write',
    summary: 'Publish 1..500 slots, all or nothing',
    request: { body: PublishSlotsBody },
    response: { status: 201, description: 'The new slots', schema: z.object({ items: z.array(Slot) }) },
    tags: ['staff'],
  }),
  route({
    operationId: 'withdrawSlot',
    method: 'DELETE',
    path: '/staff/slots/{slotId}',
    access: 'staff',
    entry: 'api/slots/withdraw.ts',
    table: 'read-write',
    summary: 'Withdraw a free slot (409 slot-booked when booked)',
    request: { params: SlotIdParams },
    response: { status: 204, description: 'Withdrawn' },
    tags: ['staff'],
  }),
  route({
    operationId: 'listDayAppointments',
    method: 'GET',
    path: '/staff/appointments',
    access: 'staff',
    entry: 'api/appointments/staff-day.ts',
    table: 'read',
    summary: "The practice's appointments on a local calendar date",
    request: { query: StaffDayQuery },
    response: { status: 200, description: 'A page of appointments', schema: listOf(Appointment) },
    tags: ['staff'],
  }),
  route({
    operationId: 'staffCancelAppointment',
    method: 'POST',
    path: '/staff/appointments/{id}/cancel',
    access: 'staff',
    entry: 'api/appointments/staff-cancel.ts',
    table: 'read-write',
    summary: 'Cancel on the patient’s behalf (recorded as cancelled by the practice)',
    request: { params: AppointmentIdParams, body: CancelAppointmentBody },
    response: { status: 200, description: 'The cancelled appointment', schema: Appointment },
    tags: ['staff'],
  }),
];

export { Problem };
