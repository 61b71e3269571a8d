import { httpRoute } from '../../http/route-handler.ts';
import * as reports from '../../routes/reports.ts';
import { generateMonthlyReport } from '../../usecases/report.ts';

/** POST /staff/reports/monthly/{month}: the caller's practice's report, generated now (to date for this month). */
export const handler = httpRoute(reports.generateMonthlyReport, async ({ caller, params, idempotency }) => {
  const { value, replayed } = await generateMonthlyReport(caller, params.month, idempotency);
  return { status: 200, body: value, replayed };
});
