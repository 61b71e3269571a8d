import { must } from './api/client.ts';
import type { App, Session } from './app.ts';

/**
 * Starts the session for a token, local or deployed: who signed in, and for a patient their
 * practice's name and time zone (staff see the practice by its ODS code).
 */
export async function openSession(
  app: App,
  who: { token: string; role: Session['role']; practice: string; nhsNumber?: string },
): Promise<void> {
  app.session = { ...who, practiceName: who.practice, timeZone: 'Europe/London' };
  if (who.role === 'patient') {
    const details = await must(app.api.GET('/practice'));
    app.session = { ...app.session, practiceName: details.name, timeZone: details.timeZone };
  }
}
