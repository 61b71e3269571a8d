import { allItems, must, type Schemas } from './api/client.ts';
import { errorFor, type App, type Context, type Page } from './app.ts';
import { h } from './dom.ts';
import { reasonForm } from './reason-form.ts';
import { button, buttonLink, heading, insetText, p, panel, select, summaryList, tag, textarea } from './ui.ts';

type Slot = Schemas['Slot'];
type Appointment = Schemas['Appointment'];

const CHANNELS: Record<Slot['channel'], string> = { 'in-person': 'In person', telephone: 'Telephone', video: 'Video' };
const DAY_MS = 86_400_000;
/** The window of free slots read at once: the chosen day and the next six, to find the next free day. */
const WINDOW_DAYS = 7;

/** The booking in progress: the chosen slot, the description and, when moving, the appointment moved. */
let booking: { slot?: Slot; description?: string; moving?: Appointment } = {};
let lastDone: Appointment | undefined;

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function slotLine(app: App, slot: Pick<Slot, 'start' | 'clinician' | 'type' | 'channel'>): string {
  return `${app.formatTime(slot.start)}, ${slot.clinician} (${slot.type}), ${CHANNELS[slot.channel].toLowerCase()}`;
}

function appointmentRows(
  app: App,
  appointment: Pick<Appointment, 'start' | 'end' | 'clinician' | 'type' | 'channel' | 'description'>,
) {
  return [
    { key: 'Date', value: app.formatDate(appointment.start) },
    { key: 'Time', value: `${app.formatTime(appointment.start)} to ${app.formatTime(appointment.end)}` },
    { key: 'Clinician', value: appointment.clinician },
    { key: 'Type', value: appointment.type },
    { key: 'How', value: CHANNELS[appointment.channel] },
    ...(appointment.description ? [{ key: 'Reason', value: appointment.description }] : []),
  ];
}

/** Every free slot from `from` for WINDOW_DAYS days (the API pages at 100). */
async function freeSlots(
  app: App,
  from: Date,
  filters: { type?: string; channel?: Slot['channel']; clinician?: string },
): Promise<Slot[]> {
  return allItems((nextToken) =>
    must(
      app.api.GET('/slots', {
        params: {
          query: {
            from: from.toISOString(),
            to: new Date(from.getTime() + WINDOW_DAYS * DAY_MS).toISOString(),
            limit: 100,
            nextToken,
            ...filters,
          },
        },
      }),
    ),
  );
}

/** Appointments: upcoming and past, with a way to book, change or cancel. */
export function appointmentsScreen(app: App) {
  return async (): Promise<Page> => {
    const [upcoming, past] = await Promise.all([
      must(app.api.GET('/appointments', { params: { query: { when: 'upcoming' } } })),
      must(app.api.GET('/appointments', { params: { query: { when: 'past' } } })),
    ]);
    const card = (appointment: Appointment, actions: boolean) =>
      h(
        'div',
        { class: 'nhsuk-card' },
        h(
          'div',
          { class: 'nhsuk-card__content' },
          h(
            'h3',
            { class: 'nhsuk-card__heading nhsuk-heading-s' },
            `${app.formatDate(appointment.start)} at ${app.formatTime(appointment.start)}`,
          ),
          appointment.status === 'cancelled' ? p(tag('Cancelled', 'grey')) : p(tag('Booked', 'green')),
          summaryList(appointmentRows(app, appointment).slice(2)),
          actions && appointment.status === 'booked'
            ? h(
                'p',
                { class: 'nhsuk-body' },
                h(
                  'a',
                  { href: `/app/appointments/book?move=${appointment.appointmentId}` },
                  'Change time',
                  h(
                    'span',
                    { class: 'nhsuk-u-visually-hidden' },
                    ` of appointment on ${app.formatDate(appointment.start)}`,
                  ),
                ),
                ' | ',
                h(
                  'a',
                  { href: `/app/appointments/${appointment.appointmentId}/cancel` },
                  'Cancel appointment',
                  h('span', { class: 'nhsuk-u-visually-hidden' }, ` on ${app.formatDate(appointment.start)}`),
                ),
              )
            : null,
        ),
      );
    return {
      title: 'Your appointments',
      back: '/app/',
      body: [
        heading('Your appointments'),
        buttonLink('Book an appointment', '/app/appointments/book'),
        h('h2', {}, 'Upcoming'),
        upcoming.items.length > 0
          ? upcoming.items.map((item) => card(item, true))
          : p('You have no upcoming appointments.'),
        h('h2', {}, 'Past'),
        past.items.length > 0 ? past.items.map((item) => card(item, false)) : p('You have no past appointments.'),
      ],
    };
  };
}

