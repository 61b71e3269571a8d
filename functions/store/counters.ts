import {
  counterDeltas,
  type CountedAction,
  type EnabledCounter,
  type OnboardingCounter,
  type ServicesChange,
} from '../domain/activity.ts';
import { localMonth } from '../domain/time.ts';
import { tableName } from './client.ts';
import { keys, type Key } from './keys.ts';
import type { GuardedItem } from './dynamo.ts';
import { WriteConflictError } from './write-conflict.ts';

/**
 * Each practice-month's counters are spread over this many items. DynamoDB cancels (rather than
 * queues) concurrent transactions on one item, so a busy practice's actions would otherwise all
 * contend on one; readers sum the shards (store/reports.ts), still O(1) items per month.
 */
export const COUNTER_SHARDS = 8;

/**
 * How long activity entries are kept (DynamoDB TTL), in months after the month they belong to.
 * Only `rollup --verify` reads them (the reports read the counters), and verifying a month also
 * reads every later month's changes of services: 25 months lets any month of the past year be
 * recounted together with its year-ago month. ACTIVITY_RETENTION_MONTHS changes it (whole months, ≥ 1).
 */
export function activityRetentionMonths(): number {
  const raw = process.env.ACTIVITY_RETENTION_MONTHS?.trim();
  if (!raw) return DEFAULT_ACTIVITY_RETENTION_MONTHS;
  const months = Number(raw);
  if (!Number.isInteger(months) || months < 1) {
    throw new Error(`ACTIVITY_RETENTION_MONTHS must be a whole number of months (at least 1), not "${raw}"`);
  }
  return months;
}
export const DEFAULT_ACTIVITY_RETENTION_MONTHS = 25;

/** The TTL (epoch seconds) of an activity entry of `month`: the retention after the month's end. */
function activityExpiry(month: string): number {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return Date.UTC(year, m + activityRetentionMonths(), 1) / 1000;
}

/**
 * The shard one transaction adds to, drawn afresh each time its items are built: a use case
 * rebuilds them on every attempt, so a retry after a conflict draws again.
 */
function counterShard(): number {
  return Math.floor(Math.random() * COUNTER_SHARDS);
}

function addExpression(deltas: Record<string, number>) {
  const names: Record<string, string> = {};
  const values: Record<string, number> = {};
  const parts: string[] = [];
  Object.entries(deltas).forEach(([name, delta], i) => {
    names[`#c${i}`] = name;
    values[`:c${i}`] = delta;
    parts.push(`#c${i} :c${i}`);
  });
  return { names, values, expression: `ADD ${parts.join(', ')}` };
}

function sumDeltas(all: Partial<Record<string, number>>[]): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const deltas of all) for (const [k, v] of Object.entries(deltas)) sum[k] = (sum[k] ?? 0) + (v ?? 0);
  return sum;
}

/** Counter deltas ADDed to one counter item. */
function counterItem(key: Key, deltas: Record<string, number>, entity: string): GuardedItem {
  const { names, values, expression } = addExpression(deltas);
  return {
    item: {
      Update: {
        TableName: tableName(),
        Key: key,
        UpdateExpression: `${expression} SET entity = :entity`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ...values, ':entity': entity },
      },
    },
  };
}

/** Counter deltas ADDed to a random shard of a practice-month. */
const monthCounterItem = (practice: string, month: string, deltas: Record<string, number>) =>
  counterItem(keys.practiceMonth(practice, month, counterShard()), deltas, 'practice-month');

/**
 * One append-only activity entry of a practice-month (what `rollup --verify` recounts), expiring
 * after the retention like every other; never overwritten.
 */
function activityEntryItem(
  practice: string,
  month: string,
  entry: { kind: string; at: Date; ref: string } & Record<string, unknown>,
): GuardedItem {
  const at = entry.at.toISOString();
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: {
          ...entry,
          ...keys.activityEntry(practice, month, at, entry.ref, entry.kind),
          entity: 'activity',
          at,
          expiresAt: activityExpiry(month),
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
  };
}

/**
 * The transaction items that count patient actions for the monthly report: one ADD on a random
 * shard of the practice-month counters (one per month touched; a transaction may not touch an item
 * twice) and one append-only activity entry per action for `rollup --verify`.
 */
