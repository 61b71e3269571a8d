import { httpRoute } from '../../http/route-handler.ts';
import * as linkage from '../../routes/linkage.ts';
import { linkAccount } from '../../usecases/linkage.ts';

/** POST /me/link: links the caller's own sign-in with the details of a registration letter. */
export const handler = httpRoute(linkage.linkAccount, async ({ caller, body, idempotency }) => {
  const { value, replayed } = await linkAccount(caller, body, idempotency);
  return { status: 200, body: value, replayed };
});
