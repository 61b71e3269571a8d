import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  ENABLED_COUNTERS,
  ONBOARDING_COUNTERS,
  USE_COUNTERS,
  enabledFlags,
  type EnabledCounter,
} from '../domain/activity.ts';
import { MESSAGE_KINDS } from '../schemas/message-kinds.ts';
import {
  emptyMessages,
  emptyMonth,
  type MonthCounters,
  type MonthEnd,
  type TrendPoint,
} from '../domain/report-figures.ts';
import { type PomiContext } from '../domain/report-pomi.ts';
import { type ActivityEntry, type PatientSnapshot } from '../domain/report-recount.ts';
import { addMonths } from '../domain/time.ts';
import type { PracticeSettings } from '../schemas/practice.ts';
import { MonthlyReport, PomiContext as PomiContextSchema, TrendPoint as TrendPointSchema } from '../schemas/report.ts';
import * as z from '../schemas/zod.ts';
import { db, tableName } from './client.ts';
import { COUNTER_SHARDS, MESSAGES_FAILED_COUNTER, messagesSentCounter } from './counters.ts';
import { keys } from './keys.ts';
import { patientFrom } from './patients.ts';
import { queryHistoryEntry, settingsAsOf, settingsKey } from './practices.ts';
import { getItem, type Item, send, type GuardedItem } from './dynamo.ts';
import { getItems, queryAll, queryPage } from './read.ts';
import { storedItem } from './stored-item.ts';
import { transact } from './transact.ts';

/** A report as stored: the contract JSON, the POMI CSV, and what the HTML page draws. */
export interface StoredReport {
  report: MonthlyReport;
  csv: string;
  trend: TrendPoint[];
  context: PomiContext;
}

const num = (value: unknown) => (typeof value === 'number' ? value : Number(value ?? 0)) || 0;

/**
 * The counter shards of one or more months (any order), summed into one MonthCounters per month,
 * in the order the months first appear. Month-end items among them are left out.
 */
function monthCountersFrom(items: Item[]): MonthCounters[] {
  const byMonth = new Map<string, MonthCounters>();
  for (const item of items) {
    if (keys.isMonthEndSort(String(item.SK))) continue;
    const month = keys.monthOfSort(String(item.SK));
    const sum = byMonth.get(month) ?? emptyMonth(month);
    for (const c of USE_COUNTERS) sum.use[c] += num(item[c]);
    for (const c of ENABLED_COUNTERS) sum.enabledChange[c] += num(item[c]);
    for (const c of ONBOARDING_COUNTERS) sum.onboarding[c] += num(item[c]);
    for (const k of MESSAGE_KINDS) sum.messages.sent[k] += num(item[messagesSentCounter(k)]);
    sum.messages.failed += num(item[MESSAGES_FAILED_COUNTER]);
    sum.newEnabled += num(item.newEnabled);
    byMonth.set(month, sum);
  }
  return [...byMonth.values()];
}

/** The counter shards of the months `from` (omitted: the first) to `to`: one consistent Query. */
async function queryMonths(ods: string, from: string | undefined, to: string): Promise<MonthCounters[]> {
  const range = keys.monthSortRange(from, to);
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': keys.practiceMonth(ods, to, 0).PK, ':from': range.from, ':to': range.to },
    ConsistentRead: true,
  });
  return monthCountersFrom(items);
}

/**
 * A practice's counters of every month up to and including `upTo`, one MonthCounters per month
 * (its shards summed): one Query (strongly consistent) on PRACTICE#{ods} between MONTH# and
 * MONTH#{upTo}#\uffff. At most COUNTER_SHARDS small items per month of the practice's history,
 * whatever the number of actions: one page for decades of months.
 */
export async function queryMonthHistory(ods: string, upTo: string): Promise<MonthCounters[]> {
  return queryMonths(ods, undefined, upTo);
}

/** One practice-month's counters, its shards summed (zeros when nothing was counted): one Query. */
export async function readMonthCounters(ods: string, month: string): Promise<MonthCounters> {
  const [counters] = await queryMonths(ods, month, month);
  return counters ?? emptyMonth(month);
}

