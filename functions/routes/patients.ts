import { defineRoute, LOCATION } from './route-spec.ts';
import { StaffPatient } from '../schemas/linkage.ts';
import { NhsNumberParams, Patient, RegisterPatientBody, RemovePatientBody } from '../schemas/patients.ts';
import { Me } from '../schemas/proxies.ts';

/*
 * Patients: the signed-in patient; staff register, look up and remove patients. Handlers:
 * functions/api/patients/.
 */

export const getMe = /* @__PURE__ */ defineRoute({
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
});

export const registerPatient = /* @__PURE__ */ defineRoute({
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
});

export const getPatient = /* @__PURE__ */ defineRoute({
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
});

export const removePatient = /* @__PURE__ */ defineRoute({
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
});
