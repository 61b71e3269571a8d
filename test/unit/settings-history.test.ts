import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../functions/schemas/practice.ts';
import { settingsAsOf, settingsWriteItems } from '../../functions/store/practices.ts';
import { useUnitEnv } from '../support/unit-env.ts';

useUnitEnv();

const changed = { ...DEFAULT_SETTINGS, listSize: 1500 };
const puts = (items: ReturnType<typeof settingsWriteItems>) => items.map((i) => i.item.Put!);

describe('a settings change and its history entry', () => {
  it('writes the settings and the entry of the change, at the same instant and version', () => {
    const current = { settings: DEFAULT_SETTINGS, version: 2, updatedAt: '2026-10-01T08:00:00.000Z', recorded: true };
    const [settings, entry, ...rest] = puts(
      settingsWriteItems('A99001', current, changed, new Date('2026-11-03T10:00:00Z')),
    );
    expect(rest).toEqual([]);
    expect(settings).toMatchObject({
      Item: {
        PK: 'PRACTICE#A99001',
        SK: 'SETTINGS',
        version: 3,
        updatedAt: '2026-11-03T10:00:00.000Z',
        historyKept: true,
      },
      ConditionExpression: 'version = :v',
    });
    expect(entry).toMatchObject({
      Item: {
        PK: 'PRACTICE#A99001',
        SK: 'SETTINGS#2026-11-03T10:00:00.000Z#0000000003',
        settings: changed,
        version: 3,
        at: '2026-11-03T10:00:00.000Z',
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    });
  });

  it('never dates a change before the one it replaces, whatever the writer’s clock says', () => {
    const current = { settings: DEFAULT_SETTINGS, version: 5, updatedAt: '2026-11-03T10:00:00.500Z', recorded: true };
    const [, entry] = puts(settingsWriteItems('A99001', current, changed, new Date('2026-11-03T10:00:00Z')));
    expect(entry!.Item!.SK).toBe('SETTINGS#2026-11-03T10:00:00.500Z#0000000006');
  });

  it('first records settings stored before the history was kept, dated when they were set', () => {
    const legacy = {
      settings: { ...DEFAULT_SETTINGS, listSize: 700 },
      version: 4,
      updatedAt: '2026-03-10T09:00:00.000Z',
      recorded: false,
    };
    const [, earlier, entry] = puts(settingsWriteItems('A99001', legacy, changed, new Date('2026-11-03T10:00:00Z')));
    expect(earlier!.Item).toMatchObject({
      SK: 'SETTINGS#2026-03-10T09:00:00.000Z#0000000004',
      settings: { listSize: 700 },
    });
    expect(entry!.Item).toMatchObject({ SK: 'SETTINGS#2026-11-03T10:00:00.000Z#0000000005', settings: changed });
  });
});

describe('the settings as they stood at a month’s end', () => {
  const end = new Date('2026-12-01T00:00:00Z');
  it('are those of the last entry before it', () => {
    expect(
      settingsAsOf({ settings: { listSize: 440 } }, { settings: { listSize: 999 }, historyKept: true }, end),
    ).toEqual({
      ...DEFAULT_SETTINGS,
      listSize: 440,
    });
  });

  it('are the defaults before the first recorded change', () => {
    expect(
      settingsAsOf(
        undefined,
        { settings: { listSize: 999 }, historyKept: true, updatedAt: '2026-11-02T00:00:00Z' },
        end,
      ),
    ).toEqual(DEFAULT_SETTINGS);
    expect(settingsAsOf(undefined, undefined, end)).toEqual(DEFAULT_SETTINGS);
  });

  it('are settings stored before the history was kept, from when they were set', () => {
    const legacy = { settings: { listSize: 700 }, version: 4, updatedAt: '2026-11-30T23:59:59.999Z' };
    expect(settingsAsOf(undefined, legacy, end).listSize).toBe(700);
    expect(settingsAsOf(undefined, legacy, new Date('2026-11-30T23:59:59.999Z')).listSize).toBe(0);
  });
});
