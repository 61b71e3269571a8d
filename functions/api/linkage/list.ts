import { listRoute } from '../../http/page-token.ts';
import { InvitationsQuery } from '../../schemas/linkage.ts';
import { NhsNumberParams } from '../../schemas/patients.ts';
import { listInvitations } from '../../usecases/linkage.ts';

/** GET /staff/patients/{nhsNumber}/invitations: newest first, with their status (never the key). */
export const handler = listRoute(
  { access: 'staff', params: NhsNumberParams, query: InvitationsQuery },
  async ({ caller, params, query }) => ({ status: 200, body: await listInvitations(caller, params.nhsNumber, query) }),
);
