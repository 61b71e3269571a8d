import { describe, expect, it } from 'vitest';
import { NotificationPreferences, UpdateNotificationPreferencesBody } from '../../functions/schemas/notifications.ts';
import { DEFAULT_SETTINGS, UpdateSettingsBody } from '../../functions/schemas/practice.ts';

const accepts = (schema: { safeParse(v: unknown): { success: boolean } }, value: unknown) =>
  schema.safeParse(value).success;

describe('PUT /staff/practice/settings reminderHoursBefore', () => {
  it('defaults to 24 hours', () => {
    expect(DEFAULT_SETTINGS.reminderHoursBefore).toBe(24);
  });

  it.each([
    [0, true],
    [1, true],
    [168, true],
    [169, false],
    [-1, false],
    [1.5, false],
    ['24', false],
  ])('%s is %s', (value, ok) => {
    expect(accepts(UpdateSettingsBody, { reminderHoursBefore: value })).toBe(ok);
  });
});

describe('PUT /me/notifications', () => {
  it.each([
    [{ email: 'pat@example.com' }, true],
    [{ email: 'first.last+gp@mail.example.nhs.uk' }, true],
    [{ email: null, mobile: null }, true],
    [{ email: 'pat@example' }, false],
    [{ email: 'pat example@example.com' }, false],
    [{ email: `${'a'.repeat(250)}@example.com` }, false],
    [{ mobile: '+447700900123' }, true],
    [{ mobile: '07700900123' }, false],
    [{ mobile: '+44 7700 900123' }, false],
    [{ mobile: '+441632960123' }, false],
    [{ mobile: '+4477009001234' }, false],
    [{ appointmentReminders: false }, true],
    [{ statusUpdates: 'no' }, false],
    [{ sms: true }, false],
    [{}, true],
  ])('%j accepted: %s', (body, ok) => {
    expect(accepts(UpdateNotificationPreferencesBody, body)).toBe(ok);
  });

  it('answers all four fields', () => {
    expect(accepts(NotificationPreferences, { email: null, mobile: null, appointmentReminders: true })).toBe(false);
  });
});
