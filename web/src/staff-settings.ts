import { ApiProblem, must, type Schemas } from './api/client.ts';
import { errorFor, type App, type Context, type Page } from './app.ts';
import { checkedValues, fieldValue, form, staffPractice, successBanner } from './staff-ui.ts';
import { button, choices, heading, textInput, type FieldError } from './ui.ts';

type Settings = Schemas['PracticeSettings'];
type NumberSetting = 'bookingHorizonDays' | 'maxActiveAppointments' | 'cancellationCutoffMinutes' | 'listSize';

/** Each number setting: its label, and the sentence shown when a value is refused. */
const NUMBERS: Record<NumberSetting, { label: string; hint: string; message: string; width: 3 | 4 | 10 }> = {
  bookingHorizonDays: {
    label: 'How many days ahead patients can book',
    hint: 'From 1 to 366 days',
    message: 'Enter how many days ahead patients can book, from 1 to 366',
    width: 3,
  },
  maxActiveAppointments: {
    label: 'Most appointments a patient can hold at once',
    hint: 'From 1 to 50',
    message: 'Enter the most appointments a patient can hold, from 1 to 50',
    width: 3,
  },
  cancellationCutoffMinutes: {
    label: 'How late patients can cancel online, in minutes before the start',
    hint: 'From 0 to 10080 (a week)',
    message: 'Enter how many minutes before the start patients can still cancel, from 0 to 10080',
    width: 4,
  },
  listSize: {
    label: 'Registered list size',
    hint: 'Patients registered at the surgery: the monthly report’s denominator',
    message: 'Enter the registered list size as a whole number, from 0 to 1000000',
    width: 10,
  },
};

const MESSAGES: Record<string, string> = {
  ...Object.fromEntries(Object.entries(NUMBERS).map(([field, about]) => [field, about.message])),
  annualGrowthTarget: 'Enter the yearly growth target as a percentage, from 0 to 1000',
  systemSupplier: 'Enter the GP system supplier: it starts with a letter or digit, 50 characters or fewer',
  servicesOffered: 'Choose the services the surgery offers online',
  auditRetentionYears: 'Enter how many years to keep audit entries, from 1 to 100, or leave it empty to keep them',
};

/** 0.1 → "10" without floating-point noise. */
const percent = (fraction: number) => String(Math.round(fraction * 10_000) / 100);

let typed: Record<string, string> | undefined;

