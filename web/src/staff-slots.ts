import { allItems, must, type Schemas } from './api/client.ts';
import { errorFor, type App, type Context, type Page } from './app.ts';
import { h, type Child } from './dom.ts';
import { table } from './staff.ts';
import {
  addDays,
  checkedValues,
  dateInput,
  fieldValue,
  form,
  longDate,
  parseTime,
  readDate,
  staffPractice,
  zonedInstant,
} from './staff-ui.ts';
import {
  button,
  choices,
  heading,
  p,
  secondaryButton,
  summaryList,
  tag,
  textInput,
  textarea,
  type FieldError,
} from './ui.ts';

type BoardSlot = Schemas['BoardSlot'];
type Channel = BoardSlot['channel'];

export const CHANNELS: Record<Channel, string> = {
  'in-person': 'In person',
  telephone: 'Telephone',
  video: 'Video',
};

const STATUS: Record<BoardSlot['status'], Child> = {
  free: 'Free',
  booked: 'Booked',
  withdrawn: 'Withdrawn',
};

function validDate(value: string | null): value is string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value ?? '') && !Number.isNaN(Date.parse(`${value ?? ''}T12:00:00Z`));
}

/** The slots of one practice-local day, every state. */
async function daySlots(app: App, date: string): Promise<BoardSlot[]> {
  const { timeZone } = await staffPractice(app);
  const items = await allItems((nextToken) =>
    must(
      app.api.GET('/staff/slots', {
        params: {
          query: {
            from: zonedInstant(date, '00:00', timeZone),
            to: zonedInstant(addDays(date, 1), '00:00', timeZone),
            limit: 100,
            nextToken,
          },
        },
      }),
    ),
  );
  return items.sort((a, b) => a.start.localeCompare(b.start));
}

function dayPagination(app: App, base: string, date: string): HTMLElement {
  const dayName = (value: string) =>
    app.formatDate(`${value}T12:00:00Z`, { weekday: 'long', day: 'numeric', month: 'long' });
  const link = (direction: 'prev' | 'next', title: string, value: string) =>
    h(
      'li',
      { class: direction === 'prev' ? 'nhsuk-pagination-item--previous' : 'nhsuk-pagination-item--next' },
      h(
        'a',
        { class: `nhsuk-pagination__link nhsuk-pagination__link--${direction}`, href: `${base}?date=${value}` },
        h('span', { class: 'nhsuk-pagination__title' }, title),
        h('span', { class: 'nhsuk-u-visually-hidden' }, ':'),
        h('span', { class: 'nhsuk-pagination__page' }, dayName(value)),
      ),
    );
  return h(
    'nav',
    { class: 'nhsuk-pagination', 'aria-label': 'Days' },
    h(
      'ul',
      { class: 'nhsuk-list nhsuk-pagination__list' },
      link('prev', 'Previous day', addDays(date, -1)),
      link('next', 'Next day', addDays(date, 1)),
    ),
  );
}

/** The slot board: one day's slots by clinician, free ones withdrawable, booked ones cancellable. */
export function slotBoardScreen(app: App) {
  return async (context: Context): Promise<Page> => {
    const date = validDate(context.query.get('date'))
      ? (context.query.get('date') as string)
      : app.localDate(new Date());
    const slots = await daySlots(app, date);
    const clinicians = [...new Set(slots.map((slot) => slot.clinician))].sort();
    const action = (slot: BoardSlot): Child => {
      const when = `${app.formatTime(slot.start)}, ${slot.clinician}`;
      if (slot.status === 'free')
        return h(
          'a',
          { href: `/app/staff/slots/${slot.slotId}/withdraw?date=${date}` },
          'Withdraw',
          h('span', { class: 'nhsuk-u-visually-hidden' }, ` slot at ${when}`),
        );
      if (slot.status === 'booked' && slot.appointmentId)
        return h(
          'a',
          { href: `/app/staff/appointments/${slot.appointmentId}/cancel?date=${date}` },
          'Cancel appointment',
          h('span', { class: 'nhsuk-u-visually-hidden' }, ` at ${when}`),
        );
      return '';
    };
    return {
      title: 'Slots',
      back: '/app/',
      body: [
        heading(longDate(app, date), 'Slots'),
        h(
          'div',
          { class: 'nhsuk-button-group' },
          h(
            'a',
            { class: 'nhsuk-button', href: `/app/staff/slots/new?date=${date}`, role: 'button', draggable: 'false' },
            'Publish a slot',
          ),
          h(
            'a',
            {
              class: 'nhsuk-button nhsuk-button--secondary',
              href: '/app/staff/slots/pattern',
              role: 'button',
              draggable: 'false',
            },
            'Publish a weekly pattern',
          ),
        ),
        dayPagination(app, '/app/staff/slots', date),
        clinicians.length === 0
          ? p('No slots on this day.')
          : clinicians.map((clinician) =>
              table(
                clinician,
                ['Time', 'Type', 'Status', 'Action'],
                slots
                  .filter((slot) => slot.clinician === clinician)
                  .map((slot) => [
                    `${app.formatTime(slot.start)} to ${app.formatTime(slot.end)}`,
                    `${slot.type}, ${CHANNELS[slot.channel].toLowerCase()}${slot.bookableOnline ? '' : ', not bookable online'}`,
                    tag(
                      String(STATUS[slot.status] as string),
                      slot.status === 'free' ? 'green' : slot.status === 'booked' ? 'blue' : 'grey',
                    ),
                    action(slot),
                  ]),
              ),
            ),
      ],
    };
  };
}

