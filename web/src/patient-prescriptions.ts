import { must, type Schemas } from './api/client.ts';
import { errorFor, type App, type Context, type Page } from './app.ts';
import { h } from './dom.ts';
import { requestStatusTag, requestSummaryRows } from './prescription-request.ts';
import { button, buttonLink, choices, heading, p, panel, summaryList, textInput, textarea } from './ui.ts';

type Medication = Schemas['Medication'];
type PrescriptionRequest = Schemas['PrescriptionRequest'];

/** What each status means, in the patient's words. */
const MEANING: Record<PrescriptionRequest['status'], string> = {
  requested: 'Waiting for the surgery to check it.',
  approved: 'Approved. The surgery will send it to the pharmacy.',
  rejected: 'The surgery did not approve it.',
  issued: 'Sent to the pharmacy.',
  withdrawn: 'You withdrew this request.',
};

/** The order in progress. */
let order: { medications: Medication[]; pharmacy?: string; note?: string } = { medications: [] };
let lastRequest: PrescriptionRequest | undefined;

/** Why an item cannot be ordered yet, and when it can. */
function notOrderable(app: App, medication: Medication): string | undefined {
  if (medication.orderable) return undefined;
  switch (medication.notOrderableReason) {
    case 'too-soon':
      return medication.nextOrderableDate
        ? `You can order this again from ${app.formatDate(`${medication.nextOrderableDate}T12:00:00Z`)}.`
        : 'You ordered this recently, so you cannot order it again yet.';
    case 'pending-request':
      return 'You have already asked for this. It is waiting for the surgery to check it.';
    case 'review-overdue':
      return 'This medicine needs a review before you can order it again. Contact your GP surgery.';
    default:
      return 'You cannot order this online at the moment. Contact your GP surgery.';
  }
}

function itemsText(request: PrescriptionRequest): string {
  return request.items.map((item) => item.name).join(', ');
}

/** Requests and their statuses, with a way to order. */
export function prescriptionsScreen(app: App) {
  return async (): Promise<Page> => {
    const requests = await must(app.api.GET('/prescriptions'));
    return {
      title: 'Repeat prescriptions',
      back: '/app/',
      body: [
        heading('Repeat prescriptions'),
        buttonLink('Order a repeat prescription', '/app/prescriptions/order'),
        h('h2', {}, 'Your requests'),
        requests.items.length === 0
          ? p('You have not ordered any repeat prescriptions online.')
          : h(
              'table',
              { class: 'nhsuk-table-responsive' },
              h('caption', { class: 'nhsuk-table__caption nhsuk-u-visually-hidden' }, 'Your requests'),
              h(
                'thead',
                { class: 'nhsuk-table__head' },
                h(
                  'tr',
                  { role: 'row' },
                  ['Date', 'Medicines', 'Status'].map((name) => h('th', { role: 'columnheader', scope: 'col' }, name)),
                ),
              ),
              h(
                'tbody',
                { class: 'nhsuk-table__body' },
                requests.items.map((request) =>
                  h(
                    'tr',
                    { role: 'row', class: 'nhsuk-table__row' },
                    h(
                      'td',
                      { role: 'cell', class: 'nhsuk-table__cell' },
                      h('span', { class: 'nhsuk-table-responsive__heading', 'aria-hidden': 'true' }, 'Date '),
                      h(
                        'a',
                        { href: `/app/prescriptions/${request.prescriptionId}` },
                        app.formatDate(request.requestedAt, { day: 'numeric', month: 'long', year: 'numeric' }),
                      ),
                    ),
                    h(
                      'td',
                      { role: 'cell', class: 'nhsuk-table__cell' },
                      h('span', { class: 'nhsuk-table-responsive__heading', 'aria-hidden': 'true' }, 'Medicines '),
                      itemsText(request),
                    ),
                    h(
                      'td',
                      { role: 'cell', class: 'nhsuk-table__cell' },
                      h('span', { class: 'nhsuk-table-responsive__heading', 'aria-hidden': 'true' }, 'Status '),
                      requestStatusTag(request),
                    ),
                  ),
                ),
              ),
            ),
      ],
    };
  };
}

