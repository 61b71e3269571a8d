import type { MonthlyReport } from '../../functions/schemas/report.ts';
import { keys } from '../../functions/store/keys.ts';

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

/**
 * A stored monthly report item, as the rollup keeps it (keys from `keys.report`): a complete
 * report of a quiet month, its CSV, a one-month trend and its POMI context. A test overrides only
 * what it is about (`report` fields are merged into the report).
 */
export function aStoredReport(
  over: { practice?: string; month?: string; report?: Partial<MonthlyReport> } & Record<string, unknown> = {},
): Record<string, unknown> {
  const { practice = 'A99001', month = '2026-11', report, ...rest } = over;
  const zeros = { appointments: 0, prescriptions: 0, detailedRecord: 0, anyService: 0 };
  const use = {
    appointmentsBooked: 0,
    appointmentsCancelled: 0,
    prescriptionsOrdered: 0,
    prescriptionItemsOrdered: 0,
    recordViews: 0,
    byProxy: 0,
    total: 0,
  };
  const stored: MonthlyReport = {
    practice,
    month,
    periodEnd: `${month}-30`,
    generatedAt: `${month}-26T10:00:00.000Z`,
    listSize: 0,
    enabled: { ...zeros, newInMonth: 0 },
    enabledPct: { appointments: null, prescriptions: null, detailedRecord: null, anyService: null },
    use,
    onboarding: { invitationsIssued: 0, accountsLinked: 0 },
    messages: {
      sent: {
        'appointment-booked': 0,
        'appointment-reminder': 0,
        'appointment-cancelled-by-practice': 0,
        'prescription-approved': 0,
        'prescription-rejected': 0,
        'prescription-issued': 0,
      },
      failed: 0,
    },
    growth: { monthOnMonthPct: null, yearOnYearPct: null },
    target: { annualGrowthTarget: 0.1, onTrack: null },
    ...report,
  };
  return {
    ...keys.report(practice, month),
    entity: 'monthly-report',
    generatedAt: stored.generatedAt,
    report: stored,
    csv: 'ods_code,practice_name\r\n',
    trend: [
      {
        month,
        listSize: stored.listSize,
        enabled: zeros,
        enabledPct: stored.enabledPct,
        use,
        onboarding: { invitationsIssued: 0, accountsLinked: 0 },
      },
    ],
    context: {
      practice: { ods: practice, name: 'Riverside Surgery' },
      systemSupplier: 'PATIENT-ONLINE',
      servicesOffered: { appointments: true, prescriptions: true, record: true },
    },
    ...rest,
  };
}
