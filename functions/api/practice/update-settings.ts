import { httpRoute } from '../../http/route-handler.ts';
import * as practice from '../../routes/practice.ts';
import { updateSettings } from '../../usecases/practice.ts';

/** PUT /staff/practice/settings: any subset; answers the full settings. */
export const handler = httpRoute(practice.updatePracticeSettings, async ({ caller, body, idempotency }) => {
  const { value, replayed } = await updateSettings(caller, body, idempotency);
  return { status: 200, body: value, replayed };
});
