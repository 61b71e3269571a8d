import { ApiProblem, must, type Schemas } from './api/client.ts';
import { errorFor, type App, type Context, type Page } from './app.ts';
import { h, type Child } from './dom.ts';
import { accountSection } from './staff-account.ts';
import { proxiesSection } from './staff-proxies.ts';
import { currentPatient, noPatientPage, setCurrentPatient } from './staff-current.ts';
import {
  dateInput,
  fieldValue,
  form,
  plainDate,
  readDate,
  spacedNhsNumber,
  staffPractice,
  validNhsNumber,
  checkedValues,
  servicesText,
} from './staff-ui.ts';
import { button, choices, heading, insetText, p, summaryList, tag, textInput, type FieldError } from './ui.ts';

type StaffPatient = Schemas['StaffPatient'];
type Services = StaffPatient['services'];

/**
 * One part of the patient page, about one concern (details, online account, medicines…). Each
 * reads what it needs itself, so another concern is added by appending to PATIENT_SECTIONS.
 */
export type PatientSection = (app: App, patient: StaffPatient) => Promise<Child> | Child;

const detailsSection: PatientSection = (app, patient) => [
  h('h2', {}, 'Details and services'),
  summaryList([
    {
      key: 'Name',
      value: patient.name,
      action: { href: '/app/staff/patient/services', text: 'Change', hidden: 'name' },
    },
    {
      key: 'Date of birth',
      value: plainDate(app, patient.dateOfBirth),
      action: { href: '/app/staff/patient/services', text: 'Change', hidden: 'date of birth' },
    },
    { key: 'NHS number', value: spacedNhsNumber(patient.nhsNumber) },
    {
      key: 'Online services',
      value: servicesText(patient.services),
      action: { href: '/app/staff/patient/services', text: 'Change', hidden: 'online services' },
    },
  ]),
];

const medicinesSection: PatientSection = () => [
  h('h2', {}, 'Repeat medicines'),
  p(h('a', { href: '/app/staff/patient/medications' }, 'Repeat medicines: add, review or stop')),
];

const recordSection: PatientSection = () => [
  h('h2', {}, 'GP record'),
  p(
    h('a', { href: '/app/staff/patient/record' }, 'Coded record: allergies, conditions, vaccinations and test results'),
  ),
];

/** The patient page's parts, in order. */
export const PATIENT_SECTIONS: PatientSection[] = [
  detailsSection,
  accountSection,
  proxiesSection,
  medicinesSection,
  recordSection,
];

/** Find a patient by NHS number: their page if registered here, else the offer to register them. */
export function findPatientScreen(app: App) {
  return async (context: Context): Promise<Page> => {
    await staffPractice(app);
    const element = form(
      (element, pressed) => {
        const nhsNumber = fieldValue(element, 'nhsNumber').replace(/[\s-]/g, '');
        if (!validNhsNumber(nhsNumber)) {
          setCurrentPatient({ nhsNumber: fieldValue(element, 'nhsNumber') });
          void app.showErrors([
            {
              field: 'nhsNumber',
              message: nhsNumber ? 'Enter a valid NHS number: 10 digits, like 999 000 0018' : 'Enter the NHS number',
            },
          ]);
          return;
        }
        void app.submit(pressed, 'Finding…', async () => {
          setCurrentPatient({ nhsNumber });
          try {
            const patient = await must(app.api.GET('/staff/patients/{nhsNumber}', { params: { path: { nhsNumber } } }));
            setCurrentPatient({ nhsNumber, name: patient.name });
            app.go('/app/staff/patient');
          } catch (error) {
            if (error instanceof ApiProblem && error.code === 'not-found') app.go('/app/staff/patients/register');
            else throw error;
          }
        });
      },
      textInput({
        id: 'nhsNumber',
        label: 'NHS number',
        hint: 'A 10 digit number, like 999 000 0018',
        value: context.errors.length > 0 ? currentPatient()?.nhsNumber : '',
        error: errorFor(context, 'nhsNumber'),
        width: 10,
        attrs: { inputmode: 'numeric', autocomplete: 'off', spellcheck: 'false' },
      }),
      button('Find patient'),
    );
    return {
      title: 'Find a patient',
      back: '/app/',
      body: [
        heading('Find a patient'),
        p('Find a patient registered for online services at your surgery, or register them.'),
        element,
      ],
    };
  };
}

