import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  localDate,
  localMonth,
  monthBounds,
  startOfLocalDay,
} from '../../functions/domain/time.ts';

const LONDON = 'Europe/London';

describe('practice calendar (Europe/London)', () => {
  it('puts 00:30 BST on the 1st in the new month', () => {
    // 2026-10-01T00:30+01:00 is 2026-09-30T23:30Z
    expect(localMonth(new Date('2026-09-30T23:30:00Z'), LONDON)).toBe('2026-10');
    expect(localDate(new Date('2026-09-30T23:30:00Z'), LONDON)).toBe('2026-10-01');
  });

  it('keeps 23:30 GMT on the last day in the old month', () => {
    expect(localMonth(new Date('2026-11-30T23:30:00Z'), LONDON)).toBe('2026-11');
  });

  it('finds local midnight on both sides of the clock change', () => {
    expect(startOfLocalDay('2026-10-25', LONDON).toISOString()).toBe('2026-10-24T23:00:00.000Z'); // BST
    expect(startOfLocalDay('2026-10-26', LONDON).toISOString()).toBe('2026-10-26T00:00:00.000Z'); // GMT
    expect(startOfLocalDay('2026-03-29', LONDON).toISOString()).toBe('2026-03-29T00:00:00.000Z'); // GMT until 01:00
    expect(startOfLocalDay('2026-03-30', LONDON).toISOString()).toBe('2026-03-29T23:00:00.000Z'); // BST
  });

  it('bounds a month that contains the October change', () => {
    const { start, end } = monthBounds('2026-10', LONDON);
    expect(start.toISOString()).toBe('2026-09-30T23:00:00.000Z');
    expect(end.toISOString()).toBe('2026-11-01T00:00:00.000Z');
  });

  it('does calendar arithmetic on dates and months', () => {
    expect(addDays('2026-10-20', 14)).toBe('2026-11-03');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-11', -12)).toBe('2025-11');
  });
});
