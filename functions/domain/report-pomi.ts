import type { MonthlyReport } from '../schemas/report.ts';
import type { PracticeSettings } from '../schemas/practice.ts';
import type { PracticeConfig } from '../schemas/practice-config.ts';

/**
 * The NHS Digital POMI long format of a monthly report: one row per field, and the CSV rules
 * (RFC 4180 quoting and CSV injection defence) every CSV the service writes follows. Pure.
 */

export const POMI_HEADER = [
  'report_period_end',
  'region_code',
  'region_name',
  'sub_ICB_location_code',
  'sub_ICB_location_name',
  'practice_code',
  'practice_name',
  'system_supplier',
  'field',
  'value',
] as const;

const MONTH_ABBREVIATIONS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2026-11-30` → `30-Nov-26` (POMI's report_period_end). */
export function pomiDate(date: string): string {
  const [y, m, d] = date.split('-') as [string, string, string];
  return `${d}-${MONTH_ABBREVIATIONS[Number(m) - 1]}-${y.slice(2)}`;
}

/** What the CSV needs beyond the report: who the practice is and what it offers. */
export interface PomiContext {
  practice: Pick<PracticeConfig, 'ods' | 'name' | 'regionCode' | 'regionName' | 'subIcbCode' | 'subIcbName'>;
  systemSupplier: string;
  servicesOffered: PracticeSettings['servicesOffered'];
}

/** POMI field → value, in the order NHS Digital publishes them (whole numbers only). */
export function pomiFields(report: MonthlyReport, offered: PracticeSettings['servicesOffered']): [string, number][] {
  const sys = (on: boolean) => (on ? 2 : 1);
  return [
    ['patient_list_size', report.listSize],
    ['Sys_Appts_Enbld', sys(offered.appointments)],
    ['Sys_Presc_Enbld', sys(offered.prescriptions)],
    ['Sys_DetCodeRec_Enbld', sys(offered.record)],
    ['Pat_Appts_Enbld', report.enabled.appointments],
    ['Pat_Presc_Enbld', report.enabled.prescriptions],
    ['Pat_DetCodeRec_Enbld', report.enabled.detailedRecord],
    ['Pat_Appts_Use', report.use.appointmentsBooked + report.use.appointmentsCancelled],
    ['Pat_Presc_Use', report.use.prescriptionsOrdered],
    ['Pat_DetCodeRec_Use', report.use.recordViews],
    ['Total_Pat_Enbld', report.enabled.anyService],
    ['New_Pat_Enbld', report.enabled.newInMonth],
    ['Total_Use', report.use.total],
  ];
}

/** The practice's rows of the POMI long format (no header). */
export function pomiRows(report: MonthlyReport, context: PomiContext): string[][] {
  const { practice } = context;
  const prefix = [
    pomiDate(report.periodEnd),
    practice.regionCode ?? '',
    practice.regionName ?? '',
    practice.subIcbCode ?? '',
    practice.subIcbName ?? '',
    practice.ods,
    practice.name,
    context.systemSupplier,
  ];
  return pomiFields(report, context.servicesOffered).map(([field, value]) => [...prefix, field, String(value)]);
}

/**
 * A cell a spreadsheet would run as a formula (CSV injection): one starting, after any spaces, with
 * `=`, `+`, `-` or `@` (or their full-width forms, which some spreadsheets fold to them), or with a
 * tab, CR or LF (which some spreadsheets skip). POMI values are whole numbers of zero or more, and
 * its header and field names start with letters, so only text from a client or the configuration
 * can match: the CSV NHS Digital reads is unchanged.
 */
const FORMULA_START = /^(?:[\t\r\n]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;

/**
 * One CSV cell: a would-be formula is prefixed with `'` (OWASP's advice: the spreadsheet shows it
 * as text), then RFC 4180 quoting for a comma, quote or line break, and also for a semicolon or
 * tab, so a spreadsheet that splits on those (as in many locales) keeps the cell whole.
 */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",;\t\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** RFC 4180: CRLF line ends; every cell through csvCell. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}

export function pomiCsv(rowsOfPractices: readonly (readonly string[][])[]): string {
  return toCsv([[...POMI_HEADER], ...rowsOfPractices.flat()]);
}
