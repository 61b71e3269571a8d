import { must, type Schemas } from './api/client.ts';
import type { App, Page } from './app.ts';
import { h } from './dom.ts';
import { card, heading, insetText, p, summaryList } from './ui.ts';

type CodedEntry = Schemas['CodedEntry'];

/** Home: what the practice has turned on for this patient. */
export function homeScreen(app: App) {
  return async (): Promise<Page> => {
    // Staff code is loaded only by staff, so the patient home stays small.
    if (app.session?.role === 'staff') return (await import('./staff.ts')).staffHome(app, signOutLink(app));
    const me = await must(app.api.GET('/me'));
    const acting = app.session?.actingFor;
    // Only the patient's own profile lists whom they may act for.
    if (!acting && app.session) app.session = { ...app.session, profiles: me.actingFor };
    const profiles = app.session?.profiles ?? [];
    const services = [
      me.services.appointments
        ? card('Appointments', '/app/appointments', 'Book, change or cancel an appointment at your GP surgery.')
        : null,
      me.services.prescriptions
        ? card('Repeat prescriptions', '/app/prescriptions', 'Order your repeat medicines and check your requests.')
        : null,
      me.services.record !== 'none'
        ? card(
            'Your GP health record',
            '/app/record',
            me.services.record === 'detailed'
              ? 'See your allergies, medicines, conditions, vaccinations and test results.'
              : 'See your allergies and medicines.',
          )
        : null,
    ].filter(Boolean);
    return {
      title: 'Home',
      body: [
        acting ? heading(me.name, 'Acting for') : heading(`Hello, ${me.name}`),
        p(
          `${app.session?.practiceName ?? me.practice}. NHS number: `,
          h('span', { class: 'app-nowrap' }, me.nhsNumber.replace(/^(\d{3})(\d{3})(\d{4})$/, '$1 $2 $3')),
        ),
        services.length > 0
          ? h('ul', { class: 'nhsuk-grid-row nhsuk-card-group' }, services)
          : insetText(
              acting
                ? `You do not have access to any of ${me.name}'s online services. Contact their GP surgery.`
                : 'Your GP surgery has not turned on any online services for you yet. Contact your GP surgery.',
            ),
        acting || profiles.length > 0
          ? p(
              h('a', { href: '/app/profiles' }, 'Switch profile'),
              acting ? '' : ` to act for ${profiles.map((profile) => profile.name).join(', ')}`,
            )
          : null,
        // Contact preferences are the signed-in person's own, not the patient's they act for.
        acting ? null : p(h('a', { href: '/app/notifications' }, 'How we contact you'), ': emails and text messages'),
        signOutLink(app),
      ],
    };
  };
}

function signOutLink(app: App): HTMLElement {
  return p(
    h(
      'a',
      {
        href: '/app/',
        onclick: (event: Event) => {
          event.preventDefault();
          app.signOut();
        },
      },
      'Sign out',
    ),
  );
}

function entries(title: string, items: readonly CodedEntry[] | undefined, app: App, empty: string): HTMLElement[] {
  return [
    h('h2', {}, title),
    items && items.length > 0
      ? summaryList(
          items.map((item) => ({
            key: item.display,
            value: item.date
              ? app.formatDate(`${item.date}T12:00:00Z`, { day: 'numeric', month: 'long', year: 'numeric' })
              : 'Date not recorded',
          })),
        )
      : p(empty),
  ];
}

/** The record at the level the practice has turned on. */
export function recordScreen(app: App) {
  return async (): Promise<Page> => {
    const record = await must(app.api.GET('/record'));
    const title = app.session?.actingFor ? `${record.demographics.name}'s GP health record` : 'Your GP health record';
    return {
      title,
      back: '/app/',
      body: [
        heading(title),
        summaryList([
          { key: 'Name', value: record.demographics.name },
          {
            key: 'Date of birth',
            value: app.formatDate(`${record.demographics.dateOfBirth}T12:00:00Z`, {
              day: 'numeric',
              month: 'long',
              year: 'numeric',
            }),
          },
          { key: 'NHS number', value: record.demographics.nhsNumber.replace(/^(\d{3})(\d{3})(\d{4})$/, '$1 $2 $3') },
        ]),
        entries('Allergies', record.allergies, app, 'No allergies recorded.'),
        h('h2', {}, 'Medicines'),
        record.medications.length > 0
          ? summaryList(record.medications.map((item) => ({ key: item.name, value: item.dosage })))
          : p('No current medicines recorded.'),
        record.level === 'detailed'
          ? [
              entries('Conditions', record.problems, app, 'No conditions recorded.'),
              entries('Vaccinations', record.immunisations, app, 'No vaccinations recorded.'),
              entries('Test results', record.testResults, app, 'No test results recorded.'),
            ].flat()
          : insetText('Your GP surgery shows you a summary of your record. Ask them if you need to see more.'),
        record.updatedAt ? p(`Last updated ${app.formatDate(record.updatedAt)}.`) : null,
      ],
    };
  };
}
