import { defineRoute } from './route-spec.ts';
import { MonthlyReport, ReportMonthParams, ReportQuery } from '../schemas/report.ts';

/*
 * A practice’s monthly report, generated on demand and read back (the scheduled rollup is
 * functions/scheduled/). Handlers: functions/api/reports/.
 */

export const generateMonthlyReport = /* @__PURE__ */ defineRoute({
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
});

export const getMonthlyReport = /* @__PURE__ */ defineRoute({
  operationId: 'getMonthlyReport',
  method: 'GET',
  path: '/staff/reports/monthly/{month}',
  access: 'staff',
  entry: 'api/reports/get.ts',
  table: 'read',
  // The formats are described once, on the `format` query parameter; the 404 in the responses.
  summary: 'The stored report as JSON, CSV or HTML',
  request: { params: ReportMonthParams, query: ReportQuery },
  response: {
    status: 200,
    description: 'The report, in the format asked for',
    schema: MonthlyReport,
    textContentTypes: ['text/csv', 'text/html'],
    headers: {
      'Content-Disposition': { description: 'format=csv: an attachment with the file name' },
      'Content-Security-Policy': { description: 'format=html: the page may load and run nothing' },
      'X-Content-Type-Options': { description: 'format=html: nosniff' },
    },
  },
  tags: ['staff', 'reports'],
});
