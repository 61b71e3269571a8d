import { ApiProblem, must, type Schemas } from './api/client.ts';
import { errorFor, type App, type Context, type Page } from './app.ts';
import { h, type Child } from './dom.ts';
import { messageFor } from './messages.ts';
import { table } from './staff.ts';
import { CHANNELS, readSlotKind, slotKindFields, type SlotKind } from './staff-slots.ts';
import {
  addDays,
  checkedValues,
  dateInput,
  fieldValue,
  form,
  isoWeekday,
  longDate,
  minutesOf,
  parseTime,
  readDate,
  staffPractice,
  timeOf,
  zonedInstant,
} from './staff-ui.ts';
import { button, choices, heading, insetText, p, summaryList, tag, textInput, type FieldError } from './ui.ts';

type NewSlot = { start: string; end: string } & SlotKind;

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
/** One POST /staff/slots publishes at most this many. */
const MAX_SLOTS_PER_PUBLISH = 500;
const LATEST_DAYS_AHEAD = 365;

/** What was asked for, as typed (kept in memory while the journey lasts). */
interface Pattern {
  kind: SlotKind;
  from: string;
  to: string;
  days: number[];
  start: string;
  end: string;
  minutes: number;
}

interface Week {
  /** The Monday the week begins on. */
  monday: string;
  slots: NewSlot[];
  state: 'waiting' | 'publishing' | 'published' | 'refused';
  reason?: string;
}

let typed: Partial<Record<'start' | 'end' | 'minutes', string>> & {
  from?: string;
  to?: string;
  days?: number[];
  kind?: Partial<SlotKind>;
} = {};
let pattern: Pattern | undefined;
let weeks: Week[] = [];

/** The pattern's slots, week by week (Monday to Sunday), leaving out times already passed. */
function weeksOf(value: Pattern, timeZone: string, now: number): Week[] {
  const byWeek = new Map<string, NewSlot[]>();
  for (let date = value.from; date <= value.to; date = addDays(date, 1)) {
    const weekday = isoWeekday(date);
    if (!value.days.includes(weekday)) continue;
    const monday = addDays(date, 1 - weekday);
    const list = byWeek.get(monday) ?? [];
    for (let at = minutesOf(value.start); at + value.minutes <= minutesOf(value.end); at += value.minutes) {
      const start = zonedInstant(date, timeOf(at), timeZone);
      if (Date.parse(start) <= now) continue;
      list.push({ start, end: zonedInstant(date, timeOf(at + value.minutes), timeZone), ...value.kind });
    }
    byWeek.set(monday, list);
  }
  return [...byWeek]
    .filter(([, slots]) => slots.length > 0)
    .map(([monday, slots]) => ({ monday, slots, state: 'waiting' as const }));
}

