import * as z from './schemas/zod.ts';
import type { ErrorCode } from './domain/errors.ts';
import type { OnlineService } from './domain/services.ts';
import { Problem, listOf } from './schemas/common.ts';
import { DevTokenBody, DevTokenResponse } from './schemas/identity.ts';
import { Practice, UpdateSettingsBody, PracticeSettings } from './schemas/practice.ts';
import { NhsNumberParams, Patient, RegisterPatientBody, RemovePatientBody } from './schemas/patients.ts';
import {
  BoardSlot,
  PublishSlotsBody,
  PublishedSlot,
  Slot,
  SlotIdParams,
  SlotsQuery,
  StaffSlotsQuery,
} from './schemas/slots.ts';
import {
  Appointment,
  AppointmentIdParams,
  AppointmentsQuery,
  BookAppointmentBody,
  CancelAppointmentBody,
  RescheduleAppointmentBody,
  StaffBookAppointmentBody,
  StaffDayQuery,
} from './schemas/appointments.ts';
import {
  AddMedicationBody,
  ApprovePrescriptionBody,
  ChangeMedicationBody,
  Medication,
  MedicationParams,
  MedicationsQuery,
  OrderPrescriptionBody,
  PrescriptionIdParams,
  PrescriptionRequest,
  PrescriptionsQuery,
  RejectPrescriptionBody,
  StaffMedication,
} from './schemas/prescriptions.ts';
import {
  AuditEntry,
  AuditQuery,
  PatientRecordView,
  RecordAccess,
  RecordAccessQuery,
  RecordQuery,
  ReplaceRecordBody,
  StaffRecordView,
  StoredRecord,
} from './schemas/record.ts';
import { MonthlyReport, ReportMonthParams, ReportQuery } from './schemas/report.ts';
import {
  AdminPracticeParams,
  AdminPracticesQuery,
  AdminReportQuery,
  PutPracticeBody,
  RegisteredPractice,
  ReportSummary,
} from './schemas/admin.ts';
import {
  LocalOutbox,
  LocalOutboxQuery,
  NotificationPreferences,
  UpdateNotificationPreferencesBody,
} from './schemas/notifications.ts';
import {
  InvitationIdParams,
  InvitationSummary,
  InvitationsQuery,
  IssueInvitationBody,
  IssuedInvitation,
  LinkAccountBody,
  LinkedAccount,
  StaffPatient,
} from './schemas/linkage.ts';
import { Me, ProxiesQuery, ProxyGrant, ProxyParams, PutProxyBody } from './schemas/proxies.ts';

/**
 * THE route table. The CDK stack makes one Lambda function and one HTTP API route per entry; local
 * mode dispatches to the same handler files; GET /openapi.json is generated from it. Adding a
 * route here is the only way to add one.
 */
export type Access = 'public' | 'patient' | 'staff' | 'admin';

/** What the function may do to the table: the stack grants exactly this. */
export type TableAccess = 'none' | 'read' | 'read-write';

export interface RouteDefinition {
  /** Stable name: the Lambda construct id and the OpenAPI operationId. */
  operationId: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** HTTP API path syntax: `/appointments/{id}`. */
  path: string;
  access: Access;
  /** Handler module under functions/, exporting `handler`. */
  entry: string;
  table: TableAccess;
  summary: string;
  request?: {
    body?: z.ZodMiniType;
    /** The body may be left out (validated as `{}`); the handler declares the same. */
    bodyOptional?: boolean;
    query?: z.ZodMiniType;
    params?: z.ZodMiniType;
  };
  /** Success status and body schema (undefined for no body); errors are always Problem. */
  response: {
    status: number;
    description: string;
    /** The application/json body. */
    schema?: z.ZodMiniType;
    /** Other media types the route answers with a text body (e.g. text/csv), by a query option. */
    textContentTypes?: string[];
    /** Headers of this answer besides Cache-Control and Idempotent-Replayed, which the OpenAPI document derives. */
    headers?: ResponseHeaders;
    /** A second success status with the same body (201 created beside 200 updated). */
    also?: { status: number; description: string; headers?: ResponseHeaders };
  };
  /**
   * Problem codes this route answers beyond those the fields above imply: the OpenAPI document
   * derives 401/403 from `access`, 400/413/415 from `body`, 400 from `query` and `params`, 404 from
   * `params`, 400/409/422 from a write's Idempotency-Key, 503 from `table`; 431 and 500 apply to every route.
   */
  errors?: ErrorCode[];
  /** Served by local mode only (never deployed). */
  localOnly?: boolean;
  /**
   * A patient route's answer to the `Acting-For` header (proxy access): the service the proxy's
   * grant must cover, `any` (a live grant suffices), or `false`, the default: personal, 403 to a
   * proxy. The handler declares the same.
   */
  actingFor?: OnlineService | 'any' | false;
  tags: string[];
}

