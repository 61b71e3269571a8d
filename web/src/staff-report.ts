import { must, type Schemas } from './api/client.ts';
import { errorFor, type App, type Context, type Page } from './app.ts';
import { h, type Child } from './dom.ts';
import { table } from './staff.ts';
import { fieldValue, form, plainDate, staffPractice } from './staff-ui.ts';
import { button, heading, insetText, p, select, summaryList, textInput, type FieldError } from './ui.ts';

type MonthlyReport = Schemas['MonthlyReport'];

/** January … December, from the browser's own calendar data rather than a list of our own. */
const MONTHS = Array.from({ length: 12 }, (_, i) =>
  new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2000, i, 1)),
);

const monthName = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1] ?? ''} ${month.slice(0, 4)}`;
const validMonth = (value: string | null): value is string => /^(20\d\d|2100)-(0[1-9]|1[0-2])$/.test(value ?? '');

function previousMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const index = Number(month.slice(5, 7));
  return index === 1 ? `${year - 1}-12` : `${year}-${String(index - 1).padStart(2, '0')}`;
}

/** Downloads made for the last report shown; released when another is shown. */
let downloads: string[] = [];

/**
 * A report file as a download link. The API wants the signed-in person's token, which a plain
 * link cannot send, so the file is fetched and offered from memory. The HTML page is offered as a
 * file too: opened inside the app it would fall under the app's own Content-Security-Policy,
 * which forbids the inline styles its charts are drawn with.
 */
async function downloadLink(app: App, month: string, format: 'csv' | 'html', text: string): Promise<HTMLElement> {
  const blob = await must(
    app.api.GET('/staff/reports/monthly/{month}', {
      params: { path: { month }, query: { format } },
      parseAs: 'blob',
    }),
  );
  const url = URL.createObjectURL(blob);
  downloads.push(url);
  return h('a', { href: url, download: `report-${app.session?.practice ?? ''}-${month}.${format}` }, text);
}

const pct = (value: number | null) => (value === null ? 'not known' : `${value}%`);

function figures(app: App, report: MonthlyReport): Child[] {
  const toDate = report.generatedAt.slice(0, 10) <= report.periodEnd;
  return [
    toDate
      ? insetText(
          `This month is not over: the figures are to ${app.formatDate(report.generatedAt, { day: 'numeric', month: 'long', year: 'numeric' })}.`,
        )
      : null,
    summaryList([
      { key: 'Period ends', value: plainDate(app, report.periodEnd) },
      { key: 'Registered list size', value: String(report.listSize) },
      {
        key: 'Patients using any online service',
        value: `${report.enabled.anyService} (${pct(report.enabledPct.anyService)})`,
      },
      { key: 'Newly enabled this month', value: String(report.enabled.newInMonth) },
    ]),
    table(
      'Patients enabled',
      ['Service', 'Patients', 'Of the list'],
      [
        ['Appointments', String(report.enabled.appointments), pct(report.enabledPct.appointments)],
        ['Repeat prescriptions', String(report.enabled.prescriptions), pct(report.enabledPct.prescriptions)],
        ['Detailed GP record', String(report.enabled.detailedRecord), pct(report.enabledPct.detailedRecord)],
      ],
    ),
    table(
      'Online use',
      ['What', 'Number'],
      [
        ['Appointments booked', String(report.use.appointmentsBooked)],
        ['Appointments cancelled', String(report.use.appointmentsCancelled)],
        ['Prescription requests', String(report.use.prescriptionsOrdered)],
        ['Medicines ordered', String(report.use.prescriptionItemsOrdered)],
        ['Record views', String(report.use.recordViews)],
        ['Total', String(report.use.total)],
      ],
    ),
    summaryList([
      { key: 'Registration letters issued', value: String(report.onboarding.invitationsIssued) },
      { key: 'Accounts linked', value: String(report.onboarding.accountsLinked) },
      { key: 'Growth on last month', value: pct(report.growth.monthOnMonthPct) },
      { key: 'Growth on a year ago', value: pct(report.growth.yearOnYearPct) },
      {
        key: 'On track for the yearly target',
        value: report.target.onTrack === null ? 'Not known yet' : report.target.onTrack ? 'Yes' : 'No',
      },
    ]),
  ];
}

/** The monthly report for any month: picked, generated now, shown, and downloadable as CSV and HTML. */
export function reportScreen(app: App) {
  return async (context: Context): Promise<Page> => {
    const practice = await staffPractice(app);
    const thisMonth = app.localDate(new Date()).slice(0, 7);
    const requested = context.query.get('month');
    const month = validMonth(requested) ? requested : undefined;
    const shown = month ?? thisMonth;
    const picker = form(
      (element) => {
        const year = fieldValue(element, 'year');
        const errors: FieldError[] = [];
        if (!/^\d{4}$/.test(year) || year < '2000' || year > '2100')
          errors.push({ field: 'year', message: 'Enter a year from 2000 to 2100, for example 2026' });
        if (errors.length > 0) {
          void app.showErrors(errors);
          return;
        }
        app.go(`/app/staff/reports?month=${year}-${fieldValue(element, 'monthNumber')}`);
      },
      h(
        'fieldset',
        { class: 'nhsuk-fieldset' },
        h('legend', { class: 'nhsuk-fieldset__legend nhsuk-fieldset__legend--s' }, 'Month to report'),
        h(
          'div',
          { class: 'app-month-picker' },
          select({
            id: 'monthNumber',
            label: 'Month',
            value: shown.slice(5, 7),
            choices: MONTHS.map((name, index) => ({ value: String(index + 1).padStart(2, '0'), text: name })),
          }),
          textInput({
            id: 'year',
            label: 'Year',
            value: shown.slice(0, 4),
            error: errorFor(context, 'year'),
            width: 4,
            attrs: { inputmode: 'numeric', autocomplete: 'off' },
          }),
        ),
      ),
      button('Show report', { class: 'nhsuk-button nhsuk-button--secondary' }),
    );
    const quick = h(
      'ul',
      { class: 'nhsuk-list' },
      h('li', {}, h('a', { href: `/app/staff/reports?month=${thisMonth}` }, `This month (${monthName(thisMonth)})`)),
      h(
        'li',
        {},
        h(
          'a',
          { href: `/app/staff/reports?month=${previousMonth(thisMonth)}` },
          `Last month (${monthName(previousMonth(thisMonth))})`,
        ),
      ),
    );
    for (const url of downloads) URL.revokeObjectURL(url);
    downloads = [];
    if (!month)
      return {
        title: 'Monthly report',
        back: '/app/',
        body: [heading('Monthly report', practice.name), p('Choose the month to report.'), quick, picker],
      };
    const report = await must(app.api.POST('/staff/reports/monthly/{month}', { params: { path: { month } } }));
    const [csv, page] = await Promise.all([
      downloadLink(app, month, 'csv', `Download the CSV for NHS England (POMI), ${monthName(month)}`),
      downloadLink(app, month, 'html', `Download the report page with charts, ${monthName(month)}`),
    ]);
    return {
      title: `Monthly report, ${monthName(month)}`,
      back: '/app/staff/reports',
      body: [
        heading(monthName(month), `Monthly report, ${practice.name}`),
        h('ul', { class: 'nhsuk-list' }, h('li', {}, csv), h('li', {}, page)),
        figures(app, report),
        h('h2', {}, 'Another month'),
        quick,
        picker,
      ],
    };
  };
}
