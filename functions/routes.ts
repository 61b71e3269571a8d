import * as z from './schemas/zod.ts';
import type { RouteDefinition } from './routes/route-spec.ts';
import * as admin from './routes/admin.ts';
import * as appointments from './routes/appointments.ts';
import * as audit from './routes/audit.ts';
import * as linkage from './routes/linkage.ts';
import * as medications from './routes/medications.ts';
import * as notifications from './routes/notifications.ts';
import * as patients from './routes/patients.ts';
import * as practice from './routes/practice.ts';
import * as prescriptions from './routes/prescriptions.ts';
import * as proxies from './routes/proxies.ts';
import * as publicRoutes from './routes/public.ts';
import * as record from './routes/record.ts';
import * as reports from './routes/reports.ts';
import * as slots from './routes/slots.ts';

/**
 * THE route table: every route, each declared once in its resource's module under
 * functions/routes/ (which its handler is built from). The CDK stack makes one Lambda function and
 * one HTTP API route per entry; local mode dispatches to the same handler files; GET /openapi.json
 * is generated from it, its paths in this order. Adding a route is declaring it in its resource's
 * module and listing it here (a unit test checks that every declared route is listed).
 */
export const ROUTES: readonly RouteDefinition[] = [
  // ── Public ───────────────────────────────────────────────────────────────────────────────────
  publicRoutes.getHealth,
  publicRoutes.getOpenApi,
  publicRoutes.createDevToken,
  notifications.getLocalOutbox,

  // ── Patient ──────────────────────────────────────────────────────────────────────────────────
  patients.getMe,
  practice.getPractice,
  slots.listSlots,
  appointments.bookAppointment,
  appointments.listAppointments,
  appointments.getAppointment,
  appointments.cancelAppointment,
  appointments.rescheduleAppointment,

  // ── Staff ────────────────────────────────────────────────────────────────────────────────────
  practice.updatePracticeSettings,
  patients.registerPatient,
  patients.getPatient,
  slots.publishSlots,
  slots.withdrawSlot,
  appointments.listDayAppointments,
  appointments.staffCancelAppointment,

  // ── Repeat prescriptions (patient and staff) ─────────────────────────────────────────────────
  medications.listMedications,
  prescriptions.orderPrescription,
  prescriptions.listPrescriptions,
  prescriptions.getPrescription,
  prescriptions.withdrawPrescription,
  medications.addMedication,
  prescriptions.listPracticePrescriptions,
  prescriptions.approvePrescription,
  prescriptions.rejectPrescription,
  prescriptions.issuePrescription,

  // ── Record access and its audit trail ────────────────────────────────────────────────────────
  record.getRecord,
  record.replaceRecord,
  audit.listAudit,

  // ── Practice operations: the console's reads, phone bookings, medication reviews ─────────────
  practice.getStaffPractice,
  slots.listSlotBoard,
  appointments.staffBookAppointment,
  appointments.listPatientAppointments,
  prescriptions.listPatientPrescriptions,
  medications.listPatientMedications,
  medications.changeMedication,
  medications.discontinueMedication,
  record.getPatientRecord,
  patients.removePatient,
  record.listRecordAccess,
  notifications.getNotificationPreferences,
  notifications.updateNotificationPreferences,

  // ── Monthly reports ──────────────────────────────────────────────────────────────────────────
  reports.generateMonthlyReport,
  reports.getMonthlyReport,

  // ── Getting patients online: registration letters and linked sign-ins ────────────────────────
  linkage.issueInvitation,
  linkage.listInvitations,
  linkage.revokeInvitation,
  linkage.unlinkAccount,
  linkage.linkAccount,

  // ── Proxy access: a carer or parent acting for another patient ───────────────────────────────
  proxies.putProxy,
  proxies.listProxies,
  proxies.revokeProxy,

  // ── The stack's operator: the practice registry and reports across practices ─────────────────
  admin.putPractice,
  admin.listPractices,
  admin.getRegisteredPractice,
  admin.getSummaryReport,
];

/** A list route: its query takes `nextToken` (its handler is a listRoute, its function reads the page-token key). */
export function isPaginated(route: Pick<RouteDefinition, 'request'>): boolean {
  const declared = route.request?.query;
  const query = declared instanceof z.ZodMiniLazy ? z.built(declared) : declared;
  return query instanceof z.ZodMiniObject && 'nextToken' in query.shape;
}
