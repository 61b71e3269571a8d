import { httpRoute } from '../../http/route-handler.ts';
import * as admin from '../../routes/admin.ts';
import { readSummaryReport } from '../../usecases/report.ts';

/** GET /admin/reports/monthly/{month}?format=json|csv: the all-practices summary; 404 if never generated. */
export const handler = httpRoute(admin.getSummaryReport, async ({ params, query }) => {
  const rendered = await readSummaryReport(params.month, query.format);
  const headers: Record<string, string> =
    query.format === 'csv' ? { 'content-disposition': `attachment; filename="${rendered.filename}"` } : {};
  return { status: 200, body: rendered.body, contentType: rendered.contentType, headers };
});
