import { must, type Schemas } from './api/client.ts';
import type { App } from './app.ts';
import { h, type Child } from './dom.ts';

const DAY_MS = 86_400_000;

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

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Monday (1) to Sunday (7) of a calendar date. */
export function isoWeekday(date: string): number {
  return ((new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

/** How far a zone is ahead of UTC at an instant, in milliseconds. */
function offsetAt(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const part = (type: string) => Number(parts.find((item) => item.type === type)?.value ?? 0);
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second')) - ms;
}

/**
 * The instant of a wall-clock time on a date in the practice's zone: 09:00 on a summer date in
 * Europe/London is 08:00Z, on a winter date 09:00Z.
 */
export function zonedInstant(date: string, time: string, timeZone: string): string {
  const wall = Date.parse(`${date}T${time}:00Z`);
  let guess = wall;
  for (let round = 0; round < 3; round += 1) guess = wall - offsetAt(guess, timeZone);
  return new Date(guess).toISOString();
}

/** `9:30` or `09:30` → `09:30`; anything else undefined. */
export function parseTime(value: string): string | undefined {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(value.trim());
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return undefined;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

export const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
export const timeOf = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** A calendar date for people: `Monday 7 December 2026`. */
export function longDate(app: App, date: string): string {
  return app.formatDate(`${date}T12:00:00Z`, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}

/** A calendar date without its weekday (a date of birth, an expiry): `15 March 1984`. */
export function plainDate(app: App, date: string): string {
  return app.formatDate(`${date}T12:00:00Z`, { day: 'numeric', month: 'long', year: 'numeric' });
}

/** NHS numbers are read in three groups: 999 000 0018. */
export function spacedNhsNumber(nhsNumber: string): string {
  return nhsNumber.replace(/^(\d{3})(\d{3})(\d{4})$/, '$1 $2 $3');
}

/** Ten digits with a valid Modulus 11 check digit (spaces allowed as typed). */
export function validNhsNumber(value: string): boolean {
  if (!/^\d{10}$/.test(value) || /^(\d)\1{9}$/.test(value)) return false;
  const digits = [...value].map(Number);
  const sum = digits.slice(0, 9).reduce((total, digit, index) => total + digit * (10 - index), 0);
  const check = 11 - (sum % 11);
  return (check === 11 ? 0 : check) === digits[9];
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
      options.hint ? h('div', { class: 'nhsuk-hint', id: hintId }, options.hint) : null,
      options.error
        ? h(
            'span',
            { class: 'nhsuk-error-message', id: errorId },
            h('span', { class: 'nhsuk-u-visually-hidden' }, 'Error: '),
            options.error,
          )
        : null,
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