/** Choose a time: one day at a time over the booking horizon, filtered by type, how and clinician. */
export function chooseSlotScreen(app: App) {
  return async (context: Context): Promise<Page> => {
    const moveId = context.query.get('move') ?? undefined;
    if (moveId && booking.moving?.appointmentId !== moveId) {
      booking = { moving: await must(app.api.GET('/appointments/{id}', { params: { path: { id: moveId } } })) };
    } else if (!moveId) booking = { ...booking, moving: undefined };
    const practice = await must(app.api.GET('/practice'));
    const today = app.localDate(new Date());
    const lastDay = addDays(today, practice.settings.bookingHorizonDays);
    const requested = context.query.get('date') ?? today;
    const date = requested < today ? today : requested > lastDay ? lastDay : requested;
    const filters = {
      type: context.query.get('type') || undefined,
      channel: (context.query.get('channel') || undefined) as Slot['channel'] | undefined,
      clinician: context.query.get('clinician') || undefined,
    };
    // From the day before in UTC, so the whole local day is covered in any time zone.
    const from = new Date(Math.max(Date.parse(`${date}T00:00:00Z`) - DAY_MS, Date.now()));
    const [slots, all] = await Promise.all([freeSlots(app, from, filters), freeSlots(app, from, {})]);
    const onDay = slots.filter((slot) => app.localDate(slot.start) === date);
    const nextFree = slots.find((slot) => app.localDate(slot.start) > date);
    /** A filter of the slots: any (the empty value) or one of `choices`. */
    const filter = (id: keyof typeof filters, label: string, any: string, choices: { value: string; text: string }[]) =>
      select({ id, label, value: filters[id] ?? '', choices: [{ value: '', text: any }, ...choices] });
    /** The values the slots have for a field, each its own label, in order. */
    const valuesOf = (field: 'type' | 'clinician') =>
      [...new Set(all.map((slot) => slot[field]))].sort().map((value) => ({ value, text: value }));
    const link = (day: string) =>
      `/app/appointments/book?${new URLSearchParams({ ...(moveId ? { move: moveId } : {}), date: day, ...Object.fromEntries(Object.entries(filters).filter(([, value]) => value)) }).toString()}`;
    const title = moveId ? 'Choose a new time' : 'Choose a time';

    const filterForm = h(
      'form',
      {
        method: 'get',
        action: '/app/appointments/book',
        onsubmit: (event: Event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget as HTMLFormElement);
          const query = new URLSearchParams();
          for (const [name, value] of data) if (typeof value === 'string' && value) query.set(name, value);
          app.go(`/app/appointments/book?${query.toString()}`);
        },
      },
      moveId ? h('input', { type: 'hidden', name: 'move', value: moveId }) : null,
      h('input', { type: 'hidden', name: 'date', value: date }),
      h('h2', { class: 'nhsuk-heading-s' }, 'Filter appointments'),
      filter('type', 'Type', 'Any type', valuesOf('type')),
      filter(
        'channel',
        'How',
        'Any way',
        (Object.keys(CHANNELS) as Slot['channel'][]).map((value) => ({ value, text: CHANNELS[value] })),
      ),
      filter('clinician', 'Clinician', 'Anyone', valuesOf('clinician')),
      button('Apply filters', { class: 'nhsuk-button nhsuk-button--secondary' }),
    );

    const pagination = h(
      'nav',
      { class: 'nhsuk-pagination', role: 'navigation', 'aria-label': 'Days' },
      h(
        'ul',
        { class: 'nhsuk-list nhsuk-pagination__list' },
        date > today
          ? h(
              'li',
              { class: 'nhsuk-pagination-item--previous' },
              h(
                'a',
                { class: 'nhsuk-pagination__link nhsuk-pagination__link--prev', href: link(addDays(date, -1)) },
                h('span', { class: 'nhsuk-pagination__title' }, 'Previous day'),
                h('span', { class: 'nhsuk-u-visually-hidden' }, ':'),
                h(
                  'span',
                  { class: 'nhsuk-pagination__page' },
                  app.formatDate(`${addDays(date, -1)}T12:00:00Z`, { weekday: 'long', day: 'numeric', month: 'long' }),
                ),
              ),
            )
          : null,
        date < lastDay
          ? h(
              'li',
              { class: 'nhsuk-pagination-item--next' },
              h(
                'a',
                { class: 'nhsuk-pagination__link nhsuk-pagination__link--next', href: link(addDays(date, 1)) },
                h('span', { class: 'nhsuk-pagination__title' }, 'Next day'),
                h('span', { class: 'nhsuk-u-visually-hidden' }, ':'),
                h(
                  'span',
                  { class: 'nhsuk-pagination__page' },
                  app.formatDate(`${addDays(date, 1)}T12:00:00Z`, { weekday: 'long', day: 'numeric', month: 'long' }),
                ),
              ),
            )
          : null,
      ),
    );

    const choose = (slot: Slot) => (event: Event) => {
      event.preventDefault();
      booking = { ...booking, slot };
      app.go(booking.moving ? '/app/appointments/book/check' : '/app/appointments/book/details');
    };

    return {
      title,
      back: moveId ? '/app/appointments' : '/app/appointments',
      body: [
        heading(
          title,
          booking.moving
            ? `Moving your appointment on ${app.formatDate(booking.moving.start)} at ${app.formatTime(booking.moving.start)}`
            : undefined,
        ),
        h('h2', { class: 'nhsuk-heading-m' }, app.formatDate(`${date}T12:00:00Z`)),
        onDay.length > 0
          ? h(
              'ul',
              { class: 'app-slot-list', 'aria-label': `Free appointments on ${app.formatDate(`${date}T12:00:00Z`)}` },
              onDay.map((slot) =>
                h(
                  'li',
                  {},
                  h(
                    'a',
                    { href: `/app/appointments/book/details?slot=${slot.slotId}`, onclick: choose(slot) },
                    slotLine(app, slot),
                  ),
                ),
              ),
            )
          : [
              p('There are no free appointments on this day.'),
              nextFree
                ? p(
                    h(
                      'a',
                      { href: link(app.localDate(nextFree.start)) },
                      `Go to the next day with free appointments: ${app.formatDate(nextFree.start)}`,
                    ),
                  )
                : null,
            ],
        pagination,
        filterForm,
      ],
    };
  };
}

