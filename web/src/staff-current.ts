import type { Page } from './app.ts';
import { h } from './dom.ts';
import { heading, p } from './ui.ts';

/**
 * The patient being worked on. Held in memory, never in the address bar: an NHS number in a URL
 * ends up in browser history and in any access log a reload passes through.
 */
let current: { nhsNumber: string; name?: string } | undefined;

export function currentPatient(): { nhsNumber: string; name?: string } | undefined {
  return current;
}

export function setCurrentPatient(patient: { nhsNumber: string; name?: string } | undefined): void {
  current = patient;
}

/** The patient page's screens open only once a patient has been found (a reload forgets them). */
export function noPatientPage(): Page {
  return {
    title: 'Find a patient',
    back: '/app/staff/patients',
    body: [heading('Find a patient first'), p(h('a', { href: '/app/staff/patients' }, 'Find a patient by NHS number'))],
  };
}
