import type { App } from './app.ts';
import { h } from './dom.ts';

/** Every staff screen, reachable from every staff screen (the list wraps at 320 px). */
const LINKS: readonly { href: string; text: string }[] = [
  { href: '/app/', text: 'Home' },
  { href: '/app/staff/appointments', text: 'Appointments' },
  { href: '/app/staff/slots', text: 'Slots' },
  { href: '/app/staff/patients', text: 'Patients' },
  { href: '/app/staff/prescriptions', text: 'Prescriptions' },
  { href: '/app/staff/reports', text: 'Reports' },
  { href: '/app/staff/settings', text: 'Settings' },
  { href: '/app/staff/audit', text: 'Audit' },
];

/** The section a path belongs to: the longest link that starts it (a patient's pages are Patients). */
function currentHref(path: string): string | undefined {
  const section = path.startsWith('/app/staff/patient') ? '/app/staff/patients' : path.replace(/\/$/, '') || '/app/';
  return LINKS.filter((link) =>
    link.href === '/app/' ? section === '/app' || section === '/app/' : section.startsWith(link.href),
  ).sort((a, b) => b.href.length - a.href.length)[0]?.href;
}

/**
 * The header navigation, shown while staff are signed in and removed otherwise. Small on purpose:
 * it is the only staff code in the first load, so it can be drawn before the staff screens load.
 */
export function drawStaffNavigation(app: App): void {
  document.getElementById('staff-navigation')?.remove();
  if (app.session?.role !== 'staff') return;
  const header = document.querySelector('header');
  if (!header) return;
  const current = currentHref(location.pathname);
  header.appendChild(
    h(
      'nav',
      { class: 'nhsuk-header__navigation', id: 'staff-navigation', 'aria-label': 'Practice staff' },
      h(
        'div',
        { class: 'nhsuk-header__navigation-container nhsuk-width-container' },
        h(
          'ul',
          { class: 'nhsuk-header__navigation-list app-navigation-list' },
          LINKS.map((link) =>
            h(
              'li',
              {
                class:
                  link.href === current
                    ? 'nhsuk-header__navigation-item nhsuk-header__navigation-item--current'
                    : 'nhsuk-header__navigation-item',
              },
              h(
                'a',
                {
                  class: 'nhsuk-header__navigation-link',
                  href: link.href,
                  'aria-current': link.href === current ? 'page' : undefined,
                },
                link.text,
              ),
            ),
          ),
        ),
      ),
    ),
  );
}
