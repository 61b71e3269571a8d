import { must, type Schemas } from './api/client.ts';
import { errorFor, type App, type Context, type Page } from './app.ts';
import { h, type Child } from './dom.ts';
import { currentPatient, noPatientPage } from './staff-current.ts';
import { table } from './staff.ts';
import { dateInput, fieldValue, form, plainDate, readDate, staffPractice } from './staff-ui.ts';
import { button, heading, p, summaryList, tag, textInput, type FieldError } from './ui.ts';

type StaffMedication = Schemas['StaffMedication'];

const NOT_ORDERABLE: Record<NonNullable<StaffMedication['notOrderableReason']>, string> = {
  'review-overdue': 'Review overdue',
  'too-soon': 'Ordered recently',
  'pending-request': 'Request waiting',
};

function statusOf(medication: StaffMedication): Child {
  if (medication.status === 'discontinued') return tag('Stopped', 'grey');
  if (medication.orderable) return tag('Can be ordered', 'green');
  return tag(
    NOT_ORDERABLE[medication.notOrderableReason ?? 'review-overdue'],
    medication.notOrderableReason === 'review-overdue' ? 'red' : 'yellow',
  );
}

async function medicationsOf(app: App, nhsNumber: string): Promise<StaffMedication[]> {
  const list = await must(
    app.api.GET('/staff/patients/{nhsNumber}/medications', { params: { path: { nhsNumber }, query: { limit: 100 } } }),
  );
  return list.items;
}

/** The patient's repeat medicines, stopped ones included. */
export function medicationsScreen(app: App) {
  return async (): Promise<Page> => {
    await staffPractice(app);
    const patient = currentPatient();
    if (!patient) return noPatientPage();
    const items = await medicationsOf(app, patient.nhsNumber);
    return {
      title: 'Repeat medicines',
      back: '/app/staff/patient',
      body: [
        heading('Repeat medicines', patient.name),
        h(
          'a',
          { class: 'nhsuk-button', href: '/app/staff/patient/medications/new', role: 'button', draggable: 'false' },
          'Add a repeat medicine',
        ),
        items.length === 0
          ? p('No repeat medicines.')
          : table(
              'Repeat medicines',
              ['Medicine', 'Review date', 'Status', 'Action'],
              items.map((item) => [
                h('span', {}, h('strong', {}, item.name), h('br'), `${item.dosage}, ${item.quantity}`),
                plainDate(app, item.reviewDate),
                statusOf(item),
                item.status === 'active'
                  ? h(
                      'ul',
                      { class: 'nhsuk-list' },
                      h(
                        'li',
                        {},
                        h(
                          'a',
                          { href: `/app/staff/patient/medications/${item.medicationId}/review` },
                          'Review',
                          h('span', { class: 'nhsuk-u-visually-hidden' }, ` ${item.name}`),
                        ),
                      ),
                      h(
                        'li',
                        {},
                        h(
                          'a',
                          { href: `/app/staff/patient/medications/${item.medicationId}/stop` },
                          'Stop',
                          h('span', { class: 'nhsuk-u-visually-hidden' }, ` ${item.name}`),
                        ),
                      ),
                    )
                  : '',
              ]),
            ),
      ],
    };
  };
}

interface MedicationValues {
  name?: string;
  dosage?: string;
  quantity?: string;
  reviewDate?: string;
  minDays?: string;
}

let typed: MedicationValues = {};

function medicationFields(context: Context, values: MedicationValues, withName: boolean): Child[] {
  return [
    withName
      ? textInput({
          id: 'name',
          label: 'Medicine',
          hint: 'Name, strength and form, for example Amlodipine 5mg tablets',
          value: values.name,
          error: errorFor(context, 'name'),
          attrs: { autocomplete: 'off', maxlength: '200' },
        })
      : null,
    textInput({
      id: 'dosage',
      label: 'Dosage',
      hint: 'For example, One tablet daily',
      value: values.dosage,
      error: errorFor(context, 'dosage'),
      attrs: { autocomplete: 'off', maxlength: '200' },
    }),
    textInput({
      id: 'quantity',
      label: 'Quantity',
      value: values.quantity,
      error: errorFor(context, 'quantity'),
      width: 4,
      attrs: { inputmode: 'numeric', autocomplete: 'off' },
    }),
    dateInput({
      id: 'reviewDate',
      legend: 'Next review date',
      hint: 'The patient cannot order it online after this date until it is reviewed',
      value: values.reviewDate,
      error: errorFor(context, 'reviewDate'),
    }),
    textInput({
      id: 'minDaysBetweenOrders',
      label: 'Days between orders',
      hint: 'The fewest days between two orders',
      value: values.minDays ?? '21',
      error: errorFor(context, 'minDaysBetweenOrders'),
      width: 3,
      attrs: { inputmode: 'numeric', autocomplete: 'off' },
    }),
  ];
}

/** What every change of a medicine sends besides its name: dosage, quantity, review date and interval. */
function reviewedFields(values: MedicationValues) {
  return {
    dosage: values.dosage ?? '',
    quantity: Number(values.quantity),
    reviewDate: values.reviewDate ?? '',
    minDaysBetweenOrders: Number(values.minDays),
  };
}

/**
 * A medicine's form: on submit its fields are read and checked (errors shown, nothing sent), then
 * `save` sends them and the repeat list is shown again.
 */