/** A page of the older history, newest first, when the report's months hold no month-end. */
const OLDER_MONTHS_PAGE = 12 * (COUNTER_SHARDS + 1);

const parseMonthEnd = /* @__PURE__ */ storedItem('month end', () =>
  z.object({
    SK: z.string(),
    enabledAppointments: z.number(),
    enabledPrescriptions: z.number(),
    enabledDetailedRecord: z.number(),
    enabledAny: z.number(),
    firstDataMonth: z.optional(z.string()),
  }),
);

/** A stored month-end: its month (from its key) and the enabled totals at that month's end. */
export function monthEndFrom(item: Item): MonthEnd {
  const { SK, firstDataMonth, ...enabled } = parseMonthEnd(item);
  return {
    month: keys.monthOfSort(SK),
    enabled: {
      appointments: enabled.enabledAppointments,
      prescriptions: enabled.enabledPrescriptions,
      detailedRecord: enabled.enabledDetailedRecord,
      anyService: enabled.enabledAny,
    },
    ...(firstDataMonth !== undefined ? { firstDataMonth } : {}),
  };
}

/**
 * The counters a report of `month` reads: its 12 months' shards and a month-end to count the
 * enabled totals from, whatever the length of the practice's history. One consistent Query on
 * PRACTICE#{ods} between MONTH#{month-12}#END and MONTH#{month}#\uffff: the 12 months' shards and
 * month-ends, and the year-ago month's end (at most 117 small items, one page). The rollup stores a
 * month-end each month, so one is there; only when none is (a practice's first run, or one idle for
 * a year) does a second Query read the older months, newest first, page by page until it meets a
 * month-end or the practice's first month, and the run then stores one.
 */
async function queryReportCounters(
  ods: string,
  month: string,
): Promise<{ history: MonthCounters[]; anchor?: MonthEnd }> {
  const pk = keys.practiceMonth(ods, month, 0).PK;
  const yearAgoEnd = keys.practiceMonthEnd(ods, addMonths(month, -12)).SK;
  const isMonthEnd = (item: Item) => keys.isMonthEndSort(String(item.SK));
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': pk, ':from': yearAgoEnd, ':to': keys.monthSortRange(month, month).to },
    ConsistentRead: true,
  });
  // The newest month-end: any one gives the same figures, and the newest needs no older months.
  let anchorItem = items.findLast(isMonthEnd);
  if (!anchorItem) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await queryPage({
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
        // The year-ago month-end is not there (the first Query would have found it).
        ExpressionAttributeValues: {
          ':pk': pk,
          ':from': keys.monthSortRange(undefined, month).from,
          ':to': yearAgoEnd,
        },
        ScanIndexForward: false,
        Limit: OLDER_MONTHS_PAGE,
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start } : {}),
      });
      anchorItem = page.items.find(isMonthEnd);
      // Shards below the month-end are in it (and a page may have cut them).
      items.push(...(anchorItem ? page.items.slice(0, page.items.indexOf(anchorItem) + 1) : page.items));
      start = page.lastKey;
    } while (start && !anchorItem);
  }
  return { history: monthCountersFrom(items), ...(anchorItem ? { anchor: monthEndFrom(anchorItem) } : {}) };
}

/** Stores a settled month's closing figures (one PutItem; a re-run writes the same figures). */
export async function putMonthEnd(ods: string, end: MonthEnd): Promise<void> {
  await send(() =>
    db().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...keys.practiceMonthEnd(ods, end.month),
          entity: 'practice-month-end',
          enabledAppointments: end.enabled.appointments,
          enabledPrescriptions: end.enabled.prescriptions,
          enabledDetailedRecord: end.enabled.detailedRecord,
          enabledAny: end.enabled.anyService,
          ...(end.firstDataMonth !== undefined ? { firstDataMonth: end.firstDataMonth } : {}),
        },
      }),
    ),
  );
}

