import { httpRoute } from '../../http/route-handler.ts';
import * as linkage from '../../routes/linkage.ts';
import { issueInvitation } from '../../usecases/linkage.ts';

/** POST /staff/patients/{nhsNumber}/invitations: the details for a registration letter. */
export const handler = httpRoute(linkage.issueInvitation, async ({ caller, params, idempotency }) => {
  const { value, replayed } = await issueInvitation(caller, params.nhsNumber, idempotency);
  return { status: 201, body: value, replayed };
});
