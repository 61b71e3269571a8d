import { listRoute } from '../../http/page-token.ts';
import * as linkage from '../../routes/linkage.ts';
import { listInvitations } from '../../usecases/linkage.ts';

/** GET /staff/patients/{nhsNumber}/invitations: newest first, with their status (never the key). */
export const handler = listRoute(linkage.listInvitations, async ({ caller, params, query }) => ({
  status: 200,
  body: await listInvitations(caller, params.nhsNumber, query),
}));