/** An optional description of the reason for the appointment. */
export function describeScreen(app: App) {
  return (context: Context): Page => {
    if (!booking.slot) return restart();
    const form = h(
      'form',
      {
        novalidate: true,
        onsubmit: (event: Event) => {
          event.preventDefault();
          const value = (form.querySelector<HTMLTextAreaElement>('#description')?.value ?? '').trim();
          if (value.length > 100) {
            void app.showErrors([{ field: 'description', message: 'Reason must be 100 characters or fewer' }]);
            return;
          }
          booking = { ...booking, description: value || undefined };
          app.go('/app/appointments/book/check');
        },
      },
      textarea({
        id: 'description',
        label: 'What is the appointment about? (optional)',
        labelIsPageHeading: true,
        hint: 'This helps the surgery prepare. Do not include anything you would not want reception staff to read. 100 characters or fewer.',
        value: booking.description,
        error: errorFor(context, 'description'),
        rows: 3,
        attrs: { maxlength: '100' },
      }),
      button('Continue'),
    );
    return { title: 'What is the appointment about?', back: '/app/appointments/book', body: [form] };
  };
}

function restart(): Page {
  return {
    title: 'Choose a time',
    back: '/app/appointments',
    body: [
      heading('Choose a time'),
      p('Your choice was not kept. ', h('a', { href: '/app/appointments/book' }, 'Choose a time')),
    ],
  };
}

