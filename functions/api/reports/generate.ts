import { httpRoute } from '../../http/route-handler.ts';
import { ReportMonthParams } from '../../schemas/report.ts';
import { generateMonthlyReport } from '../../usecases/report.ts';

/** POST /staff/reports/monthly/{month}: the caller's practice's report, generated now (to date for this month). */
export const handler = httpRoute(
  { access: 'staff', params: ReportMonthParams },
  async ({ caller, params, idempotency }) => {
    const { value, replayed } = await generateMonthlyReport(caller, params.month, idempotency);
    return { status: 200, body: value, replayed };
  },
);