/** The practice's settings: shown, changed, and refused values explained by their fields. */
export function settingsScreen(app: App) {
  return async (context: Context): Promise<Page> => {
    const practice = await staffPractice(app, true);
    const settings = practice.settings;
    if (context.errors.length === 0) typed = undefined;
    const value = (field: string, fallback: string) => typed?.[field] ?? fallback;
    const saved = context.query.get('saved') === '1' && context.errors.length === 0;
    const element = form(
      (element, pressed) => {
        const errors: FieldError[] = [];
        typed = {};
        const body: Partial<Settings> = {};
        for (const field of Object.keys(NUMBERS) as NumberSetting[]) {
          const text = fieldValue(element, field).replace(/,/g, '');
          typed[field] = text;
          if (!/^\d+$/.test(text)) errors.push({ field, message: NUMBERS[field].message });
          else body[field] = Number(text);
        }
        const growth = fieldValue(element, 'annualGrowthTarget').replace(/%$/, '').trim();
        typed.annualGrowthTarget = growth;
        if (!/^\d+(\.\d{1,2})?$/.test(growth))
          errors.push({ field: 'annualGrowthTarget', message: MESSAGES.annualGrowthTarget ?? '' });
        else body.annualGrowthTarget = Number((Number(growth) / 100).toFixed(4));
        const supplier = fieldValue(element, 'systemSupplier');
        typed.systemSupplier = supplier;
        if (!supplier) errors.push({ field: 'systemSupplier', message: MESSAGES.systemSupplier ?? '' });
        else body.systemSupplier = supplier;
        // Empty keeps audit entries indefinitely (null), the default.
        const retention = fieldValue(element, 'auditRetentionYears').trim();
        typed.auditRetentionYears = retention;
        if (retention === '') body.auditRetentionYears = null;
        else if (/^\d+$/.test(retention) && Number(retention) >= 1 && Number(retention) <= 100)
          body.auditRetentionYears = Number(retention);
        else errors.push({ field: 'auditRetentionYears', message: MESSAGES.auditRetentionYears ?? '' });
        const offered = checkedValues(element, 'servicesOffered');
        typed.servicesOffered = offered.join(',');
        body.servicesOffered = {
          appointments: offered.includes('appointments'),
          prescriptions: offered.includes('prescriptions'),
          record: offered.includes('record'),
        };
        if (errors.length > 0) {
          void app.showErrors(errors);
          return;
        }
        void app.submit(pressed, 'Saving…', async () => {
          try {
            await must(app.api.PUT('/staff/practice/settings', { body }));
          } catch (error) {
            if (!(error instanceof ApiProblem) || error.code !== 'validation-failed' || !error.problem.errors)
              throw error;
            await app.showErrors(
              error.problem.errors.map((item) => {
                const field = item.path.split('.')[0] ?? '';
                return { field: field || undefined, message: MESSAGES[field] ?? item.message };
              }),
            );
            return;
          }
          typed = undefined;
          app.go('/app/staff/settings?saved=1');
        });
      },
      (Object.keys(NUMBERS) as NumberSetting[]).map((field) =>
        textInput({
          id: field,
          label: NUMBERS[field].label,
          hint: NUMBERS[field].hint,
          value: value(field, String(settings[field])),
          error: errorFor(context, field),
          width: NUMBERS[field].width,
          attrs: { inputmode: 'numeric', autocomplete: 'off' },
        }),
      ),
      textInput({
        id: 'annualGrowthTarget',
        label: 'Yearly growth target for patients using online services, in %',
        hint: 'For example, 10',
        value: value('annualGrowthTarget', percent(settings.annualGrowthTarget)),
        error: errorFor(context, 'annualGrowthTarget'),
        width: 4,
        attrs: { inputmode: 'decimal', autocomplete: 'off' },
      }),
      choices({
        type: 'checkbox',
        name: 'servicesOffered',
        legend: 'Services the surgery offers online',
        hint: 'Reported as offered or not in the monthly report',
        error: errorFor(context, 'servicesOffered'),
        items: (['appointments', 'prescriptions', 'record'] as const).map((service) => ({
          value: service,
          label: { appointments: 'Appointments', prescriptions: 'Repeat prescriptions', record: 'Detailed GP record' }[
            service
          ],
          checked: typed
            ? (typed.servicesOffered ?? '').split(',').includes(service)
            : settings.servicesOffered[service],
        })),
      }),
      textInput({
        id: 'systemSupplier',
        label: 'GP system supplier',
        hint: 'As named in the monthly report’s CSV',
        value: value('systemSupplier', settings.systemSupplier),
        error: errorFor(context, 'systemSupplier'),
        width: 20,
        attrs: { autocomplete: 'off', maxlength: '50' },
      }),
      textInput({
        id: 'auditRetentionYears',
        label: 'Years to keep the record-access audit',
        hint: 'From 1 to 100. Leave empty to keep every audit entry',
        value: value(
          'auditRetentionYears',
          settings.auditRetentionYears === null ? '' : String(settings.auditRetentionYears),
        ),
        error: errorFor(context, 'auditRetentionYears'),
        width: 3,
        attrs: { inputmode: 'numeric', autocomplete: 'off' },
      }),
      button('Save settings'),
    );
    return {
      title: 'Practice settings',
      back: '/app/',
      body: [
        saved ? successBanner('Settings saved', 'Changes apply to the next request.') : null,
        heading('Practice settings', `${practice.name} (${practice.practice})`),
        element,
      ],
    };
  };
}
