import { z } from 'zod';
import { Month } from './common.ts';

/** `/staff/reports/monthly/{month}`: a calendar month in the practice's time zone. */
export const ReportMonthParams = z.strictObject({ month: Month });
export type ReportMonthParams = z.infer<typeof ReportMonthParams>;

export const ReportFormat = z.enum(['json', 'csv', 'html']);
export type ReportFormat = z.infer<typeof ReportFormat>;

export const ReportQuery = z.strictObject({
  format: ReportFormat.default('json').meta({
    description: 'json (the report), csv (NHS Digital POMI long format, text/csv) or html (one self-contained page with charts)',
  }),
});
export type ReportQuery = z.infer<typeof ReportQuery>;

const count = z.number().int().min(0);
const percent = z.number().nullable().meta({ description: 'Percent, 2 decimals; null when it cannot be computed' });

/** CONTRACT.md §4: the monthly report of one practice, exactly the contract's fields. */
export const MonthlyReport = z
  .object({
    practice: z.string().meta({ description: 'ODS code' }),
    month: z.string().meta({ description: 'YYYY-MM, practice time zone' }),
    periodEnd: z.string().meta({ description: "The month's last calendar day, YYYY-MM-DD (also for a month in progress)" }),
    generatedAt: z.string().meta({ description: 'RFC 3339 UTC; before the end of the month means "to date"' }),
    listSize: count,
    enabled: z.object({
      appointments: count,
      prescriptions: count,
      detailedRecord: count,
      anyService: count,
      newInMonth: count,
    }),
    enabledPct: z.object({ appointments: percent, prescriptions: percent, detailedRecord: percent, anyService: percent }),
    use: z.object({
      appointmentsBooked: count,
      appointmentsCancelled: count,
      prescriptionsOrdered: count,
      prescriptionItemsOrdered: count,
      recordViews: count,
      total: count,
    }),
    growth: z.object({ monthOnMonthPct: percent, yearOnYearPct: percent }),
    target: z.object({ annualGrowthTarget: z.number(), onTrack: z.boolean().nullable() }),
  })
  .meta({ id: 'MonthlyReport' });
export type MonthlyReport = z.infer<typeof MonthlyReport>;
