import { defineRoute } from './route-spec.ts';
import { Practice, PracticeSettings, UpdateSettingsBody } from '../schemas/practice.ts';

/*
 * The practice and its settings, as patients and staff see them. Handlers: functions/api/practice/.
 */

export const getPractice = /* @__PURE__ */ defineRoute({
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
});

export const updatePracticeSettings = /* @__PURE__ */ defineRoute({
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
});

export const getStaffPractice = /* @__PURE__ */ defineRoute({
  operationId: 'getStaffPractice',
  method: 'GET',
  path: '/staff/practice',
  access: 'staff',
  entry: 'api/practice/staff-get.ts',
  table: 'read',
  summary: 'The caller’s practice (name, ODS code, time zone) and its current settings',
  response: { status: 200, description: 'The practice', schema: Practice },
  tags: ['staff'],
});
