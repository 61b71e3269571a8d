import { must, type Schemas } from './api/client.ts';
import { errorFor, type App, type Context, type Page } from './app.ts';
import { h } from './dom.ts';
import { currentPatient, noPatientPage } from './staff-current.ts';
import type { PatientSection } from './staff-patients.ts';
import { table } from './staff.ts';
import {
  checkedValues,
  dateInput,
  fieldValue,
  form,
  plainDate,
  readDate,
  servicesText,
  spacedNhsNumber,
  staffPractice,
  validNhsNumber,
} from './staff-ui.ts';
import { button, choices, heading, insetText, p, secondaryButton, tag, textInput, type FieldError } from './ui.ts';

type Grant = Schemas['ProxyGrant'];
type Services = Grant['services'];

/** Who may act for the patient (a parent, a carer), with a way to change or revoke each grant. */
export const proxiesSection: PatientSection = async (app, patient) => {
  const nhsNumber = patient.nhsNumber;
  const grants = await must(
    app.api.GET('/staff/patients/{nhsNumber}/proxies', { params: { path: { nhsNumber }, query: { limit: 100 } } }),
  );
  const revoke = (grant: Grant) =>
    form(
      (_element, pressed) =>
        void app.submit(pressed, 'Revoking…', async () => {
          await must(
            app.api.DELETE('/staff/patients/{nhsNumber}/proxies/{proxyNhsNumber}', {
              params: { path: { nhsNumber, proxyNhsNumber: grant.proxyNhsNumber } },
            }),
          );
          app.go('/app/staff/patient');
        }),
      secondaryButton('Revoke', {
        class: 'nhsuk-button nhsuk-button--secondary nhsuk-button--small',
        'aria-label': `Revoke ${grant.proxyName}’s proxy access`,
      }),
    );
  return [
    h('h2', {}, 'Proxy access'),
    grants.items.length === 0
      ? p('Nobody can act for this patient online.')
      : table(
          'People who may act for this patient',
          ['Proxy', 'Relationship', 'Services', 'Until', 'Action'],
          grants.items.map((grant) => [
            h('span', {}, grant.proxyName, h('br'), `NHS number ${spacedNhsNumber(grant.proxyNhsNumber)}`),
            grant.relationship,
            servicesText(grant.services),
            grant.live ? (grant.until ? plainDate(app, grant.until) : 'No end date') : tag('Ended', 'grey'),
            revoke(grant),
          ]),
        ),
    p(
      h('a', { href: '/app/staff/patient/proxy' }, 'Give someone proxy access'),
      ' (or change what a proxy may do: give them access again)',
    ),
  ];
};

/** Grant or change proxy access: the same PUT creates a grant or replaces it. */
export function proxyScreen(app: App) {
  return async (context: Context): Promise<Page> => {
    await staffPractice(app);
    const nhsNumber = currentPatient()?.nhsNumber;
    if (!nhsNumber) return noPatientPage();
    const patient = await must(app.api.GET('/staff/patients/{nhsNumber}', { params: { path: { nhsNumber } } }));
    const enabled = patient.services;
    const element = form(
      (element, pressed) => {
        const errors: FieldError[] = [];
        const proxyNhsNumber = fieldValue(element, 'proxyNhsNumber').replace(/[\s-]/g, '');
        const relationship = fieldValue(element, 'relationship');
        const ticked = checkedValues(element, 'services');
        const record = (checkedValues(element, 'record')[0] ?? 'none') as Services['record'];
        const untilGiven = ['until', 'until-month', 'until-year'].some((id) => fieldValue(element, id) !== '');
        const until = untilGiven ? readDate(element, 'until') : undefined;
        if (!validNhsNumber(proxyNhsNumber))
          errors.push({
            field: 'proxyNhsNumber',
            message: 'Enter the proxy’s NHS number: 10 digits, like 999 000 0026',
          });
        else if (proxyNhsNumber === nhsNumber)
          errors.push({
            field: 'proxyNhsNumber',
            message: 'Enter someone else’s NHS number: a patient cannot be their own proxy',
          });
        if (!relationship)
          errors.push({ field: 'relationship', message: 'Enter who the patient is to the proxy, for example mother' });
        if (untilGiven && !until) errors.push({ field: 'until', message: 'Enter a real date, for example 30 6 2027' });
        if (errors.length > 0) {
          void app.showErrors(errors);
          return;
        }
        void app.submit(pressed, 'Saving…', async () => {
          await must(
            app.api.PUT('/staff/patients/{nhsNumber}/proxies/{proxyNhsNumber}', {
              params: { path: { nhsNumber, proxyNhsNumber } },
              body: {
                relationship,
                services: {
                  appointments: ticked.includes('appointments'),
                  prescriptions: ticked.includes('prescriptions'),
                  record,
                },
                ...(until ? { until } : {}),
              },
            }),
          );
          app.go('/app/staff/patient');
        });
      },
      textInput({
        id: 'proxyNhsNumber',
        label: 'Proxy’s NHS number',
        hint: 'The parent or carer, registered for online services at this surgery',
        error: errorFor(context, 'proxyNhsNumber'),
        width: 10,
        attrs: { inputmode: 'numeric', autocomplete: 'off', spellcheck: 'false' },
      }),
      textInput({
        id: 'relationship',
        label: `Who is ${patient.name} to them?`,
        hint: 'For example, mother, son or the person you care for. The proxy sees this when they switch profile.',
        error: errorFor(context, 'relationship'),
        attrs: { autocomplete: 'off', maxlength: '100' },
      }),
      choices({
        type: 'checkbox',
        name: 'services',
        legend: 'What may they do?',
        hint: 'Only what is turned on for the patient',
        error: errorFor(context, 'services'),
        items: [
          ...(enabled.appointments ? [{ value: 'appointments', label: 'Book and cancel appointments' }] : []),
          ...(enabled.prescriptions ? [{ value: 'prescriptions', label: 'Order repeat prescriptions' }] : []),
        ],
      }),
      choices({
        type: 'radio',
        name: 'record',
        legend: 'How much of the GP record may they see?',
        items: [
          { value: 'none', label: 'None', checked: true },
          ...(enabled.record !== 'none'
            ? [{ value: 'summary', label: 'Summary', hint: 'Allergies and medicines' }]
            : []),
          ...(enabled.record === 'detailed'
            ? [{ value: 'detailed', label: 'Detailed', hint: 'Also conditions, vaccinations and test results' }]
            : []),
        ],
      }),
      dateInput({
        id: 'until',
        legend: 'Until (optional)',
        hint: 'The last day they may act for the patient, for example 30 6 2027. Leave empty for no end date.',
        error: errorFor(context, 'until'),
      }),
      button('Save proxy access'),
    );
    return {
      title: 'Proxy access',
      back: '/app/staff/patient',
      body: [
        heading('Give someone proxy access', patient.name),
        insetText('Giving access again to the same person replaces what they could do before.'),
        element,
      ],
    };
  };
}
