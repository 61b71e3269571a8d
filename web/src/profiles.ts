import type { App, Page } from './app.ts';
import { h } from './dom.ts';
import { button, choices, p } from './ui.ts';

/**
 * Switch profile: a patient who may act for others (a parent, a carer) chooses whose services to
 * use. Until they switch back, every screen says whose profile is in use and every request is
 * made for that person (the API's Acting-For header).
 */
export function profilesScreen(app: App) {
  return (): Page => {
    const session = app.session!;
    const profiles = session.profiles ?? [];
    const form = h(
      'form',
      {
        novalidate: true,
        onsubmit: (event: Event) => {
          event.preventDefault();
          const chosen = (event.currentTarget as HTMLFormElement).querySelector<HTMLInputElement>(
            'input[name="profile"]:checked',
          )?.value;
          const profile = profiles.find((candidate) => candidate.nhsNumber === chosen);
          app.session = { ...session, actingFor: profile };
          if (!profile) delete app.session.actingFor;
          app.go('/app/');
        },
      },
      choices({
        type: 'radio',
        name: 'profile',
        legend: 'Whose profile do you want to use?',
        legendIsHeading: true,
        hint: 'You can act for the people your GP surgery has given you access to.',
        items: [
          { value: 'self', label: 'Your own profile', checked: !session.actingFor },
          ...profiles.map((profile) => ({
            value: profile.nhsNumber,
            label: `${profile.name} (${profile.relationship})`,
            hint: profile.until ? `Access ends after ${app.formatDate(`${profile.until}T12:00:00Z`)}` : undefined,
            checked: session.actingFor?.nhsNumber === profile.nhsNumber,
          })),
        ],
      }),
      button('Continue'),
    );
    return {
      title: 'Switch profile',
      back: '/app/',
      body: [
        form,
        profiles.length === 0 ? p('Your GP surgery has not given you access to anyone else’s services.') : null,
      ],
    };
  };
}
