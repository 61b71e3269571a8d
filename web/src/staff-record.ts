import { ApiProblem, must, type Schemas } from './api/client.ts';
import { errorFor, type App, type Context, type Page } from './app.ts';
import { h } from './dom.ts';
import { currentPatient, noPatientPage } from './staff-current.ts';
import { dateInput, fieldValue, form, plainDate, staffPractice, readDate } from './staff-ui.ts';
import { button, heading, p, secondaryButton, textInput, type FieldError } from './ui.ts';

type CodedEntry = Schemas['CodedEntry'];
type Kind = 'allergies' | 'problems' | 'immunisations' | 'testResults';
type CodedRecord = Record<Kind, CodedEntry[]>;

const KINDS: Record<Kind, { title: string; one: string; example: string }> = {
  allergies: { title: 'Allergies', one: 'allergy', example: 'Allergy to penicillin' },
  problems: { title: 'Conditions', one: 'condition', example: 'Asthma' },
  immunisations: { title: 'Vaccinations', one: 'vaccination', example: 'Influenza vaccination' },
  testResults: { title: 'Test results', one: 'test result', example: 'HbA1c 48 mmol/mol' },
};

const isKind = (value: string | null): value is Kind => value !== null && value in KINDS;

/** The stored record (reading it is audited as a staff view). */
async function recordOf(app: App, nhsNumber: string): Promise<CodedRecord> {
  const stored = await must(app.api.GET('/staff/patients/{nhsNumber}/record', { params: { path: { nhsNumber } } }));
  return {
    allergies: stored.allergies,
    problems: stored.problems,
    immunisations: stored.immunisations,
    testResults: stored.testResults,
  };
}

/** The record is replaced whole: every change sends every entry. */
function saveRecord(app: App, nhsNumber: string, record: CodedRecord) {
  return must(app.api.PUT('/staff/patients/{nhsNumber}/record', { params: { path: { nhsNumber } }, body: record }));
}

/** The coded record, kind by kind, with entries added and removed. */
export function codedRecordScreen(app: App) {
  return async (): Promise<Page> => {
    await staffPractice(app);
    const patient = currentPatient();
    if (!patient) return noPatientPage();
    const record = await recordOf(app, patient.nhsNumber);
    const section = (kind: Kind) => [
      h('h2', {}, KINDS[kind].title),
      record[kind].length === 0
        ? p(`No ${KINDS[kind].title.toLowerCase()} recorded.`)
        : h(
            'dl',
            { class: 'nhsuk-summary-list' },
            record[kind].map((entry, index) =>
              h(
                'div',
                { class: 'nhsuk-summary-list__row' },
                h('dt', { class: 'nhsuk-summary-list__key' }, entry.display),
                h(
                  'dd',
                  { class: 'nhsuk-summary-list__value' },
                  entry.date ? plainDate(app, entry.date) : 'Date not recorded',
                  entry.code ? h('span', { class: 'nhsuk-body-s app-block' }, `SNOMED CT ${entry.code}`) : null,
                ),
                h(
                  'dd',
                  { class: 'nhsuk-summary-list__actions' },
                  form(
                    (_element, pressed) =>
                      void app.submit(pressed, 'Removing…', async () => {
                        await saveRecord(app, patient.nhsNumber, {
                          ...record,
                          [kind]: record[kind].filter((_entry, at) => at !== index),
                        });
                        app.go('/app/staff/patient/record');
                      }),
                    secondaryButton('Remove', {
                      class: 'nhsuk-button nhsuk-button--secondary nhsuk-button--small',
                      'aria-label': `Remove ${entry.display}`,
                    }),
                  ),
                ),
              ),
            ),
          ),
      p(
        h(
          'a',
          { href: `/app/staff/patient/record/add?kind=${kind}` },
          `Add ${KINDS[kind].one === 'allergy' ? 'an' : 'a'} ${KINDS[kind].one}`,
        ),
      ),
    ];
    return {
      title: 'GP record',
      back: '/app/staff/patient',
      body: [heading('GP record', patient.name), (Object.keys(KINDS) as Kind[]).map(section)],
    };
  };
}

let typed: { display?: string; code?: string; date?: string } = {};

/** Add one coded entry. */
export function addRecordEntryScreen(app: App) {
  return async (context: Context): Promise<Page> => {
    await staffPractice(app);
    const patient = currentPatient();
    if (!patient) return noPatientPage();
    const kindParam = context.query.get('kind');
    const kind: Kind = isKind(kindParam) ? kindParam : 'allergies';
    if (context.errors.length === 0) typed = {};
    const about = KINDS[kind];
    return {
      title: `Add ${about.one}`,
      back: '/app/staff/patient/record',
      body: [
        heading(`Add ${about.one === 'allergy' ? 'an' : 'a'} ${about.one}`, patient.name),
        form(
          (element, pressed) => {
            const errors: FieldError[] = [];
            const display = fieldValue(element, 'display');
            const code = fieldValue(element, 'code');
            const typedDate = [
              fieldValue(element, 'date'),
              fieldValue(element, 'date-month'),
              fieldValue(element, 'date-year'),
            ];
            const date = readDate(element, 'date');
            typed = { display, code, date };
            if (!display) errors.push({ field: 'display', message: `Enter the ${about.one}` });
            if (code && !/^\d{6,18}$/.test(code))
              errors.push({ field: 'code', message: 'A SNOMED CT code is 6 to 18 digits' });
            if (typedDate.some(Boolean) && !date)
              errors.push({ field: 'date', message: 'Enter a real date, or leave it empty' });
            if (errors.length > 0) {
              void app.showErrors(errors);
              return;
            }
            void app.submit(pressed, 'Saving…', async () => {
              const record = await recordOf(app, patient.nhsNumber);
              const entry: CodedEntry = { display, ...(code ? { code } : {}), ...(date ? { date } : {}) };
              try {
                await saveRecord(app, patient.nhsNumber, { ...record, [kind]: [...record[kind], entry] });
              } catch (error) {
                // The server names the entry's place in the whole record (`allergies.2.code`): here it is this form's field.
                if (!(error instanceof ApiProblem) || error.code !== 'validation-failed' || !error.problem.errors)
                  throw error;
                await app.showErrors(
                  error.problem.errors.map((item) => {
                    const field = item.path.split('.')[2];
                    return { field: field === 'code' || field === 'date' ? field : 'display', message: item.message };
                  }),
                );
                return;
              }
              typed = {};
              app.go('/app/staff/patient/record');
            });
          },
          textInput({
            id: 'display',
            label: about.title === 'Allergies' ? 'Allergy' : about.one[0]?.toUpperCase() + about.one.slice(1),
            hint: `As the patient will read it, for example ${about.example}`,
            value: typed.display,
            error: errorFor(context, 'display'),
            attrs: { autocomplete: 'off', maxlength: '200' },
          }),
          textInput({
            id: 'code',
            label: 'SNOMED CT code (optional)',
            value: typed.code,
            error: errorFor(context, 'code'),
            width: 20,
            attrs: { inputmode: 'numeric', autocomplete: 'off' },
          }),
          dateInput({
            id: 'date',
            legend: 'Date (optional)',
            hint: 'When it was recorded, diagnosed, given or measured',
            value: typed.date,
            error: errorFor(context, 'date'),
          }),
          button(`Add ${about.one}`),
        ),
      ],
    };
  };
}
