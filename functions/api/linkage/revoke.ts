import { httpRoute } from '../../http/route-handler.ts';
import * as linkage from '../../routes/linkage.ts';
import { revokeInvitation } from '../../usecases/linkage.ts';

/** DELETE /staff/invitations/{invitationId}: 204; an unused invitation can no longer be used. */
export const handler = httpRoute(linkage.revokeInvitation, async ({ caller, params, idempotency }) => {
  const { replayed } = await revokeInvitation(caller, params.invitationId, idempotency);
  return { status: 204, replayed };
});
