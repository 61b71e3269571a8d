import { AdminGetUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { PreTokenGenerationV2TriggerEvent, PreTokenGenerationV2TriggerHandler } from 'aws-lambda';
import { appendLogKeys, logger, startLogContext } from '../observability/logger.ts';
import { loadTracer, traceClient } from '../observability/tracer.ts';
import { withDeadline } from '../store/deadline.ts';
import { getSignInLink } from '../store/linkage.ts';

/**
 * Cognito pre-token-generation trigger (event V2_0, so it can change the ACCESS token, which is
 * what the HTTP API JWT authorizer checks). It copies the user's custom attributes into the one
 * claim shape every handler reads: `role`, `practice`, `nhs_number`.
 *
 * Claims go into the access token only: an ID token (whose `aud` the authorizer would also
 * accept) then carries no `role`, so handlers refuse it with 403.
 *
 * Admins (custom:role `admin`, in the `admin` group) get `role` alone, under the same MFA rule.
 *
 * Staff must use MFA. Cognito's MFA setting is pool-wide and patients may not have an
 * authenticator, so the pool has MFA OPTIONAL and this trigger enforces it for staff: a staff
 * user without MFA set up still signs in (so they can enrol an authenticator with their access
 * token) but gets no role claims, so every API route answers 403 until they have enrolled.
 *
 * Patients sign themselves up (no custom attributes: the app client cannot write them). Such a
 * sign-in is a patient whose claims come from its link in the table (SIGNIN#{sub} / LINK, the
 * one item this function may read): linked, `practice`, `nhs_number` and `linked_at` (which
 * makes every request check the link still stands); not yet linked, `role` alone, which reaches
 * POST /me/link and nothing else. An account the practice created with `custom:nhs_number` is
 * linked for good, as before.
 */

export const STAFF_GROUP = 'staff';
/** The stack's operators (a federation's or ICB's IT): the practice registry and cross-practice reports. */
export const ADMIN_GROUP = 'admin';

export type AccessClaims = Record<string, string>;

export interface PreTokenDeps {
  /** Whether the user has an MFA method enabled (so Cognito challenged them for it). */
  userHasMfa(userPoolId: string, userName: string): Promise<boolean>;
  /** The patient a self-service sign-in is linked to, if any. */
  linkOf(sub: string): Promise<{ practice: string; nhsNumber: string; linkedAt: string } | undefined>;
}

export function createHandler(deps: PreTokenDeps): PreTokenGenerationV2TriggerHandler {
  return async (event, context) => {
    // Cognito sends no request id of its own: the Lambda request id is the one to search by.
    startLogContext(context, { trigger: event.triggerSource });
    await loadTracer();
    const claims = await claimsFor(event, deps);
    event.response = {
      claimsAndScopeOverrideDetails: {
        accessTokenGeneration: { claimsToAddOrOverride: claims },
      },
    };
    return event;
  };
}

async function claimsFor(event: PreTokenGenerationV2TriggerEvent, deps: PreTokenDeps): Promise<AccessClaims> {
  const attributes = event.request.userAttributes;
  const role = attributes['custom:role'];
  const practice = attributes['custom:practice'];
  // Role and practice only: the other attributes include the NHS number.
  appendLogKeys({ role: role ?? 'patient', practice: practice || undefined });
  if (role === undefined) return selfServiceClaims(event, deps);
  if (role === 'admin') {
    // An operator, never a practice's: no practice claim, so no patient or staff route serves it.
    const groups = event.request.groupConfiguration.groupsToOverride ?? [];
    if (!groups.includes(ADMIN_GROUP)) return withheld(event, `admin user not in the ${ADMIN_GROUP} group`);
    if (!(await deps.userHasMfa(event.userPoolId, event.userName))) return withheld(event, 'admin user without MFA');
    return { role };
  }
  if (!practice) return withheld(event, 'no custom:practice');

  if (role === 'patient') {
    const nhsNumber = attributes['custom:nhs_number'];
    if (!nhsNumber) return withheld(event, 'patient without custom:nhs_number');
    return { role, practice, nhs_number: nhsNumber };
  }
  if (role === 'staff') {
    const groups = event.request.groupConfiguration.groupsToOverride ?? [];
    if (!groups.includes(STAFF_GROUP)) return withheld(event, `staff user not in the ${STAFF_GROUP} group`);
    if (!(await deps.userHasMfa(event.userPoolId, event.userName))) return withheld(event, 'staff user without MFA');
    return { role, practice };
  }
  return withheld(event, 'custom:role is neither patient, staff nor admin');
}

/** A sign-in the patient created: what its link says now. */
async function selfServiceClaims(event: PreTokenGenerationV2TriggerEvent, deps: PreTokenDeps): Promise<AccessClaims> {
  const sub = event.request.userAttributes.sub;
  if (!sub) return withheld(event, 'no sub');
  const link = await deps.linkOf(sub);
  return link
    ? { role: 'patient', practice: link.practice, nhs_number: link.nhsNumber, linked_at: link.linkedAt }
    : { role: 'patient' };
}

/** No role claims: the token is valid for Cognito itself (e.g. MFA enrolment) but not the API. */
function withheld(event: PreTokenGenerationV2TriggerEvent, reason: string): AccessClaims {
  // `sub` is a pseudonymous id; never log attributes (they include NHS numbers).
  logger.warn('issuing a token without API claims', {
    reason,
    sub: event.request.userAttributes.sub,
    trigger: event.triggerSource,
  });
  return {};
}

let client: CognitoIdentityProviderClient | undefined;

export const cognitoMfaLookup: Pick<PreTokenDeps, 'userHasMfa'> = {
  async userHasMfa(userPoolId, userName) {
    // Cognito waits at most 5 s for this trigger (its Lambda timeout): two attempts of at most
    // 1.5 s each end well before, so a slow Cognito fails the sign-in rather than hanging it.
    client ??= traceClient(
      new CognitoIdentityProviderClient({
        maxAttempts: 2,
        requestHandler: { connectionTimeout: 1_000, requestTimeout: 1_500, throwOnRequestTimeout: true },
      }),
    );
    const user = await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: userName }));
    return (user.UserMFASettingList ?? []).length > 0;
  },
};

/**
 * The link read, within 3 s of Cognito's 5 s: a table that does not answer fails the sign-in
 * (the user tries again) rather than issuing a token that wrongly says "not linked".
 */
export const tableLinkLookup: Pick<PreTokenDeps, 'linkOf'> = {
  linkOf: (sub) => withDeadline(3_000, () => getSignInLink(sub)),
};

export const handler = createHandler({ ...cognitoMfaLookup, ...tableLinkLookup });
