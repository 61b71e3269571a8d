import { requireEnv } from '../../config.ts';
import { httpRoute } from '../../http/route-handler.ts';
import { signDevToken } from '../../identity/dev-jwt.ts';
import * as publicRoutes from '../../routes/public.ts';
import type { Claims } from '../../schemas/identity.ts';
import { getSignInLink } from '../../store/linkage.ts';

/**
 * POST /dev/token (local mode only: the stack deploys no such route and has no DEV_TOKEN_SECRET).
 * A patient token with `practice` and `nhsNumber` stands for a permanently linked sign-in; with
 * only `sub`, for a self-service sign-in, carrying what its link says now, as Cognito's
 * pre-token trigger does deployed.
 */
export const handler = httpRoute(publicRoutes.createDevToken, async ({ body }) => {
  let claims: Claims;
  if (body.role === 'admin') {
    claims = { sub: body.sub ?? 'admin', role: 'admin' };
  } else if (body.role === 'staff') {
    claims = { sub: body.sub ?? `staff-${body.practice}`, role: 'staff', practice: body.practice! };
  } else if (body.practice !== undefined) {
    claims = {
      sub: body.sub ?? `patient-${body.nhsNumber}`,
      role: 'patient',
      practice: body.practice,
      nhs_number: body.nhsNumber!,
    };
  } else {
    const sub = body.sub!;
    const link = await getSignInLink(sub);
    claims = link
      ? { sub, role: 'patient', practice: link.practice, nhs_number: link.nhsNumber, linked_at: link.linkedAt }
      : { sub, role: 'patient' };
  }
  return { status: 200, body: await signDevToken(claims, requireEnv('DEV_TOKEN_SECRET')) };
});