/** Header name → its description and whether every such answer carries it. */
export type ResponseHeaders = Record<string, { description: string; required?: boolean }>;

const LOCATION: ResponseHeaders = { Location: { description: 'Where the new resource is', required: true } };
const BOOKING_RULES: ErrorCode[] = [
  'slot-not-found',
  'slot-unavailable',
  'slot-in-past',
  'outside-booking-horizon',
  'too-many-appointments',
];

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
    response: { status: 200, description: 'OpenAPI document', schema: z.looseObject({}) },
    tags: ['public'],
  }),
  route({
    operationId: 'createDevToken',
    method: 'POST',
    path: '/dev/token',
    access: 'public',
    entry: 'api/public/dev-token.ts',
    // A patient sign-in's token carries what its link says now.
    table: 'read',
    summary: 'Local mode only: mint a signed token with the contract claims',
    request: { body: DevTokenBody },
    response: { status: 200, description: 'A bearer token', schema: DevTokenResponse },
    localOnly: true,
    tags: ['local'],
  }),
  route({
    operationId: 'getLocalOutbox',
    method: 'GET',
    path: '/dev/outbox',
    access: 'public',
    entry: 'api/notifications/local-outbox.ts',
    table: 'read',
    summary: 'Local mode only: the e-mails and text messages local mode sent, oldest first',
    request: { query: LocalOutboxQuery },
    response: { status: 200, description: 'The local outbox', schema: LocalOutbox },
    localOnly: true,
    tags: ['local'],
  }),

  // ── Patient ───────────────────────────────────────────────────────────────────────────────
  route({
    operationId: 'getMe',
    method: 'GET',
    path: '/me',
    access: 'patient',
    actingFor: 'any',
    entry: 'api/patients/me.ts',
    table: 'read',
    summary:
      'The signed-in patient, the online services enabled for them and whom they may act for (with Acting-For: the patient acted for, with the services the proxy may use)',
    response: { status: 200, description: 'The patient', schema: Me },
    errors: ['not-found'],
    tags: ['patient'],
  }),
  route({
    operationId: 'getPractice',
    method: 'GET',
    path: '/practice',
    access: 'patient',
    actingFor: 'any',
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
    actingFor: 'appointments',
    entry: 'api/slots/list.ts',
    table: 'read',
    summary: 'Free, future slots inside the booking horizon, sorted by start',
    request: { query: SlotsQuery },
    response: { status: 200, description: 'A page of free slots', schema: listOf(Slot) },
    errors: ['service-not-enabled'],
    tags: ['patient', 'appointments'],
  }),
  route({
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
    errors: ['service-not-enabled', ...BOOKING_RULES],
    tags: ['patient', 'appointments'],
  }),
  route({
    operationId: 'listAppointments',
    method: 'GET',
    path: '/appointments',
    access: 'patient',
    actingFor: 'appointments',
    entry: 'api/appointments/list.ts',
    table: 'read',
    summary: "The patient's own appointments, cancelled ones included",
    request: { query: AppointmentsQuery },
    response: { status: 200, description: 'A page of appointments', schema: listOf(Appointment) },
    errors: ['service-not-enabled'],
    tags: ['patient', 'appointments'],
  }),
  route({
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
  }),
  route({
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
  }),
  route({
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
    errors: ['service-not-enabled', 'already-cancelled', 'cancellation-too-late', ...BOOKING_RULES],
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
    response: {
      status: 200,
      description: 'Updated',
      schema: Patient,
      also: { status: 201, description: 'Registered', headers: LOCATION },
    },
    tags: ['staff'],
  }),
  route({
    operationId: 'getPatient',
    method: 'GET',
    path: '/staff/patients/{nhsNumber}',
    access: 'staff',
    entry: 'api/patients/get.ts',
    table: 'read',
    summary: 'A patient registered at the caller’s practice, and whether a sign-in is linked to them',
    request: { params: NhsNumberParams },
    response: { status: 200, description: 'The patient', schema: StaffPatient },
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
    response: { status: 201, description: 'The new slots', schema: z.object({ items: z.array(PublishedSlot) }) },
    errors: ['slot-overlap'],
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
    errors: ['slot-booked'],
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
    errors: ['already-cancelled', 'cancellation-too-late'],
    tags: ['staff'],
  }),

  // ── Repeat prescriptions (patient and staff; functions/api/{medications,prescriptions}) ─────
  route({
    operationId: 'listMedications',
    method: 'GET',
    path: '/medications',
    access: 'patient',
    actingFor: 'prescriptions',
    entry: 'api/medications/list.ts',
    table: 'read',
    summary: 'The patient’s repeat medications, each with whether it can be ordered now and why not',
    request: { query: MedicationsQuery },
    response: { status: 200, description: 'A page of repeat medications', schema: listOf(Medication) },
    errors: ['service-not-enabled'],
    tags: ['patient', 'prescriptions'],
  }),
  route({
    operationId: 'orderPrescription',
    method: 'POST',
    path: '/prescriptions',
    access: 'patient',
    actingFor: 'prescriptions',
    entry: 'api/prescriptions/order.ts',
    table: 'read-write',
    summary: 'Order 1..10 repeat medications, optionally to a nominated pharmacy',
    request: { body: OrderPrescriptionBody },
    response: { status: 201, description: 'The new request', schema: PrescriptionRequest, headers: LOCATION },
    errors: ['service-not-enabled', 'medication-not-found', 'medication-not-orderable'],
    tags: ['patient', 'prescriptions'],
  }),
  route({
    operationId: 'listPrescriptions',
    method: 'GET',
    path: '/prescriptions',
    access: 'patient',
    actingFor: 'prescriptions',
    entry: 'api/prescriptions/list.ts',
    table: 'read',
    summary: 'The patient’s own prescription requests, newest first',
    request: { query: PrescriptionsQuery },
    response: { status: 200, description: 'A page of prescription requests', schema: listOf(PrescriptionRequest) },
    errors: ['service-not-enabled'],
    tags: ['patient', 'prescriptions'],
  }),
  route({
    operationId: 'getPrescription',
    method: 'GET',
    path: '/prescriptions/{id}',
    access: 'patient',
    actingFor: 'prescriptions',
    entry: 'api/prescriptions/get.ts',
    table: 'read',
    summary: 'One of the patient’s own prescription requests',
    request: { params: PrescriptionIdParams },
    response: { status: 200, description: 'The prescription request', schema: PrescriptionRequest },
    errors: ['service-not-enabled'],
    tags: ['patient', 'prescriptions'],
  }),
  route({
    operationId: 'withdrawPrescription',
    method: 'POST',
    path: '/prescriptions/{id}/withdraw',
    access: 'patient',
    actingFor: 'prescriptions',
    entry: 'api/prescriptions/withdraw.ts',
    table: 'read-write',
    summary: 'Withdraw a request while it is still requested; its items can be ordered again',
    request: { params: PrescriptionIdParams },
    response: { status: 200, description: 'The withdrawn request', schema: PrescriptionRequest },
    errors: ['service-not-enabled', 'invalid-transition'],
    tags: ['patient', 'prescriptions'],
  }),
  route({
    operationId: 'addMedication',
    method: 'POST',
    path: '/staff/patients/{nhsNumber}/medications',
    access: 'staff',
    entry: 'api/medications/add.ts',
    table: 'read-write',
    summary: 'Add a repeat medication to a registered patient’s list',
    request: { params: NhsNumberParams, body: AddMedicationBody },
    response: { status: 201, description: 'The new repeat medication', schema: Medication },
    tags: ['staff', 'prescriptions'],
  }),
  route({
    operationId: 'listPracticePrescriptions',
    method: 'GET',
    path: '/staff/prescriptions',
    access: 'staff',
    entry: 'api/prescriptions/staff-list.ts',
    table: 'read',
    summary: 'The practice’s requests: one status’s queue oldest first, or all newest first',
    request: { query: PrescriptionsQuery },
    response: { status: 200, description: 'A page of prescription requests', schema: listOf(PrescriptionRequest) },
    tags: ['staff', 'prescriptions'],
  }),
  route({
    operationId: 'approvePrescription',
    method: 'POST',
    path: '/staff/prescriptions/{id}/approve',
    access: 'staff',
    entry: 'api/prescriptions/approve.ts',
    table: 'read-write',
    summary:
      'Approve a requested prescription, optionally rejecting some items each with a reason (else 409 invalid-transition)',
    request: { params: PrescriptionIdParams, body: ApprovePrescriptionBody, bodyOptional: true },
    response: { status: 200, description: 'The approved request', schema: PrescriptionRequest },
    errors: ['invalid-transition'],
    tags: ['staff', 'prescriptions'],
  }),
  route({
    operationId: 'rejectPrescription',
    method: 'POST',
    path: '/staff/prescriptions/{id}/reject',
    access: 'staff',
    entry: 'api/prescriptions/reject.ts',
    table: 'read-write',
    summary: 'Reject a requested prescription with a reason the patient sees (else 409 invalid-transition)',
    request: { params: PrescriptionIdParams, body: RejectPrescriptionBody },
    response: { status: 200, description: 'The rejected request', schema: PrescriptionRequest },
    errors: ['invalid-transition'],
    tags: ['staff', 'prescriptions'],
  }),
  route({
    operationId: 'issuePrescription',
    method: 'POST',
    path: '/staff/prescriptions/{id}/issue',
    access: 'staff',
    entry: 'api/prescriptions/issue.ts',
    table: 'read-write',
    summary: 'Issue an approved prescription (else 409 invalid-transition)',
    request: { params: PrescriptionIdParams },
    response: { status: 200, description: 'The issued request', schema: PrescriptionRequest },
    errors: ['invalid-transition'],
    tags: ['staff', 'prescriptions'],
  }),

  // ── Record access and its audit trail (functions/api/{record,audit}) ──────────────────────
  route({
    operationId: 'getRecord',
    method: 'GET',
    path: '/record',
    access: 'patient',
    actingFor: 'record',
    entry: 'api/record/get.ts',
    // A view writes its audit entry and the practice-month counter.
    table: 'read-write',
    summary:
      'The patient’s own GP record at the enabled level (summary or detailed); every view is audited and counted',
    request: { query: RecordQuery },
    response: { status: 200, description: 'The record', schema: PatientRecordView },
    errors: ['service-not-enabled'],
    tags: ['patient', 'record'],
  }),
  route({
    operationId: 'replaceRecord',
    method: 'PUT',
    path: '/staff/patients/{nhsNumber}/record',
    access: 'staff',
    entry: 'api/record/replace.ts',
    table: 'read-write',
    summary: 'Load a patient’s coded record (allergies, problems, immunisations, test results), replacing it whole',
    request: { params: NhsNumberParams, body: ReplaceRecordBody },
    response: { status: 200, description: 'The record as stored', schema: StoredRecord },
    tags: ['staff', 'record'],
  }),
  route({
    operationId: 'listAudit',
    method: 'GET',
    path: '/staff/audit',
    access: 'staff',
    entry: 'api/audit/list.ts',
    table: 'read',
    summary:
      'Record-access events of the caller’s practice, newest first, optionally for one patient and a time window',
    request: { query: AuditQuery },
    response: { status: 200, description: 'A page of audit entries', schema: listOf(AuditEntry) },
    tags: ['staff', 'record'],
  }),

  // ── Practice operations: the console's reads, phone bookings, medication reviews ──────────────
  route({
    operationId: 'getStaffPractice',
    method: 'GET',
    path: '/staff/practice',
    access: 'staff',
    entry: 'api/practice/staff-get.ts',
    table: 'read',
    summary: 'The caller’s practice (name, ODS code, time zone) and its current settings',
    response: { status: 200, description: 'The practice', schema: Practice },
    tags: ['staff'],
  }),
  route({
    operationId: 'listSlotBoard',
    method: 'GET',
    path: '/staff/slots',
    access: 'staff',
    entry: 'api/slots/board.ts',
    table: 'read',
    summary: 'Every slot starting in a window of at most 14 days: free, booked (with its appointment) or withdrawn',
    request: { query: StaffSlotsQuery },
    response: { status: 200, description: 'A page of slots, by start', schema: listOf(BoardSlot) },
    tags: ['staff'],
  }),
  route({
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
  }),
  route({
    operationId: 'listPatientAppointments',
    method: 'GET',
    path: '/staff/patients/{nhsNumber}/appointments',
    access: 'staff',
    entry: 'api/appointments/staff-patient-list.ts',
    // The read writes its audit entry.
    table: 'read-write',
    summary: 'A patient’s appointments, cancelled ones included (audited)',
    request: { params: NhsNumberParams, query: AppointmentsQuery },
    response: { status: 200, description: 'A page of appointments', schema: listOf(Appointment) },
    tags: ['staff', 'appointments'],
  }),
  route({
    operationId: 'listPatientPrescriptions',
    method: 'GET',
    path: '/staff/patients/{nhsNumber}/prescriptions',
    access: 'staff',
    entry: 'api/prescriptions/staff-patient-list.ts',
    table: 'read-write',
    summary: 'A patient’s prescription requests, newest first (audited)',
    request: { params: NhsNumberParams, query: PrescriptionsQuery },
    response: { status: 200, description: 'A page of prescription requests', schema: listOf(PrescriptionRequest) },
    tags: ['staff', 'prescriptions'],
  }),
  route({
    operationId: 'listPatientMedications',
    method: 'GET',
    path: '/staff/patients/{nhsNumber}/medications',
    access: 'staff',
    entry: 'api/medications/staff-list.ts',
    table: 'read-write',
    summary: 'A patient’s repeat list as the patient sees it, discontinued items included with their status (audited)',
    request: { params: NhsNumberParams, query: MedicationsQuery },
    response: { status: 200, description: 'A page of repeat medications', schema: listOf(StaffMedication) },
    tags: ['staff', 'prescriptions'],
  }),
  route({
    operationId: 'changeMedication',
    method: 'PATCH',
    path: '/staff/patients/{nhsNumber}/medications/{medicationId}',
    access: 'staff',
    entry: 'api/medications/change.ts',
    table: 'read-write',
    summary:
      'Review a repeat medication: dosage, quantity, review date, interval (a new review date makes an overdue item orderable)',
    request: { params: MedicationParams, body: ChangeMedicationBody },
    response: { status: 200, description: 'The medication', schema: StaffMedication },
    tags: ['staff', 'prescriptions'],
  }),
  route({
    operationId: 'discontinueMedication',
    method: 'DELETE',
    path: '/staff/patients/{nhsNumber}/medications/{medicationId}',
    access: 'staff',
    entry: 'api/medications/discontinue.ts',
    table: 'read-write',
    summary: 'Discontinue a repeat medication: no longer listed to the patient or orderable; requests keep their items',
    request: { params: MedicationParams },
    response: { status: 204, description: 'Discontinued' },
    tags: ['staff', 'prescriptions'],
  }),
  route({
    operationId: 'getPatientRecord',
    method: 'GET',
    path: '/staff/patients/{nhsNumber}/record',
    access: 'staff',
    entry: 'api/record/staff-get.ts',
    table: 'read-write',
    summary: 'The stored coded record (audited as a staff view, which the patient sees)',
    request: { params: NhsNumberParams },
    response: { status: 200, description: 'The record', schema: StaffRecordView },
    tags: ['staff', 'record'],
  }),
  route({
    operationId: 'removePatient',
    method: 'DELETE',
    path: '/staff/patients/{nhsNumber}',
    access: 'staff',
    entry: 'api/patients/remove.ts',
    table: 'read-write',
    summary:
      'The patient leaves online services: services off, future appointments cancelled by the practice (slots freed), requests still requested rejected; history kept. Resumable: retry after any failure',
    request: { params: NhsNumberParams, body: RemovePatientBody },
    response: { status: 204, description: 'Left (also when the patient had already left)' },
    tags: ['staff'],
  }),
  route({
    operationId: 'listRecordAccess',
    method: 'GET',
    path: '/me/record-access',
    access: 'patient',
    actingFor: 'record',
    entry: 'api/record/access.ts',
    table: 'read',
    summary: 'Who viewed the patient’s record and when, newest first (practice staff by role and practice only)',
    request: { query: RecordAccessQuery },
    response: { status: 200, description: 'A page of record views', schema: listOf(RecordAccess) },
    tags: ['patient', 'record'],
  }),
  route({
    operationId: 'getNotificationPreferences',
    method: 'GET',
    path: '/me/notifications',
    access: 'patient',
    entry: 'api/notifications/get.ts',
    table: 'read',
    summary: 'The patient’s own notification preferences: e-mail, UK mobile, reminders and status updates on or off',
    response: { status: 200, description: 'The preferences', schema: NotificationPreferences },
    tags: ['patient', 'notifications'],
  }),
  route({
    operationId: 'updateNotificationPreferences',
    method: 'PUT',
    path: '/me/notifications',
    access: 'patient',
    entry: 'api/notifications/update.ts',
    table: 'read-write',
    summary: 'Change any of the patient’s own notification preferences (null removes an address)',
    request: { body: UpdateNotificationPreferencesBody },
    response: { status: 200, description: 'The preferences', schema: NotificationPreferences },
    tags: ['patient', 'notifications'],
  }),

  // ── Monthly reports (functions/api/reports; the scheduled rollup is functions/scheduled) ───
  route({
    operationId: 'generateMonthlyReport',
    method: 'POST',
    path: '/staff/reports/monthly/{month}',
    access: 'staff',
    entry: 'api/reports/generate.ts',
    table: 'read-write',
    summary:
      'Generate the caller’s practice’s report for a month now (a month in progress is reported to date) and store it',
    request: { params: ReportMonthParams },
    response: { status: 200, description: 'The report', schema: MonthlyReport },
    tags: ['staff', 'reports'],
  }),
  route({
    operationId: 'getMonthlyReport',
    method: 'GET',
    path: '/staff/reports/monthly/{month}',
    access: 'staff',
    entry: 'api/reports/get.ts',
    table: 'read',
    summary:
      'The stored report: format=json (default), csv (NHS Digital POMI long format, text/csv) or html (one self-contained page with charts); 404 if never generated',
    request: { params: ReportMonthParams, query: ReportQuery },
    response: {
      status: 200,
      description: 'The report (format=json); format=csv answers text/csv and format=html text/html',
      schema: MonthlyReport,
      textContentTypes: ['text/csv', 'text/html'],
      headers: {
        'Content-Disposition': { description: 'format=csv: an attachment with the file name' },
        'Content-Security-Policy': { description: 'format=html: the page may load and run nothing' },
        'X-Content-Type-Options': { description: 'format=html: nosniff' },
      },
    },
    tags: ['staff', 'reports'],
  }),

  // ── Getting patients online: registration letters and linked sign-ins (functions/api/linkage) ──
  route({
    operationId: 'issueInvitation',
    method: 'POST',
    path: '/staff/patients/{nhsNumber}/invitations',
    access: 'staff',
    entry: 'api/linkage/issue.ts',
    table: 'read-write',
    summary:
      'Issue a registration letter’s details (account ID, linkage key), valid 30 days, single use; revokes the patient’s older unused invitation',
    request: { params: NhsNumberParams, body: IssueInvitationBody },
    response: {
      status: 201,
      description: 'The letter’s details; the linkage key is shown only here',
      schema: IssuedInvitation,
    },
    errors: ['already-linked'],
    tags: ['staff', 'onboarding'],
  }),
  route({
    operationId: 'listInvitations',
    method: 'GET',
    path: '/staff/patients/{nhsNumber}/invitations',
    access: 'staff',
    entry: 'api/linkage/list.ts',
    table: 'read',
    summary: 'A patient’s invitations, newest first, with their status (never the key)',
    request: { params: NhsNumberParams, query: InvitationsQuery },
    response: { status: 200, description: 'A page of invitations', schema: listOf(InvitationSummary) },
    tags: ['staff', 'onboarding'],
  }),
  route({
    operationId: 'revokeInvitation',
    method: 'DELETE',
    path: '/staff/invitations/{invitationId}',
    access: 'staff',
    entry: 'api/linkage/revoke.ts',
    table: 'read-write',
    summary: 'Revoke an unused invitation (a used or revoked one stays as it is)',
    request: { params: InvitationIdParams },
    response: { status: 204, description: 'Revoked' },
    tags: ['staff', 'onboarding'],
  }),
  route({
    operationId: 'unlinkAccount',
    method: 'DELETE',
    path: '/staff/patients/{nhsNumber}/account',
    access: 'staff',
    entry: 'api/linkage/unlink.ts',
    table: 'read-write',
    summary: 'Unlink the patient’s sign-in: from its next request its tokens reach nothing',
    request: { params: NhsNumberParams },
    response: { status: 204, description: 'Unlinked (or nothing was linked)' },
    tags: ['staff', 'onboarding'],
  }),
  route({
    operationId: 'linkAccount',
    method: 'POST',
    path: '/me/link',
    access: 'patient',
    actingFor: false,
    entry: 'api/linkage/link.ts',
    table: 'read-write',
    summary:
      'Link the caller’s own sign-in (not yet linked) to a patient with the registration letter’s details and the date of birth',
    request: { body: LinkAccountBody },
    response: {
      status: 200,
      description: 'Linked: the next token of this sign-in carries practice and nhs_number',
      schema: LinkedAccount,
    },
    errors: ['already-linked', 'linkage-failed', 'linkage-locked', 'too-many-requests'],
    tags: ['patient', 'onboarding'],
  }),

  // ── Proxy access: a carer or parent acting for another patient (functions/api/proxies) ───────
  route({
    operationId: 'putProxy',
    method: 'PUT',
    path: '/staff/patients/{nhsNumber}/proxies/{proxyNhsNumber}',
    access: 'staff',
    entry: 'api/proxies/put.ts',
    table: 'read-write',
    summary:
      'Grant or change proxy access: another registered patient of the practice may act for this one, within services enabled for them, optionally until a date',
    request: { params: ProxyParams, body: PutProxyBody },
    response: {
      status: 200,
      description: 'Changed',
      schema: ProxyGrant,
      also: { status: 201, description: 'Granted' },
    },
    tags: ['staff', 'proxy'],
  }),
  route({
    operationId: 'listProxies',
    method: 'GET',
    path: '/staff/patients/{nhsNumber}/proxies',
    access: 'staff',
    entry: 'api/proxies/list.ts',
    table: 'read',
    summary: 'Who may act for the patient (grants past their end date included, with live: false)',
    request: { params: NhsNumberParams, query: ProxiesQuery },
    response: { status: 200, description: 'A page of grants', schema: listOf(ProxyGrant) },
    tags: ['staff', 'proxy'],
  }),
  route({
    operationId: 'revokeProxy',
    method: 'DELETE',
    path: '/staff/patients/{nhsNumber}/proxies/{proxyNhsNumber}',
    access: 'staff',
    entry: 'api/proxies/revoke.ts',
    table: 'read-write',
    summary: 'Revoke proxy access: the grant leaves the list and the proxy’s next request is refused',
    request: { params: ProxyParams },
    response: { status: 204, description: 'Revoked (or there was no grant)' },
    tags: ['staff', 'proxy'],
  }),
  // ── The stack's operator: the practice registry and reports across practices (functions/api/admin) ──
  route({
    operationId: 'putPractice',
    method: 'PUT',
    path: '/admin/practices/{ods}',
    access: 'admin',
    entry: 'api/admin/put-practice.ts',
    table: 'read-write',
    summary: 'Add a practice to the registry (201) or change its details (200); effective on the next request',
    request: { params: AdminPracticeParams, body: PutPracticeBody },
    response: {
      status: 200,
      description: 'The practice, changed',
      schema: RegisteredPractice,
      also: { status: 201, description: 'The practice, added' },
    },
    tags: ['admin'],
  }),
  route({
    operationId: 'listPractices',
    method: 'GET',
    path: '/admin/practices',
    access: 'admin',
    entry: 'api/admin/list-practices.ts',
    table: 'read',
    summary: 'The practices the stack serves, by ODS code',
    request: { query: AdminPracticesQuery },
    response: { status: 200, description: 'A page of practices', schema: listOf(RegisteredPractice) },
    tags: ['admin'],
  }),
  route({
    operationId: 'getRegisteredPractice',
    method: 'GET',
    path: '/admin/practices/{ods}',
    access: 'admin',
    entry: 'api/admin/get-practice.ts',
    table: 'read',
    summary: 'A practice as the registry has it; 404 if the stack does not serve it',
    request: { params: AdminPracticeParams },
    response: { status: 200, description: 'The practice', schema: RegisteredPractice },
    tags: ['admin'],
  }),
  route({
    operationId: 'getSummaryReport',
    method: 'GET',
    path: '/admin/reports/monthly/{month}',
    access: 'admin',
    entry: 'api/admin/get-report.ts',
    table: 'read',
    summary:
      'The all-practices summary of a month: format=json (figures summed over practices) or csv (the POMI rows of every practice); 404 until the rollup has done every practice',
    request: { params: ReportMonthParams, query: AdminReportQuery },
    response: {
      status: 200,
      description: 'The summary (format=json); format=csv answers text/csv',
      schema: ReportSummary,
      textContentTypes: ['text/csv'],
      headers: { 'Content-Disposition': { description: 'format=csv: an attachment with the file name' } },
    },
    tags: ['admin'],
  }),
];

/**
 * What answers any method and path not in ROUTES: the stack's `$default` route (no authorizer);
 * local mode answers the same 404, or 405 with `Allow` for a known path, itself.
 */
export const NOT_FOUND_ROUTE = {
  operationId: 'notFound',
  entry: 'api/public/not-found.ts',
  table: 'none',
  summary: 'Any unknown route: 404, or 405 with Allow for a known path (problem+json)',
} as const satisfies Pick<RouteDefinition, 'operationId' | 'entry' | 'table' | 'summary'>;

/** A list route: its query takes `nextToken` (its handler is a listRoute, its function reads the page-token key). */
export function isPaginated(route: Pick<RouteDefinition, 'request'>): boolean {
  const query = route.request?.query;
  return query instanceof z.ZodMiniObject && 'nextToken' in query.shape;
}

export { Problem };
