import { defineRoute } from './route-spec.ts';
import { listOf } from '../schemas/common.ts';
import { NhsNumberParams } from '../schemas/patients.ts';
import {
  AddMedicationBody,
  ChangeMedicationBody,
  Medication,
  MedicationParams,
  MedicationsQuery,
  StaffMedication,
} from '../schemas/prescriptions.ts';

/*
 * Repeat medications: the patient's list; staff add, review and discontinue them. Handlers:
 * functions/api/medications/.
 */

export const listMedications = /* @__PURE__ */ defineRoute({
  operationId: 'listMedications',
  method: 'GET',
  path: '/medications',
  access: 'patient',
  actingFor: 'prescriptions',
  entry: 'api/medications/list.ts',
  table: 'read',
  summary: 'The patient’s repeat medications, each with whether it can be ordered now and why not',
  request: { query: MedicationsQuery },
  response: { status: 200, description: 'A page of repeat medications', schema: /* @__PURE__ */ listOf(Medication) },
  errors: ['service-not-enabled'],
  tags: ['patient', 'prescriptions'],
});

export const addMedication = /* @__PURE__ */ defineRoute({
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
});

export const listPatientMedications = /* @__PURE__ */ defineRoute({
  operationId: 'listPatientMedications',
  method: 'GET',
  path: '/staff/patients/{nhsNumber}/medications',
  access: 'staff',
  entry: 'api/medications/staff-list.ts',
  table: 'read-write',
  summary: 'A patient’s repeat list as the patient sees it, discontinued items included with their status (audited)',
  request: { params: NhsNumberParams, query: MedicationsQuery },
  response: {
    status: 200,
    description: 'A page of repeat medications',
    schema: /* @__PURE__ */ listOf(StaffMedication),
  },
  tags: ['staff', 'prescriptions'],
});

export const changeMedication = /* @__PURE__ */ defineRoute({
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
});

export const discontinueMedication = /* @__PURE__ */ defineRoute({
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
});
