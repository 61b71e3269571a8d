import type { StaffCaller } from '../schemas/identity.ts';
import type { Practice, PracticeSettings, UpdateSettingsBody } from '../schemas/practice.ts';
import type { Completed, IdempotencyClaim } from '../domain/idempotency.ts';
import { idempotencyItem } from '../store/idempotency.ts';
import { getSettings, settingsWriteItems } from '../store/practices.ts';
import { transact } from '../store/transact.ts';
import { defaultDeps, practiceOf, type Deps } from './deps.ts';
import { idempotentWrite } from './idempotency.ts';
import { staffAuditItem } from './staff-audit.ts';

/** GET /practice: configuration (name, time zone) plus the current settings: one GetItem. */
export async function describePractice(ods: string): Promise<Practice> {
  const [{ name, timeZone }, { settings }] = await Promise.all([practiceOf(ods), getSettings(ods)]);
  return { practice: ods, name, timeZone, settings };
}

/**
 * PUT /staff/practice/settings: merge a subset into the settings: a read, then one
 * TransactWriteItems of the settings, the entry of the change in their history (what a monthly
 * report reads, so a month keeps the settings that stood at its end), the staff audit entry and,
 * with an Idempotency-Key, the key's record.
 */
export async function updateSettings(
  caller: StaffCaller,
  patch: UpdateSettingsBody,
  claim: IdempotencyClaim | undefined,
  deps: Deps = defaultDeps,
): Promise<Completed<PracticeSettings>> {
  return idempotentWrite(claim, deps.clock, async () => {
    const now = deps.clock.now();
    const ods = caller.practice;
    const current = await getSettings(ods);
    const settings: PracticeSettings = {
      ...current.settings,
      ...patch,
      servicesOffered: { ...current.settings.servicesOffered, ...patch.servicesOffered },
    };
    await transact([
      ...idempotencyItem(claim, 200, settings, now),
      ...settingsWriteItems(ods, current, settings, now),
      staffAuditItem(caller, undefined, 'change-settings', now, deps),
    ]);
    return { value: settings, replayed: false };
  });
}