/** A weekly pattern: who, which days between two dates, and the session's times. */
export function patternScreen(app: App) {
  return async (context: Context): Promise<Page> => {
    const { timeZone } = await staffPractice(app);
    const today = app.localDate(new Date());
    const element = form(
      (element, pressed) => {
        const errors: FieldError[] = [];
        const kind = readSlotKind(element, errors);
        const from = readDate(element, 'from');
        const to = readDate(element, 'to');
        const days = checkedValues(element, 'days').map(Number);
        const start = parseTime(fieldValue(element, 'start'));
        const end = parseTime(fieldValue(element, 'end'));
        const minutes = Number(fieldValue(element, 'minutes'));
        typed = {
          kind,
          from,
          to,
          days,
          start: fieldValue(element, 'start'),
          end: fieldValue(element, 'end'),
          minutes: fieldValue(element, 'minutes'),
        };
        if (!from) errors.push({ field: 'from', message: 'Enter a real first day, for example 7 12 2026' });
        else if (from < today) errors.push({ field: 'from', message: 'The first day must be today or later' });
        if (!to) errors.push({ field: 'to', message: 'Enter a real last day, for example 31 12 2026' });
        else if (from && to < from)
          errors.push({ field: 'to', message: 'The last day must be the same as or after the first day' });
        else if (to > addDays(today, LATEST_DAYS_AHEAD))
          errors.push({ field: 'to', message: 'The last day must be within a year from today' });
        if (days.length === 0) errors.push({ field: 'days', message: 'Choose at least one day of the week' });
        if (!start) errors.push({ field: 'start', message: 'Enter when the session starts, for example 09:00' });
        if (!end) errors.push({ field: 'end', message: 'Enter when the session ends, for example 12:00' });
        else if (start && end <= start) errors.push({ field: 'end', message: 'The session must end after it starts' });
        if (!Number.isInteger(minutes) || minutes < 5 || minutes > 240)
          errors.push({ field: 'minutes', message: 'Enter how long each slot lasts, from 5 to 240 minutes' });
        else if (start && end && end > start && minutesOf(end) - minutesOf(start) < minutes)
          errors.push({ field: 'minutes', message: 'Each slot must fit in the session' });
        if (errors.length > 0 || !from || !to || !start || !end) {
          void app.showErrors(errors);
          return;
        }
        const wanted: Pattern = { kind, from, to, days, start, end, minutes };
        const planned = weeksOf(wanted, timeZone, Date.now());
        if (planned.length === 0) {
          void app.showErrors([
            { field: 'days', message: 'None of the chosen days fall between the first and last day' },
          ]);
          return;
        }
        const tooBig = planned.find((week) => week.slots.length > MAX_SLOTS_PER_PUBLISH);
        if (tooBig) {
          void app.showErrors([
            {
              field: 'minutes',
              message: `A week of this pattern has ${tooBig.slots.length} slots; at most ${MAX_SLOTS_PER_PUBLISH} can be published in a week`,
            },
          ]);
          return;
        }
        pattern = wanted;
        weeks = planned;
        if (pressed) app.go('/app/staff/slots/pattern/check');
      },
      slotKindFields(context, typed.kind ?? {}),
      dateInput({
        id: 'from',
        legend: 'First day',
        hint: 'For example, 7 12 2026',
        value: typed.from,
        error: errorFor(context, 'from'),
      }),
      dateInput({
        id: 'to',
        legend: 'Last day',
        hint: 'For example, 31 12 2026',
        value: typed.to,
        error: errorFor(context, 'to'),
      }),
      choices({
        type: 'checkbox',
        name: 'days',
        legend: 'Which days of the week?',
        error: errorFor(context, 'days'),
        items: WEEKDAYS.map((day, index) => ({
          value: String(index + 1),
          label: day,
          checked: (typed.days ?? [1, 2, 3, 4, 5]).includes(index + 1),
        })),
      }),
      textInput({
        id: 'start',
        label: 'Session starts',
        hint: '24-hour clock, for example 09:00',
        value: typed.start,
        error: errorFor(context, 'start'),
        width: 5,
        attrs: { autocomplete: 'off' },
      }),
      textInput({
        id: 'end',
        label: 'Session ends',
        hint: '24-hour clock, for example 12:00',
        value: typed.end,
        error: errorFor(context, 'end'),
        width: 5,
        attrs: { autocomplete: 'off' },
      }),
      textInput({
        id: 'minutes',
        label: 'Each slot lasts (minutes)',
        value: typed.minutes ?? '10',
        error: errorFor(context, 'minutes'),
        width: 3,
        attrs: { inputmode: 'numeric', autocomplete: 'off' },
      }),
      button('Continue'),
    );
    return {
      title: 'Publish a weekly pattern',
      back: '/app/staff/slots',
      body: [
        heading('Publish a weekly pattern'),
        p(
          'The same session on the chosen days of each week. Each week is published on its own: a week with a clash is not published at all, and the others still are.',
        ),
        element,
      ],
    };
  };
}

