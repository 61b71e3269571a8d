import { h, type Child } from './dom.ts';

/** One error in the error summary, linking to the field it is about. */
export interface FieldError {
  /** The id of the input the message belongs to (the summary links to it). */
  field?: string;
  message: string;
}

export function heading(text: string, caption?: string): HTMLHeadingElement {
  return h('h1', { tabindex: '-1' }, caption ? h('span', { class: 'nhsuk-caption-l' }, caption, ' ') : null, text);
}

/** The error summary: heading, list of links to the fields; focused when it appears. */
export function errorSummary(errors: readonly FieldError[]): HTMLElement {
  return h(
    'div',
    { class: 'nhsuk-error-summary', tabindex: '-1', id: 'error-summary' },
    h(
      'div',
      { role: 'alert' },
      h('h2', { class: 'nhsuk-error-summary__title' }, 'There is a problem'),
      h(
        'div',
        { class: 'nhsuk-error-summary__body' },
        h(
          'ul',
          { class: 'nhsuk-list nhsuk-error-summary__list' },
          errors.map((error) =>
            h(
              'li',
              {},
              error.field
                ? h('a', { href: `#${error.field}`, onclick: focusField(error.field) }, error.message)
                : error.message,
            ),
          ),
        ),
      ),
    ),
  );
}

function focusField(id: string) {
  return (event: Event) => {
    event.preventDefault();
    document.getElementById(id)?.focus();
  };
}

interface FieldOptions {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  value?: string;
  /** Extra attributes for the control (autocomplete, inputmode, maxlength…). */
  attrs?: Record<string, string | boolean | undefined>;
  labelIsPageHeading?: boolean;
}