/** Choose the medicines: items that cannot be ordered say why and when. */
export function chooseMedicationsScreen(app: App) {
  return async (context: Context): Promise<Page> => {
    const medications = (await must(app.api.GET('/medications'))).items;
    const chosen = new Set(order.medications.map((item) => item.medicationId));
    const form = h(
      'form',
      {
        novalidate: true,
        onsubmit: (event: Event) => {
          event.preventDefault();
          const ids = new Set(new FormData(form).getAll('medication').map(String));
          if (ids.size === 0) {
            void app.showErrors([{ field: 'medication', message: 'Select the medicines you need' }]);
            return;
          }
          if (ids.size > 10) {
            void app.showErrors([{ field: 'medication', message: 'Select 10 medicines or fewer' }]);
            return;
          }
          order = { ...order, medications: medications.filter((item) => ids.has(item.medicationId)) };
          app.go('/app/prescriptions/order/pharmacy');
        },
      },
      medications.length === 0
        ? p('You have no repeat medicines. Contact your GP surgery.')
        : choices({
            type: 'checkbox',
            name: 'medication',
            legend: 'Which medicines do you need?',
            legendIsHeading: true,
            hint: 'Select all that you need.',
            error: errorFor(context, 'medication') ?? errorFor(context, 'medicationIds'),
            items: medications.map((item) => ({
              value: item.medicationId,
              label: `${item.name}`,
              hint: [`${item.dosage}. Quantity ${item.quantity}.`, notOrderable(app, item)].filter(Boolean).join(' '),
              checked: chosen.has(item.medicationId) && item.orderable,
              disabled: !item.orderable,
            })),
          }),
      medications.length > 0 ? button('Continue') : null,
    );
    return { title: 'Which medicines do you need?', back: '/app/prescriptions', body: [form] };
  };
}

/** A later step of an order reached without a choice of medicines (a reload, say): start again. */
const choiceNotKept = (): Page => ({
  title: 'Order a repeat prescription',
  back: '/app/prescriptions',
  body: [
    heading('Order a repeat prescription'),
    p('Your choice was not kept. ', h('a', { href: '/app/prescriptions/order' }, 'Choose your medicines')),
  ],
});

/** The nominated pharmacy and a note for the surgery, both optional. */
export function pharmacyScreen(app: App) {
  return (context: Context): Page => {
    if (order.medications.length === 0) return choiceNotKept();
    const form = h(
      'form',
      {
        novalidate: true,
        onsubmit: (event: Event) => {
          event.preventDefault();
          const pharmacy = (form.querySelector<HTMLInputElement>('#pharmacy')?.value ?? '')
            .replace(/\s+/g, '')
            .toUpperCase();
          const note = (form.querySelector<HTMLTextAreaElement>('#note')?.value ?? '').trim();
          const errors = [];
          if (pharmacy && !/^[A-Z0-9]{3,8}$/.test(pharmacy))
            errors.push({ field: 'pharmacy', message: 'Pharmacy code must be 3 to 8 letters and numbers, like FA123' });
          if (note.length > 500) errors.push({ field: 'note', message: 'Note must be 500 characters or fewer' });
          order = { ...order, pharmacy: pharmacy || undefined, note: note || undefined };
          if (errors.length > 0) {
            void app.showErrors(errors);
            return;
          }
          app.go('/app/prescriptions/order/check');
        },
      },
      heading('Pharmacy and note'),
      textInput({
        id: 'pharmacy',
        label: 'Nominated pharmacy code (optional)',
        hint: 'The ODS code of the pharmacy you want the prescription sent to, like FA123',
        value: order.pharmacy,
        error: errorFor(context, 'pharmacy'),
        width: 10,
        attrs: { autocomplete: 'off', spellcheck: 'false' },
      }),
      textarea({
        id: 'note',
        label: 'Note for the surgery (optional)',
        hint: '500 characters or fewer',
        value: order.note,
        error: errorFor(context, 'note'),
        rows: 3,
        attrs: { maxlength: '500' },
      }),
      button('Continue'),
    );
    return { title: 'Pharmacy and note', back: '/app/prescriptions/order', body: [form] };
  };
}

