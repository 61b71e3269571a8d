import { must, type Schemas } from './api/client.ts';
import type { App, Page } from './app.ts';
import { h } from './dom.ts';
import { currentPatient, noPatientPage } from './staff-current.ts';
import type { PatientSection } from './staff-patients.ts';
import { table } from './staff.ts';
import { form, plainDate, spacedNhsNumber, staffPractice } from './staff-ui.ts';
import { button, heading, insetText, p, secondaryButton, summaryList, tag, type TagColour } from './ui.ts';

type Invitation = Schemas['Invitation'];

/**
 * The invitation just issued, for its letter. Its linkage key is shown in this one answer only
 * (the server keeps it hashed), so it lives in memory until the letter is printed.
 */
let issued:
  { invitation: Schemas['IssuedInvitation']; name: string; nhsNumber: string; dateOfBirth: string } | undefined;

const STATUS: Record<Invitation['status'], { text: string; colour: TagColour }> = {
  open: { text: 'Open', colour: 'blue' },
  used: { text: 'Used', colour: 'green' },
  revoked: { text: 'Revoked', colour: 'grey' },
  expired: { text: 'Expired', colour: 'grey' },
  locked: { text: 'Locked', colour: 'red' },
};

const shortDate = (app: App, iso: string) => app.formatDate(iso, { day: 'numeric', month: 'short', year: 'numeric' });

/** The patient's sign-in: linked or not, the registration letters issued, and unlinking. */
export const accountSection: PatientSection = async (app, patient) => {
  const nhsNumber = patient.nhsNumber;
  const invitations = await must(
    app.api.GET('/staff/patients/{nhsNumber}/invitations', { params: { path: { nhsNumber }, query: { limit: 100 } } }),
  );
  const issue = button('Issue a registration letter');
  const revoke = (invitation: Invitation) =>
    form(
      (_element, pressed) =>
        void app.submit(pressed, 'Revoking…', async () => {
          await must(
            app.api.DELETE('/staff/invitations/{invitationId}', {
              params: { path: { invitationId: invitation.invitationId } },
            }),
          );
          app.go('/app/staff/patient');
        }),
      secondaryButton('Revoke', {
        class: 'nhsuk-button nhsuk-button--secondary nhsuk-button--small',
        'aria-label': `Revoke the letter with account ID ${invitation.accountId}`,
      }),
    );
  return [
    h('h2', {}, 'Online account'),
    summaryList([
      {
        key: 'Sign-in',
        value: patient.account.linked
          ? h(
              'span',
              {},
              tag('Linked', 'green'),
              patient.account.linkedAt ? ` since ${plainDate(app, app.localDate(patient.account.linkedAt))}` : '',
            )
          : tag('Not linked', 'grey'),
        action: patient.account.linked
          ? { href: '/app/staff/patient/unlink', text: 'Unlink', hidden: 'the patient’s sign-in' }
          : undefined,
      },
    ]),
    h('h3', {}, 'Registration letters'),
    invitations.items.length === 0
      ? p('No registration letters have been issued.')
      : table(
          'Letters issued, newest first',
          ['Issued', 'Account ID', 'Expires', 'Status', 'Action'],
          [...invitations.items]
            .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
            .map((invitation) => [
              shortDate(app, invitation.createdAt),
              invitation.accountId,
              shortDate(app, invitation.expiresAt),
              tag(STATUS[invitation.status].text, STATUS[invitation.status].colour),
              invitation.status === 'open' ? revoke(invitation) : '',
            ]),
        ),
    p('A new letter gives new details and stops any unused earlier letter from working.'),
    form(
      (_element, pressed) =>
        void app.submit(pressed, 'Issuing…', async () => {
          const invitation = await must(
            app.api.POST('/staff/patients/{nhsNumber}/invitations', { params: { path: { nhsNumber } }, body: {} }),
          );
          issued = { invitation, name: patient.name, nhsNumber, dateOfBirth: patient.dateOfBirth };
          app.go('/app/staff/patient/letter');
        }),
      issue,
    ),
  ];
};

