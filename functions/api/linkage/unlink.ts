import { httpRoute } from '../../http/route-handler.ts';
import * as linkage from '../../routes/linkage.ts';
import { unlinkAccount } from '../../usecases/linkage.ts';

/** DELETE /staff/patients/{nhsNumber}/account: 204; the linked sign-in reaches nothing from its next request. */
export const handler = httpRoute(linkage.unlinkAccount, async ({ caller, params, idempotency }) => {
  const { replayed } = await unlinkAccount(caller, params.nhsNumber, idempotency);
  return { status: 204, replayed };
});