export interface RollupInputs {
  /** The settings as they stood at the month's end (now, for the month in progress). */
  settings: PracticeSettings;
  /** What queryReportCounters read: the trend's months and what to count the enabled totals from. */
  history: MonthCounters[];
  anchor?: MonthEnd | undefined;
  /** Stored reports of the 12 months before `month`: their list sizes, by month. */
  earlierReports: Map<string, { listSize: number }>;
}

/**
 * Everything one practice-month rollup reads, in three requests sent together: the report counters
 * Query above; the settings history Query (the last change before the month's end `end`, Limit 1);
 * and one BatchGetItem of the current settings (for settings stored before the history was kept)
 * and the reports of the 12 previous months (the trend draws those). O(1) items per practice for a
 * given month, however many months, actions or settings changes there were.
 */
/** What the rollup takes from an earlier month's report: its list size (the trend's denominator), parsed alone. */
const earlierReportFrom = /* @__PURE__ */ storedItem('monthly report', () =>
  z.object({ report: z.object({ listSize: z.number() }) }),
);

export async function readRollupInputs(ods: string, month: string, end: Date): Promise<RollupInputs> {
  const earlierMonths = Array.from({ length: 12 }, (_, i) => addMonths(month, -(i + 1)));
  const [{ history, anchor }, entry, [settingsItem, ...reportItems]] = await Promise.all([
    queryReportCounters(ods, month),
    queryHistoryEntry(ods, end),
    getItems([settingsKey(ods), ...earlierMonths.map((m) => keys.report(ods, m))]),
  ]);
  const earlierReports = new Map<string, { listSize: number }>();
  reportItems.forEach((item, i) => {
    if (item) earlierReports.set(earlierMonths[i]!, { listSize: earlierReportFrom(item).report.listSize });
  });
  return { settings: settingsAsOf(entry, settingsItem, end), history, anchor, earlierReports };
}

/** The report item, kept only if no report generated after it is stored already. */
function reportPutItem(stored: StoredReport): GuardedItem {
  const { report } = stored;
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: {
          ...keys.report(report.practice, report.month),
          entity: 'monthly-report',
          generatedAt: report.generatedAt,
          ...stored,
        },
        ConditionExpression: 'attribute_not_exists(PK) OR generatedAt <= :generatedAt',
        ExpressionAttributeValues: { ':generatedAt': report.generatedAt },
      },
    },
    onConditionFailed: () => new LaterReportStored(),
  };
}

/** The report's condition failed inside a transaction: a report generated later is stored. */
class LaterReportStored extends Error {}

/**
 * Stores a report with one PutItem (atomic: a reader sees one whole report or the previous one),
 * or, with `withItems` (an idempotency record), one TransactWriteItems of both. Of two runs at
 * once, the one that read later wins: a report never replaces one generated after it. Answers
 * false when a later report was already there (it is left as is, and nothing else is written).
 */
export async function putReport(stored: StoredReport, withItems: GuardedItem[] = []): Promise<boolean> {
  const put = reportPutItem(stored);
  try {
    if (withItems.length > 0) await transact([...withItems, put]);
    else await send(() => db().send(new PutCommand(put.item.Put!)));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException || error instanceof LaterReportStored) return false;
    throw error;
  }
}

/**
 * The figures of use as stored: reports, trends and summaries stored before proxies acted for
 * patients have no `byProxy`, and none was done by a proxy then.
 */
export function storedUse<Shape extends z.core.$ZodShape & { byProxy: z.ZodMiniNumber<number> }>(
  use: z.ZodMiniObject<Shape>,
) {
  return z.extend(use, { byProxy: z._default(use.shape.byProxy, 0) });
}

/**
 * A stored report's figures. Reports stored before onboarding or messages were counted have none
 * of those figures: nothing of the kind was counted then.
 */
function storedFigures(): z.ZodMiniType<StoredReport['report']> {
  const { use, onboarding, messages } = z.built(MonthlyReport).shape;
  return z.extend(z.built(MonthlyReport), {
    use: storedUse(use),
    onboarding: z._default(onboarding, () => ({ invitationsIssued: 0, accountsLinked: 0 })),
    messages: z._default(messages, emptyMessages),
  });
}

