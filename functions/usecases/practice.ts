import type { Practice, PracticeSettings, UpdateSettingsBody } from '../schemas/practice.ts';
import { getSettings, putSettings } from '../store/practices.ts';
import { retryOnConflict, unavailable } from '../store/transact.ts';
import { defaultDeps, practiceConfig, type Deps } from './deps.ts';

/** GET /practice: configuration (name, time zone) plus the current settings: one GetItem. */
export async function describePractice(ods: string): Promise<Practice> {
  const { name, timeZone } = practiceConfig(ods);
  const { settings } = await getSettings(ods);
  return { practice: ods, name, timeZone, settings };
}

/** PUT /staff/practice/settings: merge a subset into the settings (read + conditional put). */
export async function updateSettings(
  ods: string,
  patch: UpdateSettingsBody,
  deps: Deps = defaultDeps,
): Promise<PracticeSettings> {
  return retryOnConflict(
    async () => {
      const current = await getSettings(ods);
      const settings: PracticeSettings = {
        ...current.settings,
        ...patch,
        servicesOffered: { ...current.settings.servicesOffered, ...patch.servicesOffered },
      };
      await putSettings(ods, { settings, version: current.version }, deps.clock.now());
      return settings;
    },
    () => unavailable('Settings are being changed by someone else; retry shortly'),
  );
}