/** The fields a slot or a pattern shares: who, what kind, how, and whether patients may book it. */
export function slotKindFields(
  context: Context,
  values: { clinician?: string; type?: string; channel?: Channel; online?: boolean },
): Child[] {
  return [
    textInput({
      id: 'clinician',
      label: 'Clinician',
      hint: 'For example, Dr Amira Shah',
      value: values.clinician,
      error: errorFor(context, 'clinician'),
      attrs: { autocomplete: 'off', maxlength: '100' },
    }),
    textInput({
      id: 'type',
      label: 'Appointment type',
      hint: 'For example, GP or Nurse',
      value: values.type,
      error: errorFor(context, 'type'),
      width: 20,
      attrs: { autocomplete: 'off', maxlength: '60' },
    }),
    choices({
      type: 'radio',
      name: 'channel',
      legend: 'How is the appointment held?',
      error: errorFor(context, 'channel'),
      items: (Object.keys(CHANNELS) as Channel[]).map((value) => ({
        value,
        label: CHANNELS[value],
        checked: (values.channel ?? 'in-person') === value,
      })),
    }),
    choices({
      type: 'checkbox',
      name: 'online',
      legend: 'Online booking',
      items: [
        {
          value: 'yes',
          label: 'Patients can book it online',
          hint: 'Untick to keep it for bookings made by the surgery',
          checked: values.online ?? true,
        },
      ],
    }),
  ];
}

export interface SlotKind {
  clinician: string;
  type: string;
  channel: Channel;
  bookableOnline: boolean;
}

/** Reads the shared fields, adding a message to `errors` for each one missing. */
export function readSlotKind(element: HTMLElement, errors: FieldError[]): SlotKind {
  const clinician = fieldValue(element, 'clinician');
  const type = fieldValue(element, 'type');
  if (!clinician) errors.push({ field: 'clinician', message: 'Enter the clinician' });
  if (!type) errors.push({ field: 'type', message: 'Enter the appointment type' });
  return {
    clinician,
    type,
    channel: (checkedValues(element, 'channel')[0] ?? 'in-person') as Channel,
    bookableOnline: checkedValues(element, 'online').includes('yes'),
  };
}

let lastSlotForm: { date?: string; start?: string; minutes?: string; kind?: Partial<SlotKind> } = {};

/** Publish one slot. */
export function publishSlotScreen(app: App) {
  return async (context: Context): Promise<Page> => {
    const { timeZone } = await staffPractice(app);
    const date =
      lastSlotForm.date ?? (validDate(context.query.get('date')) ? (context.query.get('date') as string) : undefined);
    const element = form(
      (element, pressed) => {
        const errors: FieldError[] = [];
        const day = readDate(element, 'date');
        const start = parseTime(fieldValue(element, 'start'));
        const minutes = Number(fieldValue(element, 'minutes'));
        if (!day) errors.push({ field: 'date', message: 'Enter a real date, for example 7 12 2026' });
        if (!start) errors.push({ field: 'start', message: 'Enter the start time, for example 09:30' });
        if (!Number.isInteger(minutes) || minutes < 5 || minutes > 240)
          errors.push({ field: 'minutes', message: 'Enter how long it lasts, from 5 to 240 minutes' });
        const kind = readSlotKind(element, errors);
        lastSlotForm = {
          date: day,
          start: fieldValue(element, 'start'),
          minutes: fieldValue(element, 'minutes'),
          kind,
        };
        if (errors.length > 0 || !day || !start) {
          void app.showErrors(errors);
          return;
        }
        const startAt = zonedInstant(day, start, timeZone);
        const endAt = new Date(Date.parse(startAt) + minutes * 60_000).toISOString();
        void app.submit(pressed, 'Publishing…', async () => {
          await must(app.api.POST('/staff/slots', { body: { slots: [{ start: startAt, end: endAt, ...kind }] } }));
          lastSlotForm = {};
          app.go(`/app/staff/slots?date=${day}`);
        });
      },
      dateInput({
        id: 'date',
        legend: 'Date',
        hint: 'For example, 7 12 2026',
        value: date,
        error: errorFor(context, 'date'),
      }),
      textInput({
        id: 'start',
        label: 'Start time',
        hint: '24-hour clock, for example 09:30 or 14:00',
        value: lastSlotForm.start,
        error: errorFor(context, 'start'),
        width: 5,
        attrs: { autocomplete: 'off' },
      }),
      textInput({
        id: 'minutes',
        label: 'Length in minutes',
        value: lastSlotForm.minutes ?? '10',
        error: errorFor(context, 'minutes'),
        width: 3,
        attrs: { inputmode: 'numeric', autocomplete: 'off' },
      }),
      slotKindFields(context, lastSlotForm.kind ?? {}),
      button('Publish slot'),
    );
    return {
      title: 'Publish a slot',
      back: `/app/staff/slots${date ? `?date=${date}` : ''}`,
      body: [heading('Publish a slot'), element],
    };
  };
}

