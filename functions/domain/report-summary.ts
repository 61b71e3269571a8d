import type { MonthlyReport } from '../schemas/report.ts';
import { USE_COUNTERS } from './activity.ts';
import { enabledPct, growthPct, useWithTotal, type GrowthBaseline, type UseFigures } from './report-figures.ts';
import { monthDates } from './time.ts';

/** The all-practices summary of a month: every practice's report summed, growth over those with a base. Pure. */

export interface PracticeRollup {
  name: string;
  report: MonthlyReport;
  baseline: GrowthBaseline;
}

export interface ReportSummary {
  month: string;
  periodEnd: string;
  generatedAt: string;
  practices: number;
  listSize: number;
  enabled: MonthlyReport['enabled'];
  /** Percent of the combined list size. */
  enabledPct: MonthlyReport['enabledPct'];
  use: MonthlyReport['use'];
  /** Use per POMI service: appointments (booked + cancelled), prescriptions (requests), record views. */
  usePerService: { appointments: number; prescriptions: number; detailedRecord: number };
  /** Over the practices that have the earlier figure. */
  growth: MonthlyReport['growth'];
  byPractice: {
    practice: string;
    name: string;
    listSize: number;
    anyService: number;
    anyServicePct: number | null;
    useTotal: number;
    monthOnMonthPct: number | null;
    yearOnYearPct: number | null;
    onTrack: boolean | null;
  }[];
}

/** One summary across all practices of a month (summary.json). */
export function summarize(month: string, generatedAt: Date, rollups: readonly PracticeRollup[]): ReportSummary {
  const sum = (f: (r: PracticeRollup) => number) => rollups.reduce((n, r) => n + f(r), 0);
  const enabled = {
    appointments: sum((r) => r.report.enabled.appointments),
    prescriptions: sum((r) => r.report.enabled.prescriptions),
    detailedRecord: sum((r) => r.report.enabled.detailedRecord),
    anyService: sum((r) => r.report.enabled.anyService),
    newInMonth: sum((r) => r.report.enabled.newInMonth),
  };
  const listSize = sum((r) => r.report.listSize);
  const use = useWithTotal(Object.fromEntries(USE_COUNTERS.map((c) => [c, sum((r) => r.report.use[c])])) as UseFigures);
  const growthOver = (pick: (b: GrowthBaseline) => number | null) => {
    const withBase = rollups.filter((r) => pick(r.baseline) !== null);
    if (withBase.length === 0) return null;
    return growthPct(
      withBase.reduce((n, r) => n + r.report.enabled.anyService, 0),
      withBase.reduce((n, r) => n + (pick(r.baseline) ?? 0), 0),
    );
  };
  return {
    month,
    periodEnd: monthDates(month).last,
    generatedAt: generatedAt.toISOString(),
    practices: rollups.length,
    listSize,
    enabled,
    enabledPct: enabledPct(enabled, listSize),
    use,
    usePerService: {
      appointments: use.appointmentsBooked + use.appointmentsCancelled,
      prescriptions: use.prescriptionsOrdered,
      detailedRecord: use.recordViews,
    },
    growth: { monthOnMonthPct: growthOver((b) => b.previousMonth), yearOnYearPct: growthOver((b) => b.previousYear) },
    byPractice: rollups.map(({ name, report }) => ({
      practice: report.practice,
      name,
      listSize: report.listSize,
      anyService: report.enabled.anyService,
      anyServicePct: report.enabledPct.anyService,
      useTotal: report.use.total,
      monthOnMonthPct: report.growth.monthOnMonthPct,
      yearOnYearPct: report.growth.yearOnYearPct,
      onTrack: report.target.onTrack,
    })),
  };
}
