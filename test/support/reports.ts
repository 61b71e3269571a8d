import type { MonthlyReport } from '../../functions/schemas/report.ts';

/**
 * The part of a monthly report the POMI rows read, all figures zero: a test names only what it is
 * about (`aQuietMonth({ listSize: 12 })`).
 */
export function aQuietMonth(overrides: Partial<MonthlyReport> = {}): MonthlyReport {
  return {
    periodEnd: '2026-11-30',
    listSize: 0,
    enabled: { appointments: 0, prescriptions: 0, detailedRecord: 0, anyService: 0, newInMonth: 0 },
    use: {
      appointmentsBooked: 0,
      appointmentsCancelled: 0,
      prescriptionsOrdered: 0,
      prescriptionItemsOrdered: 0,
      recordViews: 0,
      total: 0,
    },
    ...overrides,
  } as MonthlyReport;
}
