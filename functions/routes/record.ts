import { defineRoute } from './route-spec.ts';
import { listOf } from '../schemas/common.ts';
import { NhsNumberParams } from '../schemas/patients.ts';
import {
  PatientRecordView,
  RecordAccess,
  RecordAccessQuery,
  RecordQuery,
  ReplaceRecordBody,
  StaffRecordView,
  StoredRecord,
} from '../schemas/record.ts';

/*
 * The GP record: the patient’s view of it and who viewed it; staff load and view it. Handlers:
 * functions/api/record/.
 */

export const getRecord = /* @__PURE__ */ defineRoute({
  operationId: 'getRecord',
  method: 'GET',
  path: '/record',
  access: 'patient',
  actingFor: 'record',
  entry: 'api/record/get.ts',
  // A view writes its audit entry and the practice-month counter.
  table: 'read-write',
  summary: 'The patient’s own GP record at the enabled level (summary or detailed); every view is audited and counted',
  request: { query: RecordQuery },
  response: { status: 200, description: 'The record', schema: PatientRecordView },
  errors: ['service-not-enabled'],
  tags: ['patient', 'record'],
});

export const replaceRecord = /* @__PURE__ */ defineRoute({
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
});

export const getPatientRecord = /* @__PURE__ */ defineRoute({
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
});

export const listRecordAccess = /* @__PURE__ */ defineRoute({
  operationId: 'listRecordAccess',
  method: 'GET',
  path: '/me/record-access',
  access: 'patient',
  actingFor: 'record',
  entry: 'api/record/access.ts',
  table: 'read',
  summary: 'Who viewed the patient’s record and when, newest first (practice staff by role and practice only)',
  request: { query: RecordAccessQuery },
  response: { status: 200, description: 'A page of record views', schema: /* @__PURE__ */ listOf(RecordAccess) },
  tags: ['patient', 'record'],
});
