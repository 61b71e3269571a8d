import { httpRoute } from '../../http/route-handler.ts';
import { IssueInvitationBody } from '../../schemas/linkage.ts';
import { NhsNumberParams } from '../../schemas/patients.ts';
import { issueInvitation } from '../../usecases/linkage.ts';

/** POST /staff/patients/{nhsNumber}/invitations: the details for a registration letter. */
export const handler = httpRoute(
  { access: 'staff', params: NhsNumberParams, body: IssueInvitationBody },
  async ({ caller, params, idempotency }) => {
    const { value, replayed } = await issueInvitation(caller, params.nhsNumber, idempotency);
    return { status: 201, body: value, replayed };
  },
);
