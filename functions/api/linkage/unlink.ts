import { httpRoute } from '../../http/route-handler.ts';
import { NhsNumberParams } from '../../schemas/patients.ts';
import { unlinkAccount } from '../../usecases/linkage.ts';

/** DELETE /staff/patients/{nhsNumber}/account: 204; the linked sign-in reaches nothing from its next request. */
export const handler = httpRoute(
  { access: 'staff', params: NhsNumberParams },
  async ({ caller, params, idempotency }) => {
    const { replayed } = await unlinkAccount(caller, params.nhsNumber, idempotency);
    return { status: 204, replayed };
  },
);
