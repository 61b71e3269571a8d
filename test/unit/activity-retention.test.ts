import { afterEach, describe, expect, it } from 'vitest';
import {
  activityRetentionMonths,
  countedActionItems,
  DEFAULT_ACTIVITY_RETENTION_MONTHS,
  messageOutcomeItems,
  onboardingActivityItem,
  servicesChangeItem,
} from '../../functions/store/counters.ts';
import { useUnitEnv } from '../support/unit-env.ts';

useUnitEnv();
const LONDON = 'Europe/London';
const epoch = (iso: string) => Date.parse(iso) / 1000;

describe('activity entries (what only rollup --verify reads)', () => {
  afterEach(() => {
    delete process.env.ACTIVITY_RETENTION_MONTHS;
  });

  it('expire by TTL 25 months after their month ends, long enough to recount a year-ago month', () => {
    expect(DEFAULT_ACTIVITY_RETENTION_MONTHS).toBe(25);
    const items = countedActionItems('A99001', LONDON, [
      { kind: 'appointment-booked', at: new Date('2026-11-10T09:00:00Z'), ref: 'a1' },
    ]);
    const entry = items.find((i) => i.item.Put)!.item.Put!.Item!;
    expect(entry.expiresAt).toBe(epoch('2029-01-01T00:00:00Z'));
    // The counters the reports read never expire.
    expect(JSON.stringify(items.find((i) => i.item.Update)!.item.Update)).not.toContain('expiresAt');
  });

  it('expire the onboarding and message entries the same way', () => {
    const at = new Date('2026-11-10T09:00:00Z');
    const onboarding = onboardingActivityItem('A99001', LONDON, { kind: 'account-linked', at, ref: 'l1' });
    expect(onboarding.item.Put!.Item!.expiresAt).toBe(epoch('2029-01-01T00:00:00Z'));
    const message = messageOutcomeItems('A99001', LONDON, {
      sent: true,
      kind: 'appointment-booked',
      messageId: 'm1',
      at,
    });
    expect(message.find((i) => i.item.Put)!.item.Put!.Item!.expiresAt).toBe(epoch('2029-01-01T00:00:00Z'));
  });

  it('files an action at 00:30 BST on 1 October under October, and expires it with October', () => {
    const [, entry] = countedActionItems('A99001', LONDON, [
      { kind: 'record-viewed', at: new Date('2026-09-30T23:30:00Z'), ref: 'v1' },
    ]);
    expect(entry!.item.Put!.Item!.expiresAt).toBe(epoch('2028-12-01T00:00:00Z'));
  });

  it('keep changes of services as long, and follow ACTIVITY_RETENTION_MONTHS', () => {
    process.env.ACTIVITY_RETENTION_MONTHS = '14';
    const item = servicesChangeItem('A99001', LONDON, {
      kind: 'services-changed',
      at: new Date('2026-11-10T09:00:00Z'),
      nhsNumber: '9990000018',
      before: { appointments: false, prescriptions: false, detailedRecord: false },
      after: { appointments: true, prescriptions: false, detailedRecord: false },
      firstEnabled: true,
    });
    expect(item.item.Put!.Item!.expiresAt).toBe(epoch('2028-02-01T00:00:00Z'));
  });

  it('refuses a retention that is not a whole number of months', () => {
    process.env.ACTIVITY_RETENTION_MONTHS = '0.5';
    expect(() => activityRetentionMonths()).toThrow('ACTIVITY_RETENTION_MONTHS must be a whole number of months');
  });
});
