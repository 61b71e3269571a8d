import { beforeAll, describe, expect, it } from 'vitest';
import { clinicianKey } from '../../functions/domain/clinician.ts';
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

  it('name the practice and the filter values, labelled, with the type last', () => {
    expect(keys.freeSlotsMatching('A99001', ['type', 'channel', 'clinician'], values)).toBe(
      'FREESLOT#A99001#channel=video#clinician=dr a shah#type=GP',
    );
    expect(keys.freeSlotsMatching('A99001', ['clinician'], values)).toBe('FREESLOT#A99001#clinician=dr a shah');
  });

  it('never give two different sets of values one partition, even with a # in the type or a hashed name', () => {
    const long = clinicianKey(`Dr ${'ﬃ'.repeat(80)}`);
    const hashed = keys.freeSlotsMatching('A99001', ['type', 'clinician'], { ...values, clinicianKey: long });
    expect(hashed).toMatch(/^FREESLOT#A99001#clinician=#[\w-]{43}#type=GP$/);
    const hash = hashed.split('#')[3]!;
    // An empty clinician with a type that spells the rest of the hashed partition.
    const lookalike = keys.freeSlotsMatching('A99001', ['type', 'clinician'], {
      ...values,
      clinicianKey: '',
      type: `${hash}#type=GP`,
    });
    expect(lookalike).not.toBe(hashed);
    expect(keys.freeSlotsMatching('A99001', ['type'], { ...values, type: 'GP#channel=video' })).not.toBe(
      keys.freeSlotsMatching('A99001', ['type', 'channel'], values),
    );
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