function patternRows(app: App, value: Pattern) {
  const change = { href: '/app/staff/slots/pattern', text: 'Change' };
  return summaryList([
    { key: 'Clinician', value: value.kind.clinician, action: { ...change, hidden: 'clinician' } },
    {
      key: 'Appointment',
      value: `${value.kind.type}, ${CHANNELS[value.kind.channel].toLowerCase()}${value.kind.bookableOnline ? '' : ', not bookable online'}`,
      action: { ...change, hidden: 'appointment type' },
    },
    {
      key: 'Dates',
      value: `${longDate(app, value.from)} to ${longDate(app, value.to)}`,
      action: { ...change, hidden: 'dates' },
    },
    {
      key: 'Days',
      value: value.days.map((day) => WEEKDAYS[day - 1]).join(', '),
      action: { ...change, hidden: 'days' },
    },
    {
      key: 'Session',
      value: `${value.start} to ${value.end}, ${value.minutes} minutes each`,
      action: { ...change, hidden: 'session' },
    },
  ]);
}

const weekName = (app: App, week: Week) => `Week beginning ${longDate(app, week.monday)}`;

function weekState(week: Week): HTMLElement {
  if (week.state === 'published') return tag('Published', 'green');
  if (week.state === 'refused') return tag('Not published', 'red');
  if (week.state === 'publishing') return tag('Publishing', 'blue');
  return tag('Waiting', 'grey');
}

/** A step after the pattern's form reached without a pattern (a reload, say): start again. */
const noPattern = (): Page => ({
  title: 'No pattern',
  back: '/app/staff/slots',
  body: [
    heading('There is no pattern to publish'),
    p(h('a', { href: '/app/staff/slots/pattern' }, 'Publish a weekly pattern')),
  ],
});

/** Check the weeks, then publish them one by one, each shown as it goes. */
export function patternCheckScreen(app: App) {
  return async (): Promise<Page> => {
    await staffPractice(app);
    if (!pattern || weeks.length === 0) return noPattern();
    const value = pattern;
    const total = weeks.reduce((sum, week) => sum + week.slots.length, 0);
    const status = h('p', { class: 'nhsuk-body', role: 'status' });
    const rows = () =>
      weeks.map((week) => [weekName(app, week), String(week.slots.length), h('span', {}, weekState(week))]);
    const progress = h('div', {}, table('Weeks to publish', ['Week', 'Slots', 'Status'], rows()));
    const redraw = () => progress.replaceChildren(table('Weeks to publish', ['Week', 'Slots', 'Status'], rows()));
    // Back here after publishing, only the weeks not yet published are sent again.
    const left = weeks.filter((week) => week.state !== 'published').length;
    const submit = button(`Publish ${left === 1 ? '1 week' : `${left} weeks`}`);
    return {
      title: 'Check the pattern',
      back: '/app/staff/slots/pattern',
      body: [
        heading('Check the pattern before publishing'),
        patternRows(app, value),
        p(
          `${total} slots in ${weeks.length === 1 ? '1 week' : `${weeks.length} weeks`}. Times that have already passed are left out.`,
        ),
        progress,
        status,
        left === 0
          ? p(h('a', { href: '/app/staff/slots/pattern/published' }, 'Every week is published: see the result'))
          : form(
              (_element, pressed) =>
                void app.submit(pressed ?? submit, 'Publishing…', async () => {
                  for (const [index, week] of weeks.entries()) {
                    if (week.state === 'published') continue;
                    week.state = 'publishing';
                    status.textContent = `Publishing week ${index + 1} of ${weeks.length}…`;
                    redraw();
                    await publishWeek(app, week);
                    redraw();
                  }
                  status.textContent = '';
                  app.go('/app/staff/slots/pattern/published');
                }),
              submit,
            ),
      ],
    };
  };
}

/** One week, all or nothing: published, or refused with the reason a person can act on. */
async function publishWeek(app: App, week: Week): Promise<void> {
  try {
    await must(app.api.POST('/staff/slots', { body: { slots: week.slots } }));
    week.state = 'published';
    week.reason = undefined;
  } catch (error) {
    week.state = 'refused';
    week.reason = await refusal(app, week, error);
  }
}

