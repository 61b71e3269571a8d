import { defineRoute, LOCATION } from './route-spec.ts';
import { listOf } from '../schemas/common.ts';
import { NhsNumberParams } from '../schemas/patients.ts';
import {
  ApprovePrescriptionBody,
  OrderPrescriptionBody,
  PrescriptionIdParams,
  PrescriptionRequest,
  PrescriptionsQuery,
  RejectPrescriptionBody,
} from '../schemas/prescriptions.ts';

/*
 * Repeat prescription requests: a patient orders, lists and withdraws them; staff approve, reject
 * and issue them. Handlers: functions/api/prescriptions/.
 */

export const orderPrescription = /* @__PURE__ */ defineRoute({
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
});

export const listPrescriptions = /* @__PURE__ */ defineRoute({
  operationId: 'listPrescriptions',
  method: 'GET',
  path: '/prescriptions',
  access: 'patient',
  actingFor: 'prescriptions',
  entry: 'api/prescriptions/list.ts',
  table: 'read',
  summary: 'The patient’s own prescription requests, newest first',
  request: { query: PrescriptionsQuery },
  response: {
    status: 200,
    description: 'A page of prescription requests',
    schema: /* @__PURE__ */ listOf(PrescriptionRequest),
  },
  errors: ['service-not-enabled'],
  tags: ['patient', 'prescriptions'],
});

export const getPrescription = /* @__PURE__ */ defineRoute({
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
});

export const withdrawPrescription = /* @__PURE__ */ defineRoute({
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
});

export const listPracticePrescriptions = /* @__PURE__ */ defineRoute({
  operationId: 'listPracticePrescriptions',
  method: 'GET',
  path: '/staff/prescriptions',
  access: 'staff',
  entry: 'api/prescriptions/staff-list.ts',
  table: 'read',
  summary: 'The practice’s requests: one status’s queue oldest first, or all newest first',
  request: { query: PrescriptionsQuery },
  response: {
    status: 200,
    description: 'A page of prescription requests',
    schema: /* @__PURE__ */ listOf(PrescriptionRequest),
  },
  tags: ['staff', 'prescriptions'],
});

export const approvePrescription = /* @__PURE__ */ defineRoute({
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
});

export const rejectPrescription = /* @__PURE__ */ defineRoute({
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
});

export const issuePrescription = /* @__PURE__ */ defineRoute({
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
});

export const listPatientPrescriptions = /* @__PURE__ */ defineRoute({
  operationId: 'listPatientPrescriptions',
  method: 'GET',
  path: '/staff/patients/{nhsNumber}/prescriptions',
  access: 'staff',
  entry: 'api/prescriptions/staff-patient-list.ts',
  table: 'read-write',
  summary: 'A patient’s prescription requests, newest first (audited)',
  request: { params: NhsNumberParams, query: PrescriptionsQuery },
  response: {
    status: 200,
    description: 'A page of prescription requests',
    schema: /* @__PURE__ */ listOf(PrescriptionRequest),
  },
  tags: ['staff', 'prescriptions'],
});
