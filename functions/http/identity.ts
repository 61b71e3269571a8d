import { ProblemError } from '../domain/errors.ts';
import { Claims, type Caller, type PatientSignIn } from '../schemas/identity.ts';
import type { ApiEvent } from './api-event.ts';
import type { Access } from '../routes/route-spec.ts';

/**
 * Turns the verified JWT claims that the HTTP API authorizer (or local mode) placed in the event
 * into a Caller, enforcing the route's role. Signature and expiry are the authorizer's job; a
 * missing claim set means it did not run. Whether the stack serves the caller's practice is a
 * read of the practice registry (route-handler.ts), made right after this.
 *
 * A patient sign-in not yet linked to a patient reaches only the routes that say they take one
 * (`allowUnlinked`: POST /me/link); every other patient route answers 403 until it is linked.
 */
export function authenticate(
  event: ApiEvent,
  access: Access,
  options: { allowUnlinked?: boolean } = {},
): Caller | PatientSignIn | undefined {
  if (access === 'public') return undefined;
  const raw = event.requestContext.authorizer?.jwt?.claims;
  if (!raw) throw new ProblemError('unauthenticated', 'Sign in: send a valid bearer token');
  const parsed = Claims.safeParse(raw);
  if (!parsed.success)
    throw new ProblemError('forbidden', 'The token does not carry a patient, staff or admin identity');
  const claims = parsed.data;
  if (claims.role !== access) throw new ProblemError('forbidden', `This route is for ${access} users`);
  if (claims.role === 'patient' && claims.practice === undefined) {
    if (options.allowUnlinked) return { role: 'patient', sub: claims.sub };
    throw new ProblemError(
      'forbidden',
      'This sign-in is not linked to a patient yet: link it with the details of your registration letter (POST /me/link)',
    );
  }
  if (claims.role === 'admin') return { role: 'admin', sub: claims.sub };
  return claims.role === 'patient'
    ? {
        role: 'patient',
        sub: claims.sub,
        practice: claims.practice!,
        nhsNumber: claims.nhs_number!,
        ...(claims.linked_at ? { linkedAt: claims.linked_at } : {}),
      }
    : { role: 'staff', sub: claims.sub, practice: claims.practice };
}
