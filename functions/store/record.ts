import type { AuditRecord, RecordRead } from '../domain/record.ts';
import { putAuditItem } from './audit.ts';
import { commitChange, type KeptAnswer } from './idempotency.ts';
import { RECORD_SECTIONS, type CodedEntry, type RecordContent, type RecordSection } from '../schemas/record.ts';
import { tableName } from './client.ts';
import { keys } from './keys.ts';
import { patientFrom, patientRegisteredCheck } from './patients.ts';
import { medicationFrom } from './prescriptions.ts';
import { storedItem } from './stored-item.ts';
import type { Item, GuardedItem } from './dynamo.ts';
import { queryAll } from './read.ts';
import { unavailable } from '../domain/errors.ts';
import * as z from '../schemas/zod.ts';

/**
 * The coded record: one item per section (RECORD#allergies, RECORD#problems, …) in the patient's
 * own partition, next to the profile and the repeat medications, so everything a view shows comes
 * back from ONE Query.
 */

/** A record section as stored: its coded entries and the replace (revision) that wrote it. */
interface StoredSection {
  section: string;
  entries: CodedEntry[];
  revision: string;
  updatedAt: string;
}
const parseSection = /* @__PURE__ */ storedItem('record section', (): z.ZodMiniType<StoredSection> =>
  z.object({
    section: z.string(),
    entries: z.array(z.object({ code: z.optional(z.string()), display: z.string(), date: z.optional(z.string()) })),
    revision: z.string(),
    updatedAt: z.string(),
  }),
);

const isSection = (value: string): value is RecordSection => RECORD_SECTIONS.includes(value as RecordSection);

interface Partition {
  profile?: Item;
  sections: StoredSection[];
  medications: Item[];
}

/** Every item of the view range (one page in practice: the range holds a few KB). */
async function queryViewRange(practice: string, nhsNumber: string): Promise<Partition> {
  const found: Partition = { sections: [], medications: [] };
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
    ExpressionAttributeValues: {
      ':pk': keys.patientPartition(practice, nhsNumber),
      ':from': keys.recordViewRange.from,
      ':to': keys.recordViewRange.to,
    },
    ConsistentRead: true,
  });
  for (const item of items) {
    const sk = String(item.SK);
    if (sk === keys.patient(practice, nhsNumber).SK) found.profile = item;
    else if (sk.startsWith(keys.recordSectionPrefix)) found.sections.push(parseSection(item));
    else if (sk.startsWith(keys.medicationPrefix)) found.medications.push(item);
  }
  return found;
}

/** A Query is not isolated from a concurrent transaction: sections from two different replaces mean a torn read. */
const isTorn = (sections: Partition['sections']) => new Set(sections.map((s) => s.revision)).size > 1;
const MAX_READS = 3;

/**
 * Everything GET /record shows, for one patient of one practice: the profile, the repeat
 * medications and the coded sections, in ONE Query on the patient's partition (a sort-key range,
 * strongly consistent). Only if it raced a replace of the record is it read again.
 */
export async function readRecordForView(practice: string, nhsNumber: string): Promise<RecordRead> {
  for (let attempt = 1; ; attempt++) {
    const found = await queryViewRange(practice, nhsNumber);
    if (isTorn(found.sections)) {
      if (attempt >= MAX_READS) throw unavailable();
      continue;
    }
    const content: Partial<RecordContent> = {};
    for (const section of found.sections) {
      if (isSection(section.section)) content[section.section] = section.entries;
    }
    const updatedAt = found.sections[0]?.updatedAt;
    return {
      patient: patientFrom(found.profile),
      content,
      medications: found.medications.flatMap((item) => medicationFrom(item) ?? []),
      ...(updatedAt ? { updatedAt } : {}),
    };
  }
}

/**
 * PUT /staff/patients/{nhsNumber}/record: every section replaced (one Put each) in one
 * transaction, only if the patient is registered at this practice. All sections carry the same
 * `revision`, so a reader can tell a whole record from a torn one.
 */
function replaceRecordItems(
  practice: string,
  nhsNumber: string,
  content: RecordContent,
  meta: { revision: string; updatedAt: string; updatedBy: string },
): GuardedItem[] {
  return [
    patientRegisteredCheck(practice, nhsNumber),
    ...RECORD_SECTIONS.map((section): GuardedItem => ({
      item: {
        Put: {
          TableName: tableName(),
          Item: {
            ...keys.recordSection(practice, nhsNumber, section),
            entity: 'record-section',
            practice,
            nhsNumber,
            section,
            entries: content[section],
            ...meta,
          },
        },
      },
    })),
  ];
}

/**
 * A whole record replaced (replaceRecordItems: 404 unless the patient is registered here), with
 * the staff audit entry, in one TransactWriteItems with the kept answer.
 */
export async function commitRecordReplacement(
  change: {
    practice: string;
    nhsNumber: string;
    content: RecordContent;
    meta: { revision: string; updatedAt: string; updatedBy: string };
    audit: AuditRecord;
  },
  kept: KeptAnswer | undefined,
): Promise<void> {
  await commitChange(kept, [
    ...replaceRecordItems(change.practice, change.nhsNumber, change.content, change.meta),
    putAuditItem(change.practice, change.audit),
  ]);
}
