import { must, type Schemas } from './api/client.ts';
import { errorFor, type App, type Context, type Page } from './app.ts';
import { h } from './dom.ts';
import { button, choices, heading, p, panel, textInput, type FieldError } from './ui.ts';

type Preferences = Schemas['NotificationPreferences'];

/** What the person typed, kept so a refused form shows it again rather than what was stored. */
let draft: { email: string; mobile: string; reminders: boolean; updates: boolean } | undefined;

/**
 * A UK mobile number as people write it (07700 900123, +44 7700 900123, 0044…) in the
 * international form the service stores (+447700900123); undefined when it is not one.
 */
export function toE164Mobile(typed: string): string | undefined {
  const digits = typed.replace(/[\s()-]/g, '');
  const national = /^(?:\+44|0044|0)(7\d{9})$/.exec(digits);
  return national ? `+44${national[1]}` : undefined;
}

/** The same number written the way people read it: 07700 900123. */
function forDisplay(mobile: string | null): string {
  return mobile ? `0${mobile.slice(3, 7)} ${mobile.slice(7)}` : '';
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Check the form before sending it: one message per field, next to it and in the summary. */
function checkForm(values: NonNullable<typeof draft>): FieldError[] {
  const errors: FieldError[] = [];
  if (values.email && !EMAIL.test(values.email))
    errors.push({ field: 'email', message: 'Enter an email address in the correct format, like name@example.com' });
  if (values.mobile && !toE164Mobile(values.mobile))
    errors.push({ field: 'mobile', message: 'Enter a UK mobile phone number, like 07700 900123' });
  return errors;
}

/** How the patient hears from their GP surgery: e-mail, mobile, reminders and updates. */
export function notificationsScreen(app: App) {
  return async (context: Context): Promise<Page> => {
    const stored: Preferences = await must(app.api.GET('/me/notifications'));
    const shown =
      context.errors.length > 0 && draft
        ? draft
        : {
            email: stored.email ?? '',
            mobile: forDisplay(stored.mobile),
            reminders: stored.appointmentReminders,
            updates: stored.statusUpdates,
          };
    const submit = button('Save');
    const form = h(
      'form',
      {
        novalidate: true,
        onsubmit: (event: Event) => {
          event.preventDefault();
          const field = (id: string) => (form.querySelector<HTMLInputElement>(`#${id}`)?.value ?? '').trim();
          const checked = (value: string) =>
            form.querySelector<HTMLInputElement>(`input[name="send"][value="${value}"]`)?.checked ?? false;
          draft = {
            email: field('email'),
            mobile: field('mobile'),
            reminders: checked('reminders'),
            updates: checked('updates'),
          };
          const errors = checkForm(draft);
          if (errors.length > 0) {
            void app.showErrors(errors);
            return;
          }
          const body = {
            email: draft.email || null,
            mobile: draft.mobile ? toE164Mobile(draft.mobile)! : null,
            appointmentReminders: draft.reminders,
            statusUpdates: draft.updates,
          };
          void app.submit(submit, 'Saving…', async () => {
            await must(app.api.PUT('/me/notifications', { body }));
            draft = undefined;
            app.go('/app/notifications/saved');
          });
        },
      },
      textInput({
        id: 'email',
        label: 'Email address',
        hint: 'Leave this empty if you do not want emails',
        value: shown.email,
        error: errorFor(context, 'email'),
        attrs: { type: 'email', autocomplete: 'email', spellcheck: false },
      }),
      textInput({
        id: 'mobile',
        label: 'UK mobile phone number',
        hint: 'For text messages, like 07700 900123. Leave this empty if you do not want texts',
        value: shown.mobile,
        width: 20,
        error: errorFor(context, 'mobile'),
        attrs: { type: 'tel', autocomplete: 'tel' },
      }),
      choices({
        type: 'checkbox',
        name: 'send',
        legend: 'What do you want us to send you?',
        hint: 'Select all that apply',
        error: errorFor(context, 'send'),
        items: [
          {
            value: 'reminders',
            label: 'Appointment reminders',
            hint: 'Before each appointment, at a time your GP surgery sets',
            checked: shown.reminders,
          },
          {
            value: 'updates',
            label: 'Updates about your appointments and prescriptions',
            hint: 'When an appointment is booked or cancelled by the surgery, and when a prescription request is approved, not approved or issued',
            checked: shown.updates,
          },
        ],
      }),
      submit,
    );
    return {
      title: 'How we contact you',
      back: '/app/',
      body: [
        heading('How we contact you'),
        p(
          'We only say which GP surgery it is, the date and time of an appointment, and ask you to sign in. We never include medicines or why you are seeing someone.',
        ),
        p(
          'Text messages due between 9pm and 8am wait until 8am. A reminder for an appointment before 10am comes at 8pm the evening before.',
        ),
        form,
      ],
    };
  };
}

/** Confirmation that the choices were saved. */
export function notificationsSavedScreen(): Page {
  return {
    title: 'Your contact choices have been saved',
    body: [
      panel('Your contact choices have been saved'),
      p(h('a', { href: '/app/notifications' }, 'Check or change how we contact you')),
      p(h('a', { href: '/app/' }, 'Go to the home page')),
    ],
  };
}
