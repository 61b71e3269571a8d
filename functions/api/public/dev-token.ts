import { requireEnv } from '../../config.ts';
import { httpRoute } from '../../http/route-handler.ts';
import { signDevToken } from '../../identity/dev-jwt.ts';
import { DevTokenBody } from '../../schemas/identity.ts';

/** POST /dev/token (local mode only: the stack deploys no such route and has no DEV_TOKEN_SECRET). */
export const handler = httpRoute({ access: 'public', body: DevTokenBody }, async ({ body }) => {
  const sub = body.sub ?? (body.role === 'patient' ? `patient-${body.nhsNumber}` : `staff-${body.practice}`);
  const claims =
    body.role === 'patient'
      ? { sub, role: 'patient' as const, practice: body.practice, nhs_number: body.nhsNumber! }
      : { sub, role: 'staff' as const, practice: body.practice };
  return { status: 200, body: await signDevToken(claims, requireEnv('DEV_TOKEN_SECRET')) };
});
