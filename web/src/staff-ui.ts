import { must, type Schemas } from './api/client.ts';
import type { App } from './app.ts';
import { h, type Child } from './dom.ts';
import { hintAndError } from './ui.ts';

export {
  addDays,
  isoWeekday,
  minutesOf,
  parseTime,
  spacedNhsNumber,
  timeOf,
  validNhsNumber,
  zonedInstant,
} from './staff-time.ts';

/** The practice the staff member works at (name, time zone, settings), read once per sign-in. */
let practice: { token: string; details: Promise<Schemas['Practice']> } | undefined;

export async function staffPractice(app: App, fresh = false): Promise<Schemas['Practice']> {
  const token = app.session?.token ?? '';
  if (fresh || practice?.token !== token) practice = { token, details: must(app.api.GET('/staff/practice')) };
  const details = await practice.details.catch((error: unknown) => {
    practice = undefined;
    throw error;
  });
  // Times are shown in the practice's zone, and pages name the practice.
  if (app.session) app.session = { ...app.session, practiceName: details.name, timeZone: details.timeZone };
  return details;
}

/** A calendar date for people: `Monday 7 December 2026`. */
export function longDate(app: App, date: string): string {
  return app.formatDate(`${date}T12:00:00Z`, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}

/** A calendar date without its weekday (a date of birth, an expiry): `15 March 1984`. */
export function plainDate(app: App, date: string): string {
  return app.formatDate(`${date}T12:00:00Z`, { day: 'numeric', month: 'long', year: 'numeric' });
}

/**
 * The NHS.UK date input (day, month, year). The day field carries the given id, so an error
 * summary link for that field lands on it.
 */
export function dateInput(options: {
  id: string;
  legend: string;
  hint?: string;
  error?: string;
  value?: string;
}): HTMLElement {
  const [year, month, day] = (options.value ?? '').split('-');
  const hintId = options.hint ? `${options.id}-hint` : undefined;
  const errorId = options.error ? `${options.id}-error` : undefined;
  const item = (id: string, label: string, value: string | undefined, width: number) =>
    h(
      'div',
      { class: 'nhsuk-date-input__item' },
      h(
        'div',
        { class: 'nhsuk-form-group' },
        h('label', { class: 'nhsuk-label nhsuk-date-input__label', for: id }, label),
        h('input', {
          class: `nhsuk-input nhsuk-date-input__input nhsuk-input--width-${width}${options.error ? ' nhsuk-input--error' : ''}`,
          id,
          name: id,
          type: 'text',
          inputmode: 'numeric',
          value: value ?? '',
        }),
      ),
    );
  return h(
    'div',
    { class: options.error ? 'nhsuk-form-group nhsuk-form-group--error' : 'nhsuk-form-group' },
    h(
      'fieldset',
      {
        class: 'nhsuk-fieldset',
        role: 'group',
        'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
      },
      h('legend', { class: 'nhsuk-fieldset__legend nhsuk-fieldset__legend--s' }, options.legend),
      ...hintAndError(options.id, options.hint, options.error),
      h(
        'div',
        { class: 'nhsuk-date-input', id: `${options.id}-input` },
        item(options.id, 'Day', day ? String(Number(day)) : undefined, 2),
        item(`${options.id}-month`, 'Month', month ? String(Number(month)) : undefined, 2),
        item(`${options.id}-year`, 'Year', year, 4),
      ),
    ),
  );
}

/** The date typed into a date input as `YYYY-MM-DD`, or undefined when it is not a real date. */
export function readDate(form: HTMLElement, id: string): string | undefined {
  const value = (suffix: string) => (form.querySelector<HTMLInputElement>(`#${id}${suffix}`)?.value ?? '').trim();
  const [day, month, year] = [value(''), value('-month'), value('-year')];
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return undefined;
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return new Date(`${date}T12:00:00Z`).toISOString().startsWith(date) ? date : undefined;
}

/** The raw text of a field (trimmed), by id. */
export function fieldValue(form: HTMLElement, id: string): string {
  return (form.querySelector<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(`#${id}`)?.value ?? '').trim();
}

/** The values of the checked boxes (or radio) named `name`. */
export function checkedValues(form: HTMLElement, name: string): string[] {
  return [...form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map((input) => input.value);
}

/** The green banner that says a change worked, read out when it appears. */
export function successBanner(title: string, ...body: Child[]): HTMLElement {
  return h(
    'div',
    {
      class: 'nhsuk-notification-banner nhsuk-notification-banner--success',
      role: 'alert',
      'aria-labelledby': 'success-banner-title',
    },
    h(
      'div',
      { class: 'nhsuk-notification-banner__header' },
      h('h2', { class: 'nhsuk-notification-banner__title', id: 'success-banner-title' }, 'Success'),
    ),
    h(
      'div',
      { class: 'nhsuk-notification-banner__content' },
      h('p', { class: 'nhsuk-notification-banner__heading' }, title),
      ...body,
    ),
  );
}

/** A form that never submits itself: `onsubmit` gets the form and the button that was pressed. */
export function form(
  onsubmit: (form: HTMLFormElement, pressed: HTMLButtonElement | null) => void,
  ...children: Child[]
): HTMLFormElement {
  const element: HTMLFormElement = h(
    'form',
    {
      novalidate: true,
      onsubmit: (event: Event) => {
        event.preventDefault();
        const submitter = (event as SubmitEvent).submitter;
        onsubmit(
          element,
          submitter instanceof HTMLButtonElement ? submitter : element.querySelector('button[type="submit"]'),
        );
      },
    },
    ...children,
  );
  return element;
}

/** The online services a patient (or a proxy for them) may use, as a short list. */
export function servicesText(services: Schemas['StaffPatient']['services']): Child {
  const items = [
    services.appointments ? 'Appointments' : null,
    services.prescriptions ? 'Repeat prescriptions' : null,
    services.record === 'detailed' ? 'Detailed GP record' : services.record === 'summary' ? 'Summary GP record' : null,
  ].filter(Boolean);
  return items.length > 0
    ? h(
        'ul',
        { class: 'nhsuk-list' },
        items.map((item) => h('li', {}, item)),
      )
    : 'None';
}