/** The registration letter: printed and given or posted to the patient. */
export function letterScreen(app: App) {
  return async (): Promise<Page> => {
    const practice = await staffPractice(app);
    const letter = issued;
    if (!letter || letter.nhsNumber !== currentPatient()?.nhsNumber || !letter.invitation.linkageKey)
      return {
        title: 'Letter not available',
        back: '/app/staff/patient',
        body: [
          heading('This letter can no longer be shown'),
          p('A letter’s linkage key is shown only when it is issued. Issue a new letter from the patient’s page.'),
          p(h('a', { href: currentPatient() ? '/app/staff/patient' : '/app/staff/patients' }, 'Back to the patient')),
        ],
      };
    const { invitation } = letter;
    const expires = plainDate(app, app.localDate(invitation.expiresAt));
    const signUp = `${location.origin}/app/`;
    return {
      title: 'Registration letter',
      back: '/app/staff/patient',
      body: [
        h(
          'div',
          { class: 'app-no-print' },
          h('span', { class: 'nhsuk-caption-l' }, 'Registration letter'),
          p(
            'Print this letter and give or post it to the patient. The linkage key cannot be shown again after you leave this page.',
          ),
          h(
            'div',
            { class: 'nhsuk-button-group' },
            button('Print this letter', { type: 'button', onclick: () => window.print() }),
            h('a', { href: '/app/staff/patient', class: 'nhsuk-link' }, 'Back to the patient'),
          ),
        ),
        h(
          'article',
          { class: 'app-letter', 'aria-labelledby': 'letter-heading' },
          h(
            'p',
            { class: 'nhsuk-body-l app-letter__from' },
            practice.name,
            h('br'),
            `Practice code ${practice.practice}`,
          ),
          p(plainDate(app, app.localDate(new Date()))),
          p(`${letter.name}`, h('br'), `NHS number ${spacedNhsNumber(letter.nhsNumber)}`),
          h('h1', { id: 'letter-heading', tabindex: '-1' }, 'Use your GP surgery’s services online'),
          p(`Dear ${letter.name},`),
          p(
            `${practice.name} has set you up to use its services online: booking appointments, ordering repeat prescriptions and seeing your GP record, as the surgery has agreed with you.`,
          ),
          h('h2', {}, 'Your details for signing up'),
          summaryList([
            { key: 'Practice code', value: h('span', { class: 'app-code' }, practice.practice) },
            { key: 'Account ID', value: h('span', { class: 'app-code' }, invitation.accountId) },
            { key: 'Linkage key', value: h('span', { class: 'app-code' }, invitation.linkageKey) },
          ]),
          p(`These details work once, and only until ${expires}.`),
          h('h2', {}, 'How to sign up'),
          h(
            'ol',
            { class: 'nhsuk-list nhsuk-list--number' },
            h('li', {}, 'Go to ', h('span', { class: 'app-code' }, signUp), ' on your phone, tablet or computer.'),
            h('li', {}, 'Create your account with your email address, and confirm it with the code we email you.'),
            h(
              'li',
              {},
              'When you are asked to link your account to your GP surgery, enter the practice code, account ID and linkage key from this letter, and your date of birth.',
            ),
            h('li', {}, 'You can then use the services your GP surgery has turned on for you.'),
          ),
          insetText(
            'Keep this letter private. Anyone with these details and your date of birth could see your health record. If they stop working, or the letter is lost, ask the surgery for a new one.',
          ),
        ),
      ],
    };
  };
}

/** Unlink the patient's sign-in: from the next request it reaches nothing. */
export function unlinkScreen(app: App) {
  return async (): Promise<Page> => {
    await staffPractice(app);
    const nhsNumber = currentPatient()?.nhsNumber;
    if (!nhsNumber) return noPatientPage();
    const patient = await must(app.api.GET('/staff/patients/{nhsNumber}', { params: { path: { nhsNumber } } }));
    const submit = button('Unlink account', { class: 'nhsuk-button nhsuk-button--warning' });
    return {
      title: 'Unlink account',
      back: '/app/staff/patient',
      body: [
        heading(`Unlink ${patient.name}’s account?`),
        p(
          'They will be signed out at once and cannot use online services until they link an account again with a new registration letter.',
        ),
        patient.account.linked
          ? form(
              (_element, pressed) =>
                void app.submit(pressed, 'Unlinking…', async () => {
                  await must(
                    app.api.DELETE('/staff/patients/{nhsNumber}/account', { params: { path: { nhsNumber } } }),
                  );
                  app.go('/app/staff/patient');
                }),
              submit,
            )
          : p('Their account is not linked.'),
      ],
    };
  };
}
