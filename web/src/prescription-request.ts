import type { Schemas } from './api/client.ts';
import type { App } from './app.ts';
import { h, type Child } from './dom.ts';
import { tag, type TagColour } from './ui.ts';

type PrescriptionRequest = Schemas['PrescriptionRequest'];

/** How a request's status is shown, to patients and staff alike. */
const STATUS_TAG: Record<PrescriptionRequest['status'], { text: string; colour: TagColour }> = {
  requested: { text: 'Requested', colour: 'blue' },
  approved: { text: 'Approved', colour: 'green' },
  rejected: { text: 'Rejected', colour: 'red' },
  issued: { text: 'Issued', colour: 'purple' },
  withdrawn: { text: 'Withdrawn', colour: 'grey' },
};

export function requestStatusTag(request: PrescriptionRequest): HTMLElement {
  return tag(STATUS_TAG[request.status].text, STATUS_TAG[request.status].colour);
}

/** The summary-list rows both sides show for a request: when, what, which pharmacy, the note. */
export function requestSummaryRows(app: App, request: PrescriptionRequest): { key: string; value: Child }[] {
  return [
    { key: 'Requested', value: `${app.formatDate(request.requestedAt)} at ${app.formatTime(request.requestedAt)}` },
    {
      key: 'Medicines',
      value: h(
        'ul',
        { class: 'nhsuk-list' },
        request.items.map((item) => h('li', {}, `${item.name}: ${item.dosage}, quantity ${item.quantity}`)),
      ),
    },
    { key: 'Pharmacy', value: request.pharmacy ?? 'None nominated' },
    ...(request.note ? [{ key: 'Note', value: request.note }] : []),
  ];
}
