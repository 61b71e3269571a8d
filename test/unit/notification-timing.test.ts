import { describe, expect, it } from 'vitest';
import { reminderDueAt, reminderSmsSendAt, smsSendAt } from '../../functions/domain/notifications.ts';

const LONDON = 'Europe/London';
const at = (iso: string) => new Date(iso);
const iso = (d: Date | undefined) => d?.toISOString();

describe('SMS quiet hours (21:00 to 08:00 practice time)', () => {
  it('sends at once during the day, in GMT and in BST', () => {
    expect(iso(smsSendAt(at('2026-12-01T20:59:00Z'), LONDON))).toBe('2026-12-01T20:59:00.000Z'); // 20:59 GMT
    expect(iso(smsSendAt(at('2026-07-01T07:00:00Z'), LONDON))).toBe('2026-07-01T07:00:00.000Z'); // 08:00 BST
  });

  it('holds an SMS falling due at night until 08:00, in GMT and in BST', () => {
    expect(iso(smsSendAt(at('2026-12-01T21:00:00Z'), LONDON))).toBe('2026-12-02T08:00:00.000Z'); // 21:00 GMT
    expect(iso(smsSendAt(at('2026-12-02T07:59:00Z'), LONDON))).toBe('2026-12-02T08:00:00.000Z'); // 07:59 GMT
    expect(iso(smsSendAt(at('2026-07-01T20:30:00Z'), LONDON))).toBe('2026-07-02T07:00:00.000Z'); // 21:30 BST
    expect(iso(smsSendAt(at('2026-07-01T06:30:00Z'), LONDON))).toBe('2026-07-01T07:00:00.000Z'); // 07:30 BST
  });

  it('holds until 08:00 BST across the night the clocks go forward', () => {
    // 22:00 GMT on Saturday 28 March; the clocks go forward at 01:00; 08:00 BST is 07:00Z.
    expect(iso(smsSendAt(at('2026-03-28T22:00:00Z'), LONDON))).toBe('2026-03-29T07:00:00.000Z');
    // 21:00 BST on the Sunday itself is 20:00Z
    expect(iso(smsSendAt(at('2026-03-29T20:00:00Z'), LONDON))).toBe('2026-03-30T07:00:00.000Z');
  });

  it('holds until 08:00 GMT across the night the clocks go back', () => {
    // 22:00 BST on Saturday 24 October; the clocks go back at 02:00; 08:00 GMT is 08:00Z.
    expect(iso(smsSendAt(at('2026-10-24T21:00:00Z'), LONDON))).toBe('2026-10-25T08:00:00.000Z');
    // 01:30 in the repeated hour (the second one, GMT) is still quiet
    expect(iso(smsSendAt(at('2026-10-25T01:30:00Z'), LONDON))).toBe('2026-10-25T08:00:00.000Z');
  });

  it('uses the practice time zone, not UTC', () => {
    // 22:00Z is 17:00 in New York: not quiet there.
    expect(iso(smsSendAt(at('2026-12-01T22:00:00Z'), 'America/New_York'))).toBe('2026-12-01T22:00:00.000Z');
  });
});

describe('appointment reminders', () => {
  it('fall due reminderHoursBefore hours before the start', () => {
    const start = at('2026-12-10T14:00:00Z');
    expect(iso(reminderDueAt(start, 24, at('2026-12-01T10:00:00Z')))).toBe('2026-12-09T14:00:00.000Z');
    expect(iso(reminderDueAt(start, 168, at('2026-12-01T10:00:00Z')))).toBe('2026-12-03T14:00:00.000Z');
  });

  it('are not sent when the practice turned them off (0) or the booking came later than that', () => {
    const start = at('2026-12-10T14:00:00Z');
    expect(reminderDueAt(start, 0, at('2026-12-01T10:00:00Z'))).toBeUndefined();
    expect(reminderDueAt(start, 24, at('2026-12-09T15:00:00Z'))).toBeUndefined();
  });

  it('go by SMS at their time during the day', () => {
    const start = at('2026-12-10T09:00:00Z');
    const due = at('2026-12-09T09:00:00Z');
    expect(iso(reminderSmsSendAt(due, start, at('2026-12-01T10:00:00Z'), LONDON))).toBe('2026-12-09T09:00:00.000Z');
  });

  it('falling due at night for an appointment from 10:00 wait until 08:00', () => {
    const start = at('2026-12-10T10:00:00Z'); // 10:00 GMT
    const due = at('2026-12-10T06:00:00Z'); // 4 hours before: 06:00
    expect(iso(reminderSmsSendAt(due, start, at('2026-12-01T10:00:00Z'), LONDON))).toBe('2026-12-10T08:00:00.000Z');
  });

  it('for an appointment before 10:00 go at 20:00 the evening before instead of being held (GMT)', () => {
    const start = at('2026-12-10T09:30:00Z'); // 09:30 GMT
    const due = at('2026-12-10T07:30:00Z'); // 2 hours before: 07:30, quiet
    expect(iso(reminderSmsSendAt(due, start, at('2026-12-01T10:00:00Z'), LONDON))).toBe('2026-12-09T20:00:00.000Z');
    // Falling due at 21:00 the evening before also goes at 20:00 that evening.
    expect(iso(reminderSmsSendAt(at('2026-12-09T21:30:00Z'), start, at('2026-12-01T10:00:00Z'), LONDON))).toBe(
      '2026-12-09T20:00:00.000Z',
    );
  });

  it('for an early appointment after the clocks went forward go at 20:00 GMT the evening before', () => {
    const start = at('2026-03-29T08:30:00Z'); // 09:30 BST on Sunday 29 March
    const due = at('2026-03-29T06:30:00Z'); // 07:30 BST
    expect(iso(reminderSmsSendAt(due, start, at('2026-03-20T10:00:00Z'), LONDON))).toBe('2026-03-28T20:00:00.000Z');
  });

  it('for an early appointment after the clocks went back go at 20:00 BST the evening before', () => {
    const start = at('2026-10-25T09:00:00Z'); // 09:00 GMT on Sunday 25 October
    const due = at('2026-10-24T21:00:00Z'); // 22:00 BST on the Saturday
    expect(iso(reminderSmsSendAt(due, start, at('2026-10-20T10:00:00Z'), LONDON))).toBe('2026-10-24T19:00:00.000Z');
  });

  it('for an early appointment booked after 20:00 the evening before go at once', () => {
    const start = at('2026-12-10T09:00:00Z');
    const due = at('2026-12-10T07:00:00Z');
    const now = at('2026-12-09T22:15:00Z');
    expect(iso(reminderSmsSendAt(due, start, now, LONDON))).toBe('2026-12-09T22:15:00.000Z');
  });
});
