import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  ENABLED_COUNTERS,
  ONBOARDING_COUNTERS,
  USE_COUNTERS,
  enabledFlags,
  type EnabledCounter,
  type EnabledFlags,
} from '../domain/activity.ts';
import { MESSAGE_KINDS, type MessageKind } from '../schemas/message-kinds.ts';
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
import type { PatientServices } from '../schemas/patients.ts';
import type { MonthlyReport } from '../schemas/report.ts';
import { db, tableName } from './client.ts';
import { COUNTER_SHARDS, MESSAGES_FAILED_COUNTER, messagesSentCounter } from './counters.ts';
import { keys } from './keys.ts';
import { queryHistoryEntry, settingsAsOf, settingsKey } from './practices.ts';
import { getItem, type Item, send, type GuardedItem } from './dynamo.ts';
import { getItems, queryAll, queryPage } from './read.ts';
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

function monthEndFrom(item: Item): MonthEnd {
  return {
    month: keys.monthOfSort(String(item.SK)),
    enabled: {
      appointments: num(item.enabledAppointments),
      prescriptions: num(item.enabledPrescriptions),
      detailedRecord: num(item.enabledDetailedRecord),
      anyService: num(item.enabledAny),
    },
    ...(typeof item.firstDataMonth === 'string' ? { firstDataMonth: item.firstDataMonth } : {}),
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
export async function readRollupInputs(ods: string, month: string, end: Date): Promise<RollupInputs> {
  const earlierMonths = Array.from({ length: 12 }, (_, i) => addMonths(month, -(i + 1)));
  const [{ history, anchor }, entry, [settingsItem, ...reportItems]] = await Promise.all([
    queryReportCounters(ods, month),
    queryHistoryEntry(ods, end),
    getItems([settingsKey(ods), ...earlierMonths.map((m) => keys.report(ods, m))]),
  ]);
  const earlierReports = new Map<string, { listSize: number }>();
  reportItems.forEach((item, i) => {
    const report = item?.report as MonthlyReport | undefined;
    if (report) earlierReports.set(earlierMonths[i]!, { listSize: num(report.listSize) });
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

function withMessages(
  report: Omit<MonthlyReport, 'messages'> & Partial<Pick<MonthlyReport, 'messages'>>,
): MonthlyReport {
  return { ...report, messages: report.messages ?? emptyMessages() };
}

/** A stored report item, as the code works with it. */
export function storedReportFrom(item: Item): StoredReport {
  return {
    // Reports stored before messages were counted: none counted then.
    report: withMessages(item.report as Omit<MonthlyReport, 'messages'> & Partial<Pick<MonthlyReport, 'messages'>>),
    csv: String(item.csv),
    trend: item.trend as TrendPoint[],
    context: item.context as PomiContext,
  };
}

/** A stored report: one GetItem. */
export async function getReport(ods: string, month: string): Promise<StoredReport | undefined> {
  const item = await getItem(keys.report(ods, month));
  return item ? storedReportFrom(item) : undefined;
}

// ── What `rollup --verify` recounts from (linear in the month's activity and the practice's patients) ──

function activityFrom(item: Item): ActivityEntry {
  const base = { at: String(item.at), ref: String(item.ref) };
  switch (item.kind) {
    case 'prescription-ordered':
      return {
        kind: 'prescription-ordered',
        ...base,
        items: num(item.items),
        ...(item.proxy === true ? { proxy: true } : {}),
      };
    case 'services-changed':
      return {
        kind: 'services-changed',
        ...base,
        before: item.before as EnabledFlags,
        after: item.after as EnabledFlags,
        firstEnabled: item.firstEnabled === true,
      };
    case 'appointment-booked':
    case 'appointment-cancelled':
    case 'record-viewed':
      return { kind: item.kind, ...base, ...(item.proxy === true ? { proxy: true } : {}) };
    case 'invitation-issued':
    case 'account-linked':
      return { kind: item.kind, ...base };
    case 'message-sent':
      return { kind: 'message-sent', ...base, messageKind: item.messageKind as MessageKind };
    case 'message-failed':
      return { kind: 'message-failed', ...base };
    default:
      throw new Error(`unknown activity kind ${String(item.kind)} at ${String(item.PK)} ${String(item.SK)}`);
  }
}

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
  return items.map((item) => ({
    nhsNumber: String(item.nhsNumber),
    flags: enabledFlags(item.services as PatientServices | undefined),
    ...(typeof item.firstEnabledAt === 'string' ? { firstEnabledAt: item.firstEnabledAt } : {}),
  }));
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
