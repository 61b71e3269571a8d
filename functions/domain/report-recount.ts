import type { MonthlyReport } from '../schemas/report.ts';
import {
  ONBOARDING_COUNTERS,
  USE_COUNTERS,
  anyEnabled,
  type EnabledFlags,
  type OnboardingCounter,
} from './activity.ts';
import { MESSAGE_KINDS, type MessageKind } from '../schemas/message-kinds.ts';
import {
  emptyMessages,
  emptyUse,
  useWithTotal,
  type EnabledFigures,
  type MessageFigures,
  type UseFigures,
} from './report-figures.ts';

/**
 * The recount `rollup --verify` compares a report with: the month's figures counted one activity
 * entry and one patient at a time, and the differences between the two. Pure.
 */

/** One activity entry as verify reads it. */
export type ActivityEntry =
  | { kind: 'appointment-booked' | 'appointment-cancelled' | 'record-viewed'; at: string; ref: string; proxy?: boolean }
  | { kind: 'prescription-ordered'; at: string; ref: string; items: number; proxy?: boolean }
  | { kind: 'invitation-issued' | 'account-linked'; at: string; ref: string }
  | { kind: 'message-sent'; at: string; ref: string; messageKind: MessageKind }
  | { kind: 'message-failed'; at: string; ref: string }
  | {
      kind: 'services-changed';
      at: string;
      ref: string;
      before: EnabledFlags;
      after: EnabledFlags;
      firstEnabled: boolean;
    };

/** The month's use, counted one activity entry at a time. */
export function recountUse(entries: readonly ActivityEntry[]): UseFigures {
  const use = emptyUse();
  for (const entry of entries) {
    if ('proxy' in entry && entry.proxy) use.byProxy++;
    switch (entry.kind) {
      case 'appointment-booked':
        use.appointmentsBooked++;
        break;
      case 'appointment-cancelled':
        use.appointmentsCancelled++;
        break;
      case 'prescription-ordered':
        use.prescriptionsOrdered++;
        use.prescriptionItemsOrdered += entry.items;
        break;
      case 'record-viewed':
        use.recordViews++;
        break;
      case 'services-changed':
      case 'invitation-issued':
      case 'account-linked':
      case 'message-sent':
      case 'message-failed':
        break;
    }
  }
  return use;
}

/** The month's onboarding events, counted one activity entry at a time. */
export function recountOnboarding(entries: readonly ActivityEntry[]): Record<OnboardingCounter, number> {
  return {
    invitationsIssued: entries.filter((e) => e.kind === 'invitation-issued').length,
    accountsLinked: entries.filter((e) => e.kind === 'account-linked').length,
  };
}

/** The month's messages, counted one activity entry at a time. */
export function recountMessages(entries: readonly ActivityEntry[]): MessageFigures {
  const messages = emptyMessages();
  for (const entry of entries) {
    if (entry.kind === 'message-sent') messages.sent[entry.messageKind]++;
    if (entry.kind === 'message-failed') messages.failed++;
  }
  return messages;
}

export interface PatientSnapshot {
  nhsNumber: string;
  flags: EnabledFlags;
  firstEnabledAt?: string;
}

/**
 * Who was enabled at the end of a month, from the patient records as they are now: every change
 * made after the month (newest first) is undone using the flags it recorded as "before".
 */
export function recountEnabled(
  patients: readonly PatientSnapshot[],
  changesAfterMonth: readonly Extract<ActivityEntry, { kind: 'services-changed' }>[],
  bounds: { start: Date; end: Date },
): MonthlyReport['enabled'] {
  const flags = new Map(patients.map((p) => [p.nhsNumber, p.flags]));
  const newestFirst = [...changesAfterMonth].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  for (const change of newestFirst) flags.set(change.ref, change.before);
  const inMonth = (at: string | undefined) =>
    at !== undefined && new Date(at) >= bounds.start && new Date(at) < bounds.end;
  return { ...countEnabled([...flags.values()]), newInMonth: patients.filter((p) => inMonth(p.firstEnabledAt)).length };
}

/** How many of these patients are enabled for each service. */
export function countEnabled(all: readonly EnabledFlags[]): EnabledFigures {
  const count = (f: (x: EnabledFlags) => boolean) => all.filter(f).length;
  return {
    appointments: count((f) => f.appointments),
    prescriptions: count((f) => f.prescriptions),
    detailedRecord: count((f) => f.detailedRecord),
    anyService: count(anyEnabled),
  };
}

export interface Difference {
  field: string;
  reported: number | string;
  recounted: number | string;
}

/** Every figure where the report and the recount disagree (empty: they agree). */
export function differences(
  report: Pick<MonthlyReport, 'enabled' | 'use'> &
    Partial<Pick<MonthlyReport, 'onboarding'>> & { messages?: MonthlyReport['messages'] },
  recount: {
    enabled: MonthlyReport['enabled'];
    use: UseFigures;
    onboarding?: Record<OnboardingCounter, number>;
    messages?: MessageFigures;
  },
): Difference[] {
  const pairs: [string, number, number][] = [
    ...(Object.keys(report.enabled) as (keyof MonthlyReport['enabled'])[]).map((k): [string, number, number] => [
      `enabled.${k}`,
      report.enabled[k],
      recount.enabled[k],
    ]),
    ...USE_COUNTERS.map((k): [string, number, number] => [`use.${k}`, report.use[k], recount.use[k]]),
    ['use.total', report.use.total, useWithTotal(recount.use).total],
    ...(report.onboarding && recount.onboarding
      ? ONBOARDING_COUNTERS.map((k): [string, number, number] => [
          `onboarding.${k}`,
          report.onboarding![k],
          recount.onboarding![k],
        ])
      : []),
    // Reports stored before messages were counted have no figures to compare.
    ...(report.messages && recount.messages
      ? [
          ...MESSAGE_KINDS.map((k): [string, number, number] => [
            `messages.sent.${k}`,
            report.messages!.sent[k],
            recount.messages!.sent[k],
          ]),
          ['messages.failed', report.messages.failed, recount.messages.failed] as [string, number, number],
        ]
      : []),
  ];
  return pairs.filter(([, a, b]) => a !== b).map(([field, reported, recounted]) => ({ field, reported, recounted }));
}
