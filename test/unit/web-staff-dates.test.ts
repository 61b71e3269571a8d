import { describe, expect, it } from 'vitest';
import { addDays, isoWeekday, parseTime, validNhsNumber, zonedInstant } from '../../web/src/staff-time.ts';

describe('the staff screens’ dates and times', () => {
  it('turns a practice wall-clock time into the instant it names, across BST and GMT', () => {
    expect(zonedInstant('2027-01-11', '09:00', 'Europe/London')).toBe('2027-01-11T09:00:00.000Z');
    expect(zonedInstant('2027-07-12', '09:00', 'Europe/London')).toBe('2027-07-12T08:00:00.000Z');
    // The Monday after the clocks go forward (28 March 2027) and the Sunday they go back.
    expect(zonedInstant('2027-03-29', '00:00', 'Europe/London')).toBe('2027-03-28T23:00:00.000Z');
    expect(zonedInstant('2027-10-31', '12:00', 'Europe/London')).toBe('2027-10-31T12:00:00.000Z');
    expect(zonedInstant('2027-01-11', '09:00', 'America/New_York')).toBe('2027-01-11T14:00:00.000Z');
  });

  it('counts weekdays from Monday and days across month ends', () => {
    expect(isoWeekday('2026-12-07')).toBe(1);
    expect(isoWeekday('2026-12-13')).toBe(7);
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
  });

  it('reads times as typed and refuses impossible ones', () => {
    expect(parseTime('9:05')).toBe('09:05');
    expect(parseTime(' 14.30 ')).toBe('14:30');
    expect(parseTime('24:00')).toBeUndefined();
    expect(parseTime('9am')).toBeUndefined();
  });

  it('accepts only NHS numbers with a valid check digit', () => {
    expect(validNhsNumber('9990000018')).toBe(true);
    expect(validNhsNumber('9990000017')).toBe(false);
    expect(validNhsNumber('1111111111')).toBe(false);
    expect(validNhsNumber('999000001')).toBe(false);
  });
});
