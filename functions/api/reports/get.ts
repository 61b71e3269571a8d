import { httpRoute } from '../../http/route-handler.ts';
import * as reports from '../../routes/reports.ts';
import { readMonthlyReport } from '../../usecases/report.ts';

/** The HTML page may not load or run anything: it is inline CSS and SVG only. */
const PAGE_SECURITY = {
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
};

/** GET /staff/reports/monthly/{month}?format=json|csv|html: the stored report, 404 if never generated. */
export const handler = httpRoute(reports.getMonthlyReport, async ({ caller, params, query }) => {
  const rendered = await readMonthlyReport(caller, params.month, query.format);
  const headers: Record<string, string> = {};
  if (query.format === 'csv') headers['content-disposition'] = `attachment; filename="${rendered.filename}"`;
  if (query.format === 'html') Object.assign(headers, PAGE_SECURITY);
  return { status: 200, body: rendered.body, contentType: rendered.contentType, headers };
});