/** Check your answers, then order. */
export function checkOrderScreen(app: App) {
  return (): Page => {
    if (order.medications.length === 0) return choiceNotKept();
    const submit = button('Order prescription');
    const form = h(
      'form',
      {
        novalidate: true,
        onsubmit: (event: Event) => {
          event.preventDefault();
          void app.submit(submit, 'Ordering…', async () => {
            lastRequest = await must(
              app.api.POST('/prescriptions', {
                body: {
                  medicationIds: order.medications.map((item) => item.medicationId),
                  ...(order.pharmacy ? { pharmacy: order.pharmacy } : {}),
                  ...(order.note ? { note: order.note } : {}),
                },
              }),
            );
            order = { medications: [] };
            app.go('/app/prescriptions/ordered');
          });
        },
      },
      submit,
    );
    return {
      title: 'Check your answers',
      back: '/app/prescriptions/order/pharmacy',
      body: [
        heading('Check your answers before ordering'),
        summaryList([
          {
            key: 'Medicines',
            value: h(
              'ul',
              { class: 'nhsuk-list' },
              order.medications.map((item) => h('li', {}, item.name)),
            ),
            action: { href: '/app/prescriptions/order', text: 'Change', hidden: 'medicines' },
          },
          {
            key: 'Pharmacy',
            value: order.pharmacy ?? 'None nominated',
            action: { href: '/app/prescriptions/order/pharmacy', text: 'Change', hidden: 'pharmacy' },
          },
          {
            key: 'Note',
            value: order.note ?? 'None',
            action: { href: '/app/prescriptions/order/pharmacy', text: 'Change', hidden: 'note' },
          },
        ]),
        form,
      ],
    };
  };
}

export function orderedScreen() {
  return (): Page => ({
    title: 'Prescription ordered',
    body: [
      panel('Prescription ordered', lastRequest ? itemsText(lastRequest) : undefined),
      p('The surgery will check your request. This usually takes 2 working days.'),
      p(h('a', { href: '/app/prescriptions' }, 'View your requests')),
    ],
  });
}

/** One request: its status and, while it is waiting, a way to withdraw it. */
export function requestScreen(app: App) {
  return async (context: Context): Promise<Page> => {
    const id = context.params[0] ?? '';
    const request = await must(app.api.GET('/prescriptions/{id}', { params: { path: { id } } }));
    const submit = button('Withdraw request', { class: 'nhsuk-button nhsuk-button--secondary' });
    const form = h(
      'form',
      {
        novalidate: true,
        onsubmit: (event: Event) => {
          event.preventDefault();
          void app.submit(submit, 'Withdrawing…', async () => {
            await must(app.api.POST('/prescriptions/{id}/withdraw', { params: { path: { id } } }));
            app.go(`/app/prescriptions/${id}`);
          });
        },
      },
      submit,
    );
    return {
      title: 'Prescription request',
      back: '/app/prescriptions',
      body: [
        heading('Prescription request'),
        p(requestStatusTag(request), ' ', MEANING[request.status]),
        summaryList([
          ...requestSummaryRows(app, request),
          ...(request.rejectionReason ? [{ key: 'Reason not approved', value: request.rejectionReason }] : []),
          ...(request.issuedAt ? [{ key: 'Sent to pharmacy', value: app.formatDate(request.issuedAt) }] : []),
        ]),
        request.status === 'requested' ? form : null,
      ],
    };
  };
}
