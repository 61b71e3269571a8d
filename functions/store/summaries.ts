import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ReportSummary } from '../domain/report-summary.ts';
import { ReportSummary as ReportSummarySchema } from '../schemas/admin.ts';
import * as z from '../schemas/zod.ts';
import { db, tableName } from './client.ts';
import { keys } from './keys.ts';
import { getItem, type Item, send } from './dynamo.ts';
import { getItems } from './read.ts';
import { storedReportFrom, storedUse, type StoredReport } from './reports.ts';
import { storedItem } from './stored-item.ts';

/**
 * The all-practices summary of a month: the summed figures and the ODS codes of the practices it
 * covers (about 9 bytes each, so 6,500 practices fit one item with room to spare). Each
 * practice's own report stays in its own item; the CSV of all practices is built from those.
 */
export type StoredSummary = Omit<ReportSummary, 'byPractice'> & { practiceCodes: string[] };

/** One PutItem, replacing the month's previous summary (a re-run recomputes the same figures). */
export async function putSummary(summary: ReportSummary): Promise<void> {
  const { byPractice, ...figures } = summary;
  await send(() =>
    db().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...keys.summaryReport(summary.month),
          entity: 'report-summary',
          summary: { ...figures, practiceCodes: byPractice.map((p) => p.practice) },
        },
      }),
    ),
  );
}

const parseSummary = /* @__PURE__ */ storedItem('report summary', (): z.ZodMiniType<{ summary: StoredSummary }> =>
  z.object({
    summary: z.extend(z.built(ReportSummarySchema), {
      use: storedUse(z.built(ReportSummarySchema).shape.use),
      practiceCodes: z.array(z.string()),
    }),
  }),
);

/** A stored summary item, as the code works with it. */
export function summaryFrom(item: Item): StoredSummary {
  return parseSummary(item).summary;
}

/** A month's summary: one GetItem (undefined: never generated). */
export async function getSummary(month: string): Promise<StoredSummary | undefined> {
  const item = await getItem(keys.summaryReport(month));
  return item ? summaryFrom(item) : undefined;
}

/** The stored reports of these practices for a month: BatchGetItem, 100 keys at a time. */
export async function getReports(month: string, practices: readonly string[]): Promise<StoredReport[]> {
  const reports: StoredReport[] = [];
  for (let i = 0; i < practices.length; i += 100) {
    const items = await getItems(practices.slice(i, i + 100).map((ods) => keys.report(ods, month)));
    for (const item of items) if (item) reports.push(storedReportFrom(item));
  }
  return reports;
}
