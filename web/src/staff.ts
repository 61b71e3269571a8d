import { must, type Schemas } from './api/client.ts';
import type { App, Context, Page } from './app.ts';
import { h, type Child } from './dom.ts';
import { requestStatusTag, requestSummaryRows } from './prescription-request.ts';
import { reasonForm } from './reason-form.ts';
import { button, card, heading, p, summaryList, tag } from './ui.ts';

type PrescriptionRequest = Schemas['PrescriptionRequest'];
const DAY_MS = 86_400_000;

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** A table that stacks each row under its headings on narrow screens, so it reflows at 320 px. */
export function table(caption: string, headings: string[], rows: Child[][]): HTMLElement {
  return h(
    'table',
    { class: 'nhsuk-table-responsive' },
    h('caption', { class: 'nhsuk-table__caption' }, caption),
    h(
      'thead',
      { class: 'nhsuk-table__head' },
      h(
        'tr',
        { role: 'row' },
        headings.map((name) => h('th', { role: 'columnheader', scope: 'col' }, name)),
      ),
    ),
    h(
      'tbody',
      { class: 'nhsuk-table__body' },
      rows.map((cells) =>
        h(
          'tr',
          { role: 'row', class: 'nhsuk-table__row' },
          cells.map((cell, index) =>
            h(
              'td',
              { role: 'cell', class: 'nhsuk-table__cell' },
              h(
                'span',
                { class: 'nhsuk-table-responsive__heading', 'aria-hidden': 'true' },
                `${headings[index] ?? ''} `,
              ),
              cell,
            ),
          ),
        ),
      ),
    ),
  );
}

/** The practice's start page. */
export function staffHome(app: App, signOut: HTMLElement): Page {
  return {
    title: 'Practice staff',
    body: [
      heading('Practice staff', app.session?.practice),
      h(
        'ul',
        { class: 'nhsuk-grid-row nhsuk-card-group' },
        card('Appointments by day', '/app/staff/appointments', 'The day’s appointments by clinician.'),
        card(
          'Prescription requests',
          '/app/staff/prescriptions',
          'Approve, reject and issue repeat prescription requests.',
        ),
        card('Slots', '/app/staff/slots', 'Publish slots one by one or as a weekly pattern, withdraw free ones.'),
        card('Patients', '/app/staff/patients', 'Find or register a patient, their services, letters and medicines.'),
        card('Monthly report', '/app/staff/reports', 'Online use for any month, and its CSV for NHS England.'),
        card('Practice settings', '/app/staff/settings', 'Booking rules, services offered and the list size.'),
        card('Record access', '/app/staff/audit', 'Who viewed which patient record, and when.'),
      ),
      signOut,
    ],
  };
}

/** A day's appointments, by clinician, with day-by-day navigation. */
export function dayScreen(app: App) {
  return async (context: Context): Promise<Page> => {
    const date = /^\d{4}-\d{2}-\d{2}$/.test(context.query.get('date') ?? '')
      ? (context.query.get('date') as string)
      : app.localDate(new Date());
    const day = await must(app.api.GET('/staff/appointments', { params: { query: { date, limit: 100 } } }));
    const clinicians = [...new Set(day.items.map((item) => item.clinician))].sort();
    const dayName = (value: string) =>
      app.formatDate(`${value}T12:00:00Z`, { weekday: 'long', day: 'numeric', month: 'long' });
    return {
      title: 'Appointments by day',
      back: '/app/',
      body: [
        heading(app.formatDate(`${date}T12:00:00Z`), 'Appointments'),
        h(
          'nav',
          { class: 'nhsuk-pagination', 'aria-label': 'Days' },
          h(
            'ul',
            { class: 'nhsuk-list nhsuk-pagination__list' },
            h(
              'li',
              { class: 'nhsuk-pagination-item--previous' },
              h(
                'a',
                {
                  class: 'nhsuk-pagination__link nhsuk-pagination__link--prev',
                  href: `/app/staff/appointments?date=${addDays(date, -1)}`,
                },
                h('span', { class: 'nhsuk-pagination__title' }, 'Previous day'),
                h('span', { class: 'nhsuk-u-visually-hidden' }, ':'),
                h('span', { class: 'nhsuk-pagination__page' }, dayName(addDays(date, -1))),
              ),
            ),
            h(
              'li',
              { class: 'nhsuk-pagination-item--next' },
              h(
                'a',
                {
                  class: 'nhsuk-pagination__link nhsuk-pagination__link--next',
                  href: `/app/staff/appointments?date=${addDays(date, 1)}`,
                },
                h('span', { class: 'nhsuk-pagination__title' }, 'Next day'),
                h('span', { class: 'nhsuk-u-visually-hidden' }, ':'),
                h('span', { class: 'nhsuk-pagination__page' }, dayName(addDays(date, 1))),
              ),
            ),
          ),
        ),
        clinicians.length === 0
          ? p('No appointments on this day.')
          : clinicians.map((clinician) =>
              table(
                clinician,
                ['Time', 'NHS number', 'Type', 'Status'],
                day.items
                  .filter((item) => item.clinician === clinician)
                  .map((item) => [
                    `${app.formatTime(item.start)} to ${app.formatTime(item.end)}`,
                    item.nhsNumber,
                    `${item.type}, ${item.channel}`,
                    item.status === 'booked' ? tag('Booked', 'green') : tag('Cancelled', 'grey'),
                  ]),
              ),
            ),
        day.nextToken ? p('Only the first 100 appointments are shown.') : null,
      ],
    };
  };
}

