import { defineRoute } from './route-spec.ts';
import {
  AdminPracticeParams,
  AdminPracticesQuery,
  AdminReportQuery,
  PutPracticeBody,
  RegisteredPractice,
  ReportSummary,
} from '../schemas/admin.ts';
import { listOf } from '../schemas/common.ts';
import { ReportMonthParams } from '../schemas/report.ts';

/*
 * The stack's operator: the practice registry and reports across practices. Handlers:
 * functions/api/admin/.
 */

export const putPractice = /* @__PURE__ */ defineRoute({
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
});

export const listPractices = /* @__PURE__ */ defineRoute({
  operationId: 'listPractices',
  method: 'GET',
  path: '/admin/practices',
  access: 'admin',
  entry: 'api/admin/list-practices.ts',
  table: 'read',
  summary: 'The practices the stack serves, by ODS code',
  request: { query: AdminPracticesQuery },
  response: { status: 200, description: 'A page of practices', schema: /* @__PURE__ */ listOf(RegisteredPractice) },
  tags: ['admin'],
});

export const getRegisteredPractice = /* @__PURE__ */ defineRoute({
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
});

export const getSummaryReport = /* @__PURE__ */ defineRoute({
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
});