/** A stored report item, as the code works with it. */
export const storedReportFrom = /* @__PURE__ */ storedItem('monthly report', (): z.ZodMiniType<StoredReport> =>
  z.object({
    report: storedFigures(),
    csv: z.string(),
    trend: z.array(z.extend(z.built(TrendPointSchema), { use: storedUse(z.built(TrendPointSchema).shape.use) })),
    context: PomiContextSchema,
  }),
);

const storedFiguresFrom = /* @__PURE__ */ storedItem('monthly report', () => z.object({ report: storedFigures() }));

/** A stored report's figures alone (not its CSV, trend or POMI context): one GetItem. */
export async function getReportFigures(ods: string, month: string): Promise<StoredReport['report'] | undefined> {
  const item = await getItem(keys.report(ods, month));
  return item ? storedFiguresFrom(item).report : undefined;
}

/** A stored report: one GetItem. */
export async function getReport(ods: string, month: string): Promise<StoredReport | undefined> {
  const item = await getItem(keys.report(ods, month));
  return item ? storedReportFrom(item) : undefined;
}

// ── What `rollup --verify` recounts from (linear in the month's activity and the practice's patients) ──

/** A stored activity entry, by its kind. */
export const activityFrom = /* @__PURE__ */ storedItem('activity entry', (): z.ZodMiniType<ActivityEntry> => {
  const base = { at: z.string(), ref: z.string() };
  const flags = z.object({ appointments: z.boolean(), prescriptions: z.boolean(), detailedRecord: z.boolean() });
  return z.discriminatedUnion('kind', [
    z.object({
      kind: z.enum(['appointment-booked', 'appointment-cancelled', 'record-viewed']),
      ...base,
      proxy: z.optional(z.boolean()),
    }),
    z.object({ kind: z.literal('prescription-ordered'), ...base, items: z.number(), proxy: z.optional(z.boolean()) }),
    z.object({ kind: z.enum(['invitation-issued', 'account-linked']), ...base }),
    z.object({ kind: z.literal('message-sent'), ...base, messageKind: z.enum(MESSAGE_KINDS) }),
    z.object({ kind: z.literal('message-failed'), ...base }),
    z.object({
      kind: z.literal('services-changed'),
      ...base,
      before: flags,
      after: flags,
      firstEnabled: z.boolean(),
    }),
  ]);
});

/** Every activity entry of a practice-month: Query ACTIVITY#{ods}#{month}, all pages, consistent. */
export async function queryActivity(ods: string, month: string): Promise<ActivityEntry[]> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.activityPartition(ods, month) },
    ConsistentRead: true,
  });
  return items.map(activityFrom);
}

/** Every patient profile of a practice with what is enabled for them: Query GSI1 PATIENTS#{ods}. */
export async function listPracticePatients(ods: string): Promise<PatientSnapshot[]> {
  const items = await queryAll({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.practicePatientsPartition(ods) },
  });
  return items.map((item) => {
    const { nhsNumber, services, firstEnabledAt } = patientFrom(item)!;
    return { nhsNumber, flags: enabledFlags(services), ...(firstEnabledAt !== undefined ? { firstEnabledAt } : {}) };
  });
}

/**
 * The practice's running enabled totals: one consistent Query of its shards (PRACTICE#{ods} /
 * ENABLED#{shard}, and the unsharded ENABLED item of before), summed. Sharded like the month
 * counters, so a bulk registration's transactions do not all contend on one item.
 */
export async function getEnabledTotals(ods: string): Promise<Record<EnabledCounter, number>> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
    ExpressionAttributeValues: {
      ':pk': keys.practiceEnabled(ods, 0).PK,
      ':from': keys.practiceEnabledRange.from,
      ':to': keys.practiceEnabledRange.to,
    },
    ConsistentRead: true,
  });
  return Object.fromEntries(
    ENABLED_COUNTERS.map((c) => [c, items.reduce((sum, item) => sum + num(item[c]), 0)]),
  ) as Record<EnabledCounter, number>;
}