/** The prescription queue: requests waiting for a decision, then approved ones waiting to be issued. */
export function queueScreen(app: App) {
  return async (): Promise<Page> => {
    const [requested, approved] = await Promise.all([
      must(app.api.GET('/staff/prescriptions', { params: { query: { status: 'requested', limit: 100 } } })),
      must(app.api.GET('/staff/prescriptions', { params: { query: { status: 'approved', limit: 100 } } })),
    ]);
    const act = (request: PrescriptionRequest, action: 'approve' | 'issue', label: string) =>
      h(
        'form',
        {
          novalidate: true,
          onsubmit: (event: Event) => {
            event.preventDefault();
            const pressed = (event.currentTarget as HTMLFormElement).querySelector('button');
            void app.submit(pressed, action === 'approve' ? 'Approving…' : 'Issuing…', async () => {
              const path = { params: { path: { id: request.prescriptionId } } };
              if (action === 'approve') await must(app.api.POST('/staff/prescriptions/{id}/approve', path));
              else await must(app.api.POST('/staff/prescriptions/{id}/issue', path));
              app.go('/app/staff/prescriptions');
            });
          },
        },
        button(label, { 'aria-label': `${label}: ${describe(request)}` }),
      );
    const item = (request: PrescriptionRequest) =>
      h(
        'div',
        { class: 'nhsuk-card' },
        h(
          'div',
          { class: 'nhsuk-card__content' },
          h('h3', { class: 'nhsuk-card__heading nhsuk-heading-s' }, describe(request)),
          p(requestStatusTag(request)),
          summaryList([{ key: 'NHS number', value: request.nhsNumber }, ...requestSummaryRows(app, request)]),
          request.status === 'requested'
            ? h(
                'div',
                { class: 'nhsuk-button-group' },
                act(request, 'approve', 'Approve'),
                h(
                  'a',
                  { href: `/app/staff/prescriptions/${request.prescriptionId}/reject`, class: 'nhsuk-link' },
                  'Reject',
                  h('span', { class: 'nhsuk-u-visually-hidden' }, `: ${describe(request)}`),
                ),
              )
            : act(request, 'issue', 'Issue'),
        ),
      );
    return {
      title: 'Prescription requests',
      back: '/app/',
      body: [
        heading('Prescription requests'),
        h('h2', {}, 'Waiting for a decision'),
        requested.items.length > 0 ? requested.items.map(item) : p('No requests are waiting for a decision.'),
        h('h2', {}, 'Approved, waiting to be issued'),
        approved.items.length > 0 ? approved.items.map(item) : p('No approved requests are waiting to be issued.'),
      ],
    };
  };
}

function describe(request: PrescriptionRequest): string {
  return `${request.items.map((med) => med.name).join(', ')} for ${request.nhsNumber}`;
}

/** Reject a request, saying why (the patient reads the reason). */
export function rejectScreen(app: App) {
  return async (context: Context): Promise<Page> => {
    const id = context.params[0] ?? '';
    const waiting = await must(
      app.api.GET('/staff/prescriptions', { params: { query: { status: 'requested', limit: 100 } } }),
    );
    const request = waiting.items.find((item) => item.prescriptionId === id);
    if (!request)
      return {
        title: 'Request not found',
        back: '/app/staff/prescriptions',
        body: [
          heading('This request is not waiting for a decision'),
          p(h('a', { href: '/app/staff/prescriptions' }, 'Back to prescription requests')),
        ],
      };
    const form = reasonForm(app, context, {
      label: 'Why is it rejected?',
      hint: 'The patient reads this. 500 characters or fewer.',
      missing: 'Enter why the request is rejected',
      action: 'Reject request',
      busy: 'Rejecting…',
      send: async (reason) => {
        await must(app.api.POST('/staff/prescriptions/{id}/reject', { params: { path: { id } }, body: { reason } }));
        app.go('/app/staff/prescriptions');
      },
    });
    return {
      title: 'Reject request',
      back: '/app/staff/prescriptions',
      body: [heading('Reject request', describe(request)), form],
    };
  };
}

/** Record access: every view of a patient record at the practice. */
export function auditScreen(app: App) {
  return async (): Promise<Page> => {
    const audit = await must(app.api.GET('/staff/audit', { params: { query: { limit: 100 } } }));
    return {
      title: 'Record access',
      back: '/app/',
      body: [
        heading('Record access'),
        audit.items.length === 0
          ? p('No one has viewed a record yet.')
          : table(
              'Record views, latest first',
              ['When', 'NHS number', 'Viewed by', 'Level'],
              audit.items.map((item) => [
                `${app.formatDate(item.at, { day: 'numeric', month: 'short', year: 'numeric' })} ${app.formatTime(item.at)}`,
                item.nhsNumber,
                item.actor,
                item.level,
              ]),
            ),
      ],
    };
  };
}