/** Withdraw a free slot: asked once, as it disappears for patients at once. */
export function withdrawSlotScreen(app: App) {
  return async (context: Context): Promise<Page> => {
    const id = context.params[0] ?? '';
    const date = validDate(context.query.get('date'))
      ? (context.query.get('date') as string)
      : app.localDate(new Date());
    const slot = (await daySlots(app, date)).find((item) => item.slotId === id);
    const back = `/app/staff/slots?date=${date}`;
    if (!slot || slot.status !== 'free')
      return {
        title: 'Slot not free',
        back,
        body: [heading('This slot is no longer free'), p(h('a', { href: back }, 'Back to the slots'))],
      };
    const submit = button('Withdraw slot', { class: 'nhsuk-button nhsuk-button--warning' });
    return {
      title: 'Withdraw this slot',
      back,
      body: [
        heading('Withdraw this slot?'),
        summaryList([
          { key: 'Date', value: longDate(app, date) },
          { key: 'Time', value: `${app.formatTime(slot.start)} to ${app.formatTime(slot.end)}` },
          { key: 'Clinician', value: slot.clinician },
          { key: 'Type', value: `${slot.type}, ${CHANNELS[slot.channel].toLowerCase()}` },
        ]),
        p('Patients will no longer see it or be able to book it.'),
        form(
          (_element, pressed) =>
            void app.submit(pressed ?? submit, 'Withdrawing…', async () => {
              await must(app.api.DELETE('/staff/slots/{slotId}', { params: { path: { slotId: id } } }));
              app.go(back);
            }),
          submit,
        ),
      ],
    };
  };
}

/** Cancel a booked appointment for the practice (the patient is told it was the surgery). */
export function cancelAppointmentScreen(app: App) {
  return async (context: Context): Promise<Page> => {
    const id = context.params[0] ?? '';
    const date = validDate(context.query.get('date'))
      ? (context.query.get('date') as string)
      : app.localDate(new Date());
    await staffPractice(app);
    const day = await must(app.api.GET('/staff/appointments', { params: { query: { date, limit: 100 } } }));
    const appointment = day.items.find((item) => item.appointmentId === id);
    const back = `/app/staff/slots?date=${date}`;
    if (!appointment || appointment.status !== 'booked')
      return {
        title: 'Appointment not booked',
        back,
        body: [
          heading('This appointment is not booked'),
          p('It may already have been cancelled.'),
          p(h('a', { href: back }, 'Back to the slots')),
        ],
      };
    const submit = secondaryButton('Cancel appointment', { class: 'nhsuk-button nhsuk-button--warning' });
    return {
      title: 'Cancel appointment',
      back,
      body: [
        heading('Cancel appointment'),
        summaryList([
          { key: 'Patient', value: `${appointment.patientName ?? ''} ${appointment.nhsNumber}`.trim() },
          { key: 'Date', value: longDate(app, date) },
          { key: 'Time', value: `${app.formatTime(appointment.start)} to ${app.formatTime(appointment.end)}` },
          { key: 'Clinician', value: appointment.clinician },
        ]),
        form(
          (element, pressed) => {
            const reason = fieldValue(element, 'reason');
            if (!reason) {
              void app.showErrors([{ field: 'reason', message: 'Enter why the appointment is cancelled' }]);
              return;
            }
            void app.submit(pressed, 'Cancelling…', async () => {
              await must(
                app.api.POST('/staff/appointments/{id}/cancel', { params: { path: { id } }, body: { reason } }),
              );
              app.go(back);
            });
          },
          textarea({
            id: 'reason',
            label: 'Why is it cancelled?',
            hint: 'The patient is told the surgery cancelled it. 500 characters or fewer.',
            error: errorFor(context, 'reason'),
            rows: 3,
            attrs: { maxlength: '500' },
          }),
          submit,
        ),
      ],
    };
  };
}
