import type { StaffCaller } from '../schemas/identity.ts';
import type { Practice, PracticeSettings, UpdateSettingsBody } from '../schemas/practice.ts';
import type { Completed, IdempotencyClaim } from '../domain/idempotency.ts';
import { commitSettings, getSettings } from '../store/practices.ts';
import { defaultDeps, practiceOf, type Deps } from './deps.ts';
import { idempotentChange } from './idempotency.ts';
import { staffAudit } from './staff-audit.ts';

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
  return idempotentChange({
    claim,
    clock: deps.clock,
    read: async () => ({ current: await getSettings(caller.practice) }),
    decide: ({ current }, now) => {
      const settings: PracticeSettings = {
        ...current.settings,
        ...patch,
        servicesOffered: { ...current.settings.servicesOffered, ...patch.servicesOffered },
      };
      return {
        value: settings,
        status: 200,
        change: {
          ods: caller.practice,
          current,
          settings,
          now,
          audit: staffAudit(caller, undefined, 'change-settings', now, deps),
        },
      };
    },
    commit: commitSettings,
  });
}
