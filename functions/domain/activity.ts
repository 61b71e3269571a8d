/**
 * Counted actions: what the monthly report counts. Each is recorded in the same
 * transaction as the action itself, twice over: the practice-month counters the rollup reads
 * (O(1) per practice) and an append-only activity entry that `rollup --verify` recounts.
 */
export const USE_COUNTERS = [
  'appointmentsBooked',
  'appointmentsCancelled',
  'prescriptionsOrdered',
  'prescriptionItemsOrdered',
  'recordViews',
  // Of the actions above, those a proxy did for the patient (each is counted in its own figure too).
  'byProxy',
] as const;
export type UseCounter = (typeof USE_COUNTERS)[number];

/**
 * Getting patients online: invitations issued and sign-ins linked in the month. Not online use
 * (never in `use.total`); kept on the same practice-month counters, in the event's own transaction.
 */
export const ONBOARDING_COUNTERS = ['invitationsIssued', 'accountsLinked'] as const;
export type OnboardingCounter = (typeof ONBOARDING_COUNTERS)[number];

/** `proxy`: done by a proxy acting for the patient (still the patient's online use). */
export type CountedAction = (
  | { kind: 'appointment-booked'; at: Date; ref: string }
  | { kind: 'appointment-cancelled'; at: Date; ref: string }
  | { kind: 'prescription-ordered'; at: Date; ref: string; items: number }
  | { kind: 'record-viewed'; at: Date; ref: string }
) & { proxy?: boolean };

/** What one action adds to its practice-month counters. */
export function counterDeltas(action: CountedAction): Partial<Record<UseCounter, number>> {
  const byProxy = action.proxy ? { byProxy: 1 } : {};
  switch (action.kind) {
    case 'appointment-booked':
      return { appointmentsBooked: 1, ...byProxy };
    case 'appointment-cancelled':
      return { appointmentsCancelled: 1, ...byProxy };
    case 'prescription-ordered':
      return { prescriptionsOrdered: 1, prescriptionItemsOrdered: action.items, ...byProxy };
    case 'record-viewed':
      return { recordViews: 1, ...byProxy };
  }
}

/**
 * Enabled-patient figures. The practice keeps running totals plus, per month, the change in each,
 * so the figure at any month's end is derivable however late the report runs.
 */
export const ENABLED_COUNTERS = [
  'enabledAppointments',
  'enabledPrescriptions',
  'enabledDetailedRecord',
  'enabledAny',
] as const;
export type EnabledCounter = (typeof ENABLED_COUNTERS)[number];

export interface EnabledFlags {
  appointments: boolean;
  prescriptions: boolean;
  detailedRecord: boolean;
}

export function enabledFlags(
  services: { appointments: boolean; prescriptions: boolean; record: string } | undefined,
): EnabledFlags {
  return {
    appointments: services?.appointments ?? false,
    prescriptions: services?.prescriptions ?? false,
    detailedRecord: services?.record === 'detailed',
  };
}

const anyEnabled = (f: EnabledFlags) => f.appointments || f.prescriptions || f.detailedRecord;

/** How the practice's enabled totals change when a patient's services go from `before` to `after`. */
export function enabledDeltas(before: EnabledFlags, after: EnabledFlags): Record<EnabledCounter, number> {
  const d = (a: boolean, b: boolean) => Number(b) - Number(a);
  return {
    enabledAppointments: d(before.appointments, after.appointments),
    enabledPrescriptions: d(before.prescriptions, after.prescriptions),
    enabledDetailedRecord: d(before.detailedRecord, after.detailedRecord),
    enabledAny: d(anyEnabled(before), anyEnabled(after)),
  };
}

export { anyEnabled };

/**
 * Not a use of a service but a change to what a patient may use: appended to the same activity
 * partition (never counted in USE_COUNTERS) so that `rollup --verify` can rebuild who was enabled
 * at any month's end from the patient records, independently of the enabled counters.
 */
export interface ServicesChange {
  kind: 'services-changed';
  at: Date;
  nhsNumber: string;
  before: EnabledFlags;
  after: EnabledFlags;
  /** The patient's first ever enablement for any service (POMI "new in month"). */
  firstEnabled: boolean;
}

/**
 * What a change to a patient's services moves: the practice's enabled totals, and the services
 * change entry when any total moved or the patient is enabled for the first time.
 */
export function servicesMoved(change: Omit<ServicesChange, 'kind'>): {
  deltas: Record<EnabledCounter, number>;
  servicesChange?: ServicesChange;
} {
  const deltas = enabledDeltas(change.before, change.after);
  const moved = change.firstEnabled || Object.values(deltas).some((d) => d !== 0);
  return { deltas, ...(moved ? { servicesChange: { kind: 'services-changed', ...change } } : {}) };
}
