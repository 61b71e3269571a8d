import { errorFor, type App, type Context } from './app.ts';
import { h } from './dom.ts';
import { button, textarea } from './ui.ts';

/** The longest reason the API takes. */
const MAX_REASON = 500;

export interface ReasonFormOptions {
  /** The question above the field, e.g. "Why are you cancelling?". */
  label: string;
  hint: string;
  /** The error when the field is left empty, e.g. "Enter why you are cancelling". */
  missing: string;
  /** The warning button's text, and what it says while the request is sent. */
  action: string;
  busy: string;
  /** Sends the reason (trimmed, never empty) and moves on; what the API refuses is shown on the form. */
  send: (reason: string) => Promise<void>;
}

/**
 * A decision that must say why, as one question on its own page: a patient cancelling an
 * appointment, staff rejecting a prescription request. The reason is checked here first (given,
 * at most 500 characters) so the common mistakes are explained beside the field without a request.
 */
export function reasonForm(app: App, context: Context, options: ReasonFormOptions): HTMLFormElement {
  const submit = button(options.action, { class: 'nhsuk-button nhsuk-button--warning' });
  const form = h(
    'form',
    {
      novalidate: true,
      onsubmit: (event: Event) => {
        event.preventDefault();
        const reason = (form.querySelector<HTMLTextAreaElement>('#reason')?.value ?? '').trim();
        if (!reason) {
          void app.showErrors([{ field: 'reason', message: options.missing }]);
          return;
        }
        if (reason.length > MAX_REASON) {
          void app.showErrors([{ field: 'reason', message: `Reason must be ${MAX_REASON} characters or fewer` }]);
          return;
        }
        void app.submit(submit, options.busy, () => options.send(reason));
      },
    },
    textarea({
      id: 'reason',
      label: options.label,
      hint: options.hint,
      error: errorFor(context, 'reason'),
      rows: 3,
      attrs: { maxlength: String(MAX_REASON) },
    }),
    submit,
  );
  return form;
}