export function countedActionItems(practice: string, timeZone: string, actions: CountedAction[]): GuardedItem[] {
  const byMonth = new Map<string, CountedAction[]>();
  for (const action of actions) {
    const month = localMonth(action.at, timeZone);
    byMonth.set(month, [...(byMonth.get(month) ?? []), action]);
  }
  const items: GuardedItem[] = [];
  for (const [month, monthActions] of byMonth) {
    items.push(monthCounterItem(practice, month, sumDeltas(monthActions.map(counterDeltas))));
    for (const action of monthActions) {
      items.push(
        activityEntryItem(practice, month, {
          kind: action.kind,
          at: action.at,
          ref: action.ref,
          ...(action.kind === 'prescription-ordered' ? { items: action.items } : {}),
          ...(action.proxy ? { proxy: true } : {}),
        }),
      );
    }
  }
  return items;
}

/**
 * Enabled-patient bookkeeping for a change to one patient's services: running totals plus the
 * month's change on a random shard of its counters (and `newEnabled` when the patient is enabled
 * for the first time ever).
 */
export function enabledChangeItems(
  practice: string,
  month: string,
  deltas: Record<EnabledCounter, number>,
  firstEverEnabled: boolean,
): GuardedItem[] {
  const changed = Object.fromEntries(Object.entries(deltas).filter(([, v]) => v !== 0));
  const monthDeltas = firstEverEnabled ? { ...changed, newEnabled: 1 } : changed;
  if (Object.keys(monthDeltas).length === 0) return [];
  const items = [monthCounterItem(practice, month, monthDeltas)];
  if (Object.keys(changed).length > 0) {
    items.push(counterItem(keys.practiceEnabled(practice, counterShard()), changed, 'practice-enabled'));
  }
  return items;
}

/**
 * The append-only activity entry recording one change to a patient's enabled services (for
 * `rollup --verify`); goes in the registration's own transaction, next to enabledChangeItems.
 */
export function servicesChangeItem(practice: string, timeZone: string, change: ServicesChange): GuardedItem {
  const entry = activityEntryItem(practice, localMonth(change.at, timeZone), {
    kind: change.kind,
    at: change.at,
    ref: change.nhsNumber,
    before: change.before,
    after: change.after,
    firstEnabled: change.firstEnabled,
  });
  // Only a second change to the same patient in the same millisecond collides: decide again.
  return { ...entry, onConditionFailed: () => new WriteConflictError(-1) };
}

/**
 * The append-only activity entry of one onboarding event, in the event's own transaction next to
 * onboardingCounterItem, so that `rollup --verify` recounts the onboarding figures too.
 */
export function onboardingActivityItem(
  practice: string,
  timeZone: string,
  event: { kind: 'invitation-issued' | 'account-linked'; at: Date; ref: string },
): GuardedItem {
  return activityEntryItem(practice, localMonth(event.at, timeZone), event);
}

/** One onboarding event (an invitation issued, a sign-in linked) added to a random shard of its month. */
export function onboardingCounterItem(practice: string, month: string, counter: OnboardingCounter): GuardedItem {
  return monthCounterItem(practice, month, { [counter]: 1 });
}

/** The counter of messages of one kind sent in a practice-month (summed by store/reports.ts). */
export const messagesSentCounter = (kind: string) => `messagesSent:${kind}`;
export const MESSAGES_FAILED_COUNTER = 'messagesFailed';

/**
 * A message's outcome (sent, or given up on), counted for the monthly report on a random shard of
 * the practice-month, with its append-only activity entry for `rollup --verify`; written in the
 * sender's transaction that records the outcome, so it is counted once.
 */
export function messageOutcomeItems(
  practice: string,
  timeZone: string,
  outcome: { sent: boolean; kind: string; messageId: string; at: Date },
): GuardedItem[] {
  const month = localMonth(outcome.at, timeZone);
  const counter = outcome.sent ? messagesSentCounter(outcome.kind) : MESSAGES_FAILED_COUNTER;
  return [
    monthCounterItem(practice, month, { [counter]: 1 }),
    activityEntryItem(practice, month, {
      kind: outcome.sent ? 'message-sent' : 'message-failed',
      messageKind: outcome.kind,
      at: outcome.at,
      ref: outcome.messageId,
    }),
  ];
}