/** Check your answers, then book (or move) the appointment. */
export function checkBookingScreen(app: App) {
  return (): Page => {
    const slot = booking.slot;
    if (!slot) return restart();
    const moving = booking.moving;
    const rows = appointmentRows(app, slot).map((row) =>
      ['Date', 'Time'].includes(row.key)
        ? {
            ...row,
            action: {
              href: moving ? `/app/appointments/book?move=${moving.appointmentId}` : '/app/appointments/book',
              text: 'Change',
              hidden: row.key.toLowerCase(),
            },
          }
        : row,
    );
    if (!moving)
      rows.push({
        key: 'Reason',
        value: booking.description ?? 'Not given',
        action: { href: '/app/appointments/book/details', text: 'Change', hidden: 'reason' },
      });
    const submit = button(moving ? 'Move appointment' : 'Book appointment');
    const form = h(
      'form',
      {
        novalidate: true,
        onsubmit: (event: Event) => {
          event.preventDefault();
          void app.submit(submit, moving ? 'Moving…' : 'Booking…', async () => {
            lastDone = moving
              ? await must(
                  app.api.POST('/appointments/{id}/reschedule', {
                    params: { path: { id: moving.appointmentId } },
                    body: { slotId: slot.slotId },
                  }),
                )
              : await must(
                  app.api.POST('/appointments', {
                    body: { slotId: slot.slotId, ...(booking.description ? { description: booking.description } : {}) },
                  }),
                );
            booking = {};
            app.go(moving ? '/app/appointments/moved' : '/app/appointments/booked');
          });
        },
      },
      submit,
    );
    return {
      title: 'Check your answers',
      back: moving ? `/app/appointments/book?move=${moving.appointmentId}` : '/app/appointments/book/details',
      body: [
        heading(moving ? 'Check your new appointment' : 'Check your answers before booking'),
        moving
          ? insetText(
              `This replaces your appointment on ${app.formatDate(moving.start)} at ${app.formatTime(moving.start)}.`,
            )
          : null,
        summaryList(rows),
        form,
      ],
    };
  };
}

/** The confirmation after booking or moving. */
export function doneScreen(app: App, kind: 'booked' | 'moved' | 'cancelled') {
  return (): Page => {
    const titles = { booked: 'Appointment booked', moved: 'Appointment moved', cancelled: 'Appointment cancelled' };
    const appointment = lastDone;
    return {
      title: titles[kind],
      body: [
        panel(
          titles[kind],
          appointment ? `${app.formatDate(appointment.start)} at ${app.formatTime(appointment.start)}` : undefined,
        ),
        appointment ? summaryList(appointmentRows(app, appointment)) : null,
        kind === 'cancelled'
          ? p('The surgery has been told. The time is free for someone else to book.')
          : p('If you cannot go, cancel the appointment so someone else can have it.'),
        p(h('a', { href: '/app/appointments' }, 'View your appointments')),
      ],
    };
  };
}

/** Cancel an appointment, giving a reason. */
export function cancelScreen(app: App) {
  return async (context: Context): Promise<Page> => {
    const id = context.params[0] ?? '';
    const appointment = await must(app.api.GET('/appointments/{id}', { params: { path: { id } } }));
    const form = reasonForm(app, context, {
      label: 'Why are you cancelling?',
      hint: 'For example, you feel better or cannot go at this time',
      missing: 'Enter why you are cancelling',
      action: 'Cancel appointment',
      busy: 'Cancelling…',
      send: async (reason) => {
        lastDone = await must(
          app.api.POST('/appointments/{id}/cancel', { params: { path: { id } }, body: { reason } }),
        );
        app.go('/app/appointments/cancelled');
      },
    });
    return {
      title: 'Cancel your appointment',
      back: '/app/appointments',
      body: [heading('Cancel your appointment'), summaryList(appointmentRows(app, appointment)), form],
    };
  };
}