/** Name, date of birth and services: registering a patient and changing them are the same form. */
function patientForm(
  app: App,
  context: Context,
  nhsNumber: string,
  patient: StaffPatient | undefined,
): HTMLFormElement {
  const services = patient?.services ?? { appointments: true, prescriptions: true, record: 'summary' };
  return form(
    (element, pressed) => {
      const errors: FieldError[] = [];
      const name = fieldValue(element, 'name');
      const dateOfBirth = readDate(element, 'dateOfBirth');
      const ticked = checkedValues(element, 'services');
      const record = (checkedValues(element, 'record')[0] ?? 'none') as Services['record'];
      if (!name) errors.push({ field: 'name', message: 'Enter the patient’s full name' });
      if (!dateOfBirth)
        errors.push({ field: 'dateOfBirth', message: 'Enter a real date of birth, for example 15 3 1984' });
      else if (dateOfBirth > app.localDate(new Date()))
        errors.push({ field: 'dateOfBirth', message: 'Date of birth must be in the past' });
      if (errors.length > 0 || !dateOfBirth) {
        void app.showErrors(errors);
        return;
      }
      void app.submit(pressed, 'Saving…', async () => {
        const saved = await must(
          app.api.PUT('/staff/patients/{nhsNumber}', {
            params: { path: { nhsNumber } },
            body: {
              name,
              dateOfBirth,
              services: {
                appointments: ticked.includes('appointments'),
                prescriptions: ticked.includes('prescriptions'),
                record,
              },
            },
          }),
        );
        setCurrentPatient({ nhsNumber, name: saved.name });
        app.go('/app/staff/patient');
      });
    },
    textInput({
      id: 'name',
      label: 'Full name',
      value: patient?.name,
      error: errorFor(context, 'name'),
      attrs: { autocomplete: 'off', maxlength: '200' },
    }),
    dateInput({
      id: 'dateOfBirth',
      legend: 'Date of birth',
      hint: 'For example, 15 3 1984',
      value: patient?.dateOfBirth,
      error: errorFor(context, 'dateOfBirth'),
    }),
    choices({
      type: 'checkbox',
      name: 'services',
      legend: 'Which online services can they use?',
      error: errorFor(context, 'services'),
      items: [
        { value: 'appointments', label: 'Appointments', checked: services.appointments },
        { value: 'prescriptions', label: 'Repeat prescriptions', checked: services.prescriptions },
      ],
    }),
    choices({
      type: 'radio',
      name: 'record',
      legend: 'How much of their GP record can they see?',
      items: [
        { value: 'none', label: 'None', checked: services.record === 'none' },
        { value: 'summary', label: 'Summary', hint: 'Allergies and medicines', checked: services.record === 'summary' },
        {
          value: 'detailed',
          label: 'Detailed',
          hint: 'Also conditions, vaccinations and test results',
          checked: services.record === 'detailed',
        },
      ],
    }),
    button(patient ? 'Save changes' : 'Register patient'),
  );
}

/** Register a patient the search did not find. */
export function registerPatientScreen(app: App) {
  return async (context: Context): Promise<Page> => {
    const practice = await staffPractice(app);
    const current = currentPatient();
    if (!current || !validNhsNumber(current.nhsNumber)) return noPatientPage();
    return {
      title: 'Register a patient',
      back: '/app/staff/patients',
      body: [
        heading('Register a patient for online services', `NHS number ${spacedNhsNumber(current.nhsNumber)}`),
        insetText(`This NHS number is not registered for online services at ${practice.name}.`),
        patientForm(app, context, current.nhsNumber, undefined),
      ],
    };
  };
}

/** Change a patient's details or what they can use. */
export function servicesScreen(app: App) {
  return async (context: Context): Promise<Page> => {
    await staffPractice(app);
    const nhsNumber = currentPatient()?.nhsNumber;
    if (!nhsNumber) return noPatientPage();
    const patient = await must(app.api.GET('/staff/patients/{nhsNumber}', { params: { path: { nhsNumber } } }));
    return {
      title: 'Change details and services',
      back: '/app/staff/patient',
      body: [heading('Change details and services', patient.name), patientForm(app, context, nhsNumber, patient)],
    };
  };
}

/** The patient page: one section per concern. */
export function patientScreen(app: App) {
  return async (): Promise<Page> => {
    await staffPractice(app);
    const nhsNumber = currentPatient()?.nhsNumber;
    if (!nhsNumber) return noPatientPage();
    const patient = await must(app.api.GET('/staff/patients/{nhsNumber}', { params: { path: { nhsNumber } } }));
    setCurrentPatient({ nhsNumber, name: patient.name });
    const sections = await Promise.all(PATIENT_SECTIONS.map(async (section) => section(app, patient)));
    const off = !patient.services.appointments && !patient.services.prescriptions && patient.services.record === 'none';
    return {
      title: patient.name,
      back: '/app/staff/patients',
      body: [
        heading(patient.name, `NHS number ${spacedNhsNumber(patient.nhsNumber)}`),
        off ? p(tag('No online services', 'grey')) : null,
        sections,
      ],
    };
  };
}