function medicationForm(
  app: App,
  options: {
    context: Context;
    values: MedicationValues;
    withName: boolean;
    action: string;
    busy: string;
    save: (values: MedicationValues) => Promise<unknown>;
  },
): HTMLFormElement {
  return form(
    (element, pressed) => {
      const errors: FieldError[] = [];
      const values = readMedication(element, options.withName, errors);
      if (errors.length > 0) {
        void app.showErrors(errors);
        return;
      }
      void app.submit(pressed, options.busy, async () => {
        await options.save(values);
        typed = {};
        app.go('/app/staff/patient/medications');
      });
    },
    medicationFields(options.context, options.values, options.withName),
    button(options.action),
  );
}

function readMedication(element: HTMLElement, withName: boolean, errors: FieldError[]) {
  const values: MedicationValues = {
    name: fieldValue(element, 'name'),
    dosage: fieldValue(element, 'dosage'),
    quantity: fieldValue(element, 'quantity'),
    reviewDate: readDate(element, 'reviewDate'),
    minDays: fieldValue(element, 'minDaysBetweenOrders'),
  };
  typed = values;
  if (withName && !values.name) errors.push({ field: 'name', message: 'Enter the medicine' });
  if (!values.dosage) errors.push({ field: 'dosage', message: 'Enter the dosage' });
  if (!/^\d+$/.test(values.quantity ?? '') || Number(values.quantity) < 1)
    errors.push({ field: 'quantity', message: 'Enter the quantity as a whole number, 1 or more' });
  if (!values.reviewDate)
    errors.push({ field: 'reviewDate', message: 'Enter a real review date, for example 1 6 2027' });
  if (!/^\d+$/.test(values.minDays ?? ''))
    errors.push({ field: 'minDaysBetweenOrders', message: 'Enter the days between orders as a whole number' });
  return values;
}

/** Add a repeat medicine to the patient's list. */
export function addMedicationScreen(app: App) {
  return async (context: Context): Promise<Page> => {
    await staffPractice(app);
    const patient = currentPatient();
    if (!patient) return noPatientPage();
    if (context.errors.length === 0) typed = {};
    return {
      title: 'Add a repeat medicine',
      back: '/app/staff/patient/medications',
      body: [
        heading('Add a repeat medicine', patient.name),
        medicationForm(app, {
          context,
          values: typed,
          withName: true,
          action: 'Add medicine',
          busy: 'Adding…',
          save: (values) =>
            must(
              app.api.POST('/staff/patients/{nhsNumber}/medications', {
                params: { path: { nhsNumber: patient.nhsNumber } },
                body: { name: values.name ?? '', ...reviewedFields(values) },
              }),
            ),
        }),
      ],
    };
  };
}

async function findMedication(app: App, context: Context) {
  await staffPractice(app);
  const patient = currentPatient();
  if (!patient) return undefined;
  const items = await medicationsOf(app, patient.nhsNumber);
  const medication = items.find((item) => item.medicationId === context.params[0] && item.status === 'active');
  return medication ? { patient, medication } : undefined;
}

const notFound = (): Page => ({
  title: 'Medicine not found',
  back: '/app/staff/patient/medications',
  body: [
    heading('This medicine is not on the repeat list'),
    p(h('a', { href: '/app/staff/patient/medications' }, 'Back to repeat medicines')),
  ],
});

/** A review: a new review date (and any change of dosage, quantity or interval). */
export function reviewMedicationScreen(app: App) {
  return async (context: Context): Promise<Page> => {
    const found = await findMedication(app, context);
    if (!found) return currentPatient() ? notFound() : noPatientPage();
    const { patient, medication } = found;
    const values: MedicationValues =
      context.errors.length > 0
        ? typed
        : {
            dosage: medication.dosage,
            quantity: String(medication.quantity),
            reviewDate: medication.reviewDate,
            minDays: String(medication.minDaysBetweenOrders),
          };
    return {
      title: 'Review a repeat medicine',
      back: '/app/staff/patient/medications',
      body: [
        heading(`Review ${medication.name}`, patient.name),
        medicationForm(app, {
          context,
          values,
          withName: false,
          action: 'Save review',
          busy: 'Saving…',
          save: (next) =>
            must(
              app.api.PATCH('/staff/patients/{nhsNumber}/medications/{medicationId}', {
                params: { path: { nhsNumber: patient.nhsNumber, medicationId: medication.medicationId } },
                body: reviewedFields(next),
              }),
            ),
        }),
      ],
    };
  };
}

/** Stop a repeat medicine: it leaves the patient's list; requests already made keep it. */
export function stopMedicationScreen(app: App) {
  return async (context: Context): Promise<Page> => {
    const found = await findMedication(app, context);
    if (!found) return currentPatient() ? notFound() : noPatientPage();
    const { patient, medication } = found;
    return {
      title: 'Stop a repeat medicine',
      back: '/app/staff/patient/medications',
      body: [
        heading(`Stop ${medication.name}?`, patient.name),
        summaryList([
          { key: 'Dosage', value: medication.dosage },
          { key: 'Quantity', value: String(medication.quantity) },
        ]),
        p('The patient will no longer see it or be able to order it. Requests already made keep it.'),
        form(
          (_element, pressed) =>
            void app.submit(pressed, 'Stopping…', async () => {
              await must(
                app.api.DELETE('/staff/patients/{nhsNumber}/medications/{medicationId}', {
                  params: { path: { nhsNumber: patient.nhsNumber, medicationId: medication.medicationId } },
                }),
              );
              app.go('/app/staff/patient/medications');
            }),
          button('Stop medicine', { class: 'nhsuk-button nhsuk-button--warning' }),
        ),
      ],
    };
  };
}