function describedBy(options: FieldOptions): string | undefined {
  const ids = [options.hint ? `${options.id}-hint` : '', options.error ? `${options.id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/**
 * A field's hint and error message (ids `{id}-hint` and `{id}-error`, which its control or fieldset
 * names in aria-describedby); each is left out when it has no text.
 */
export function hintAndError(id: string, hint: string | undefined, error: string | undefined): Child[] {
  return [
    hint ? h('div', { class: 'nhsuk-hint', id: `${id}-hint` }, hint) : null,
    error
      ? h(
          'span',
          { class: 'nhsuk-error-message', id: `${id}-error` },
          h('span', { class: 'nhsuk-u-visually-hidden' }, 'Error: '),
          error,
        )
      : null,
  ];
}

function fieldParts(options: FieldOptions): Child[] {
  const label = h(
    'label',
    { class: options.labelIsPageHeading ? 'nhsuk-label nhsuk-label--l' : 'nhsuk-label', for: options.id },
    options.label,
  );
  return [
    options.labelIsPageHeading ? h('h1', { class: 'nhsuk-label-wrapper', tabindex: '-1' }, label) : label,
    ...hintAndError(options.id, options.hint, options.error),
  ];
}

function group(options: FieldOptions, ...children: Child[]): HTMLDivElement {
  return h(
    'div',
    { class: options.error ? 'nhsuk-form-group nhsuk-form-group--error' : 'nhsuk-form-group' },
    ...children,
  );
}

export function textInput(options: FieldOptions & { width?: number }): HTMLDivElement {
  return group(
    options,
    fieldParts(options),
    h('input', {
      class: [
        'nhsuk-input',
        options.width ? `nhsuk-input--width-${options.width}` : '',
        options.error ? 'nhsuk-input--error' : '',
      ]
        .filter(Boolean)
        .join(' '),
      id: options.id,
      name: options.id,
      type: 'text',
      value: options.value ?? '',
      'aria-describedby': describedBy(options),
      ...options.attrs,
    }),
  );
}

export function textarea(options: FieldOptions & { rows?: number }): HTMLDivElement {
  const area = h('textarea', {
    class: options.error ? 'nhsuk-textarea nhsuk-textarea--error' : 'nhsuk-textarea',
    id: options.id,
    name: options.id,
    rows: String(options.rows ?? 4),
    'aria-describedby': describedBy(options),
    ...options.attrs,
  });
  area.value = options.value ?? '';
  return group(options, fieldParts(options), area);
}

export function select(
  options: FieldOptions & { choices: readonly { value: string; text: string }[] },
): HTMLDivElement {
  return group(
    options,
    fieldParts(options),
    h(
      'select',
      { class: 'nhsuk-select', id: options.id, name: options.id, 'aria-describedby': describedBy(options) },
      options.choices.map((choice) =>
        h('option', { value: choice.value, selected: choice.value === (options.value ?? '') }, choice.text),
      ),
    ),
  );
}

/** A fieldset of checkboxes (or radios); an item may be shown but not chosen, with its reason. */
export function choices(options: {
  type: 'checkbox' | 'radio';
  name: string;
  legend: string;
  legendIsHeading?: boolean;
  hint?: string;
  error?: string;
  items: readonly { value: string; label: string; hint?: string; checked?: boolean; disabled?: boolean }[];
}): HTMLDivElement {
  const kind = options.type === 'checkbox' ? 'checkboxes' : 'radios';
  const hintId = options.hint ? `${options.name}-hint` : undefined;
  const errorId = options.error ? `${options.name}-error` : undefined;
  return h(
    'div',
    { class: options.error ? 'nhsuk-form-group nhsuk-form-group--error' : 'nhsuk-form-group' },
    h(
      'fieldset',
      { class: 'nhsuk-fieldset', 'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined },
      h(
        'legend',
        {
          class: options.legendIsHeading
            ? 'nhsuk-fieldset__legend nhsuk-fieldset__legend--l'
            : 'nhsuk-fieldset__legend nhsuk-fieldset__legend--s',
        },
        options.legendIsHeading
          ? h('h1', { class: 'nhsuk-fieldset__heading', tabindex: '-1' }, options.legend)
          : options.legend,
      ),
      ...hintAndError(options.name, options.hint, options.error),
      h(
        'div',
        { class: `nhsuk-${kind}` },
        options.items.map((item, index) => {
          const id = index === 0 ? options.name : `${options.name}-${index + 1}`;
          return h(
            'div',
            { class: `nhsuk-${kind}__item` },
            h('input', {
              class: `nhsuk-${kind}__input`,
              id,
              name: options.name,
              type: options.type,
              value: item.value,
              checked: item.checked,
              disabled: item.disabled,
              'aria-describedby': item.hint ? `${id}-item-hint` : undefined,
            }),
            h('label', { class: `nhsuk-label nhsuk-${kind}__label`, for: id }, item.label),
            item.hint ? h('div', { class: `nhsuk-hint nhsuk-${kind}__hint`, id: `${id}-item-hint` }, item.hint) : null,
          );
        }),
      ),
    ),
  );
}

export function button(
  text: string,
  attrs: Record<string, string | boolean | ((event: Event) => void) | undefined> = {},
): HTMLButtonElement {
  return h('button', { class: 'nhsuk-button', type: 'submit', 'data-prevent-double-click': 'true', ...attrs }, text);
}

export function secondaryButton(
  text: string,
  attrs: Record<string, string | boolean | ((event: Event) => void) | undefined> = {},
): HTMLButtonElement {
  return button(text, { class: 'nhsuk-button nhsuk-button--secondary', ...attrs });
}

/** A link that looks like a button (the start of a journey). */
export function buttonLink(text: string, href: string): HTMLAnchorElement {
  return h('a', { class: 'nhsuk-button', href, role: 'button', draggable: 'false' }, text);
}

export function backLink(href: string, text = 'Back'): HTMLElement {
  return h('div', { class: 'nhsuk-back-link' }, h('a', { class: 'nhsuk-back-link__link', href }, text));
}

export function summaryList(
  rows: readonly { key: string; value: Child; action?: { href: string; text: string; hidden: string } }[],
): HTMLElement {
  return h(
    'dl',
    { class: 'nhsuk-summary-list' },
    rows.map((row) =>
      h(
        'div',
        { class: 'nhsuk-summary-list__row' },
        h('dt', { class: 'nhsuk-summary-list__key' }, row.key),
        h('dd', { class: 'nhsuk-summary-list__value' }, row.value),
        row.action
          ? h(
              'dd',
              { class: 'nhsuk-summary-list__actions' },
              h(
                'a',
                { href: row.action.href },
                row.action.text,
                h('span', { class: 'nhsuk-u-visually-hidden' }, ` ${row.action.hidden}`),
              ),
            )
          : null,
      ),
    ),
  );
}

export type TagColour = 'white' | 'grey' | 'green' | 'blue' | 'red' | 'orange' | 'yellow' | 'purple';

export function tag(text: string, colour: TagColour): HTMLElement {
  return h('strong', { class: `nhsuk-tag nhsuk-tag--${colour}` }, text);
}

/** The green confirmation panel. */
export function panel(title: string, body?: Child): HTMLElement {
  return h(
    'div',
    { class: 'nhsuk-panel nhsuk-panel--confirmation' },
    h('h1', { class: 'nhsuk-panel__title', tabindex: '-1' }, title),
    body ? h('div', { class: 'nhsuk-panel__body' }, body) : null,
  );
}

export function insetText(...children: Child[]): HTMLElement {
  return h(
    'div',
    { class: 'nhsuk-inset-text' },
    h('span', { class: 'nhsuk-u-visually-hidden' }, 'Information: '),
    ...children,
  );
}

export function card(title: string, href: string, description: string): HTMLElement {
  return h(
    'li',
    { class: 'nhsuk-grid-column-one-half nhsuk-card-group__item' },
    h(
      'div',
      { class: 'nhsuk-card nhsuk-card--clickable' },
      h(
        'div',
        { class: 'nhsuk-card__content' },
        h('h2', { class: 'nhsuk-card__heading nhsuk-heading-m' }, h('a', { class: 'nhsuk-card__link', href }, title)),
        h('p', { class: 'nhsuk-card__description' }, description),
      ),
    ),
  );
}

export function p(...children: Child[]): HTMLParagraphElement {
  return h('p', { class: 'nhsuk-body' }, ...children);
}