async function refusal(app: App, week: Week, error: unknown): Promise<string> {
  if (!(error instanceof ApiProblem)) return messageFor(error);
  if (error.code === 'slot-overlap') {
    const clashes = await clashesIn(app, week).catch(() => []);
    const clinician = week.slots[0]?.clinician ?? '';
    if (clashes.length === 0)
      return `${clinician} already has slots at some of these times. ${error.problem.detail ?? ''}`.trim();
    const shown = clashes
      .slice(0, 3)
      .map(
        (slot) =>
          `${app.formatDate(slot.start, { weekday: 'long', day: 'numeric', month: 'long' })} ${app.formatTime(slot.start)} to ${app.formatTime(slot.end)}`,
      );
    const more = clashes.length > 3 ? ` and ${clashes.length - 3} more` : '';
    return `It overlaps slots ${clinician} already has: ${shown.join('; ')}${more}.`;
  }
  if (error.code === 'validation-failed' && error.problem.errors?.length) {
    return error.problem.errors
      .slice(0, 3)
      .map((item) => {
        const slot = week.slots[Number(item.path.split('.')[1])];
        return slot
          ? `The slot at ${app.formatDate(slot.start, { weekday: 'long', day: 'numeric', month: 'long' })} ${app.formatTime(slot.start)}: ${item.message}`
          : item.message;
      })
      .join('. ');
  }
  return messageFor(error);
}

/** The clinician's live slots that the week's slots would overlap. */
async function clashesIn(app: App, week: Week): Promise<Schemas['BoardSlot'][]> {
  const first = week.slots[0];
  const last = week.slots[week.slots.length - 1];
  if (!first || !last) return [];
  const board = await must(
    app.api.GET('/staff/slots', {
      params: { query: { from: first.start, to: last.end, clinician: first.clinician, limit: 100 } },
    }),
  );
  return board.items.filter(
    (slot) =>
      slot.status !== 'withdrawn' && week.slots.some((wanted) => wanted.start < slot.end && slot.start < wanted.end),
  );
}

/** What happened to each week. */
export function patternPublishedScreen(app: App) {
  return async (): Promise<Page> => {
    await staffPractice(app);
    const published = weeks.filter((week) => week.state === 'published');
    const refused = weeks.filter((week) => week.state !== 'published');
    if (weeks.length === 0 || !pattern) return noPattern();
    const title =
      refused.length === 0
        ? 'Weekly pattern published'
        : published.length === 0
          ? 'No weeks were published'
          : 'Some weeks were not published';
    const plural = (count: number) => (count === 1 ? '1 week' : `${count} weeks`);
    const results: Child[] = [
      table(
        'Each week',
        ['Week', 'Slots', 'Result'],
        weeks.map((week) => [
          weekName(app, week),
          String(week.slots.length),
          h(
            'span',
            {},
            weekState(week),
            week.reason ? h('span', { class: 'nhsuk-body-s app-block' }, week.reason) : null,
          ),
        ]),
      ),
    ];
    const firstPublished = published[0]?.slots[0];
    return {
      title,
      back: '/app/staff/slots',
      body: [
        heading(title),
        p(`${plural(published.length)} published, ${plural(refused.length)} not published.`),
        refused.length > 0
          ? insetText(
              'A week that was not published has no new slots at all. Change the pattern for those dates, or free the clashing times, and publish them again.',
            )
          : null,
        results,
        h(
          'ul',
          { class: 'nhsuk-list' },
          firstPublished
            ? h(
                'li',
                {},
                h(
                  'a',
                  { href: `/app/staff/slots?date=${app.localDate(firstPublished.start)}` },
                  'View the published slots',
                ),
              )
            : null,
          h('li', {}, h('a', { href: '/app/staff/slots/pattern' }, 'Publish another pattern')),
        ),
      ],
    };
  };
}
