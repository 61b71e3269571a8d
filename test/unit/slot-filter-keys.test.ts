import { beforeAll, describe, expect, it } from 'vitest';
import { clinicianKey } from '../../functions/schemas/clinician.ts';
import type { SlotRecord } from '../../functions/domain/model.ts';
import { keys } from '../../functions/store/keys.ts';
import { bookSlotItem, putSlotItem, releaseSlotItem, withdrawSlotItems } from '../../functions/store/slots.ts';
import { FREE_SLOT_INDEXES, TABLE_DEFINITION, type SlotFilter } from '../../functions/store/table-definition.ts';
import { useUnitEnv } from '../support/unit-env.ts';

/** The keys that put a free slot in the one index partition each GET /slots filter combination reads. */
const ALL: SlotFilter[] = ['type', 'channel', 'clinician'];
const values = { type: 'GP', channel: 'video', clinicianKey: 'dr a shah' };

const slot: SlotRecord = {
  slotId: '0001-s1',
  practice: 'A99001',
  start: '2026-12-01T09:30:00.000Z',
  end: '2026-12-01T09:40:00.000Z',
  clinician: 'Dr. A  Shah',
  type: 'GP',
  channel: 'video',
  status: 'free',
  bookableOnline: true,
};

const putItem = (s: SlotRecord) => putSlotItem(s).item.Put!.Item as Record<string, unknown>;

beforeAll(() => useUnitEnv());

describe('free-slot filter indexes', () => {
  it('serve each non-empty combination of type, channel and clinician with exactly one index', () => {
    const combinations = [1, 2, 3, 4, 5, 6, 7].map((bits) => ALL.filter((_, i) => bits & (1 << i)).sort());
    const served = FREE_SLOT_INDEXES.map((index) => [...index.filters].sort());
    expect(served.map(String).sort()).toEqual(combinations.map(String).sort());
    expect(TABLE_DEFINITION.globalSecondaryIndexes.length).toBeLessThanOrEqual(20);
  });

  it('name the practice and the filter values, labelled, the clinician and the type hashed', () => {
    expect(keys.freeSlotsMatching('A99001', ['type', 'channel', 'clinician'], values)).toMatch(
      /^A99001#c=video#k=[\w-]{16}#t=[\w-]{16}$/,
    );
    expect(keys.freeSlotsMatching('A99001', ['clinician'], values)).toMatch(/^A99001#k=[\w-]{16}$/);
    // As long as the longest name (100 characters, past 200 bytes once normalised).
    const long = clinicianKey(`Dr ${'ﬃ'.repeat(80)}`);
    expect(keys.freeSlotsMatching('A99001', ['clinician'], { ...values, clinicianKey: long })).toMatch(
      /^A99001#k=[\w-]{16}$/,
    );
  });

  it('never give two different sets of values one partition, even with a # or a label in the type', () => {
    const sets = [];
    for (const type of ['GP', 'GP#t=GP', 't=GP', 'c=video#t=GP', 'Clinic #2'])
      for (const channel of ['in-person', 'video'])
        for (const clinician of ['dr a shah', 'dr b cole', '']) sets.push({ type, channel, clinicianKey: clinician });
    for (const index of FREE_SLOT_INDEXES) {
      const distinct = new Set(
        sets.map((v) => JSON.stringify(index.filters.map((f) => (f === 'clinician' ? v.clinicianKey : v[f])))),
      );
      const partitions = new Set(sets.map((v) => keys.freeSlotsMatching('A99001', index.filters, v)));
      expect(partitions.size, index.indexName).toBe(distinct.size);
    }
  });
});

describe('a slot item and its transitions', () => {
  it('puts a free slot bookable online in every filter index partition, by start', () => {
    const item = putItem(slot);
    for (const index of FREE_SLOT_INDEXES) {
      expect(item[index.partitionKey], index.indexName).toBe(
        keys.freeSlotsMatching('A99001', index.filters, { type: 'GP', channel: 'video', clinicianKey: 'dr a shah' }),
      );
    }
    expect(item.FreeSK).toBe('2026-12-01T09:30:00.000Z#0001-s1');
  });

  it('keeps a slot with a 40-character clinician name and type within one 1 KB write unit', () => {
    const item = putItem({
      ...slot,
      slotId: '20261201T093000000Z-a1b2c3d4e5f6a7b8c9d0',
      clinician: 'Dr Anne-Marie Fitzgerald-Montgomery Jr.',
      type: 'Long-term condition review (nurse led)',
    });
    // DynamoDB's item size: attribute names and values, UTF-8 (a boolean counts one byte).
    const bytes = Object.entries(item).reduce(
      (n, [name, value]) => n + Buffer.byteLength(name) + (typeof value === 'string' ? Buffer.byteLength(value) : 1),
      0,
    );
    expect(bytes).toBeLessThanOrEqual(1024);
  });

  it('keeps a slot held back for the practice out of every filter index', () => {
    const item = putItem({ ...slot, bookableOnline: false });
    for (const index of FREE_SLOT_INDEXES) expect(item[index.partitionKey], index.indexName).toBeUndefined();
  });

  it('takes the slot out of every filter index when booked or withdrawn, and back in when released', () => {
    expect(bookSlotItem(slot, 'a1').item.Update!.UpdateExpression).toMatch(/REMOVE .*\bFreeSK\b/);
    expect(withdrawSlotItems(slot, false, new Date('2026-11-30T00:00:00Z'))[0]!.item.Update!.UpdateExpression).toMatch(
      /REMOVE .*\bFreeSK\b/,
    );
    const release = releaseSlotItem(slot, 'a1').item.Update!;
    expect(release.UpdateExpression).toMatch(/\bFreeSK = :g1sk\b/);
    expect(release.ExpressionAttributeValues![':g1sk']).toBe('2026-12-01T09:30:00.000Z#0001-s1');
  });
});
