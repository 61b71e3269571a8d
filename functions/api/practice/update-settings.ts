import { httpRoute } from '../../http/route-handler.ts';
import { UpdateSettingsBody } from '../../schemas/practice.ts';
import { updateSettings } from '../../usecases/practice.ts';

/** PUT /staff/practice/settings: any subset; answers the full settings. */
export const handler = httpRoute(
  { access: 'staff', body: UpdateSettingsBody },
  async ({ caller, body, idempotency }) => {
    const { value, replayed } = await updateSettings(caller, body, idempotency);
    return { status: 200, body: value, replayed };
  },
);
