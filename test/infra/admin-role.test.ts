import type { Context, PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { ADMIN_GROUP, createHandler, type PreTokenDeps } from '../../functions/identity/pre-token.ts';

function event(attributes: Record<string, string>, groups: string[]): PreTokenGenerationV2TriggerEvent {
  return {
    version: '2',
    triggerSource: 'TokenGeneration_HostedAuth',
    region: 'eu-west-2',
    userPoolId: 'eu-west-2_TEST',
    userName: 'operator-1',
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'client-1' },
    request: {
      userAttributes: { sub: 'sub-admin', ...attributes },
      groupConfiguration: { groupsToOverride: groups },
      scopes: ['openid'],
    },
    response: { claimsAndScopeOverrideDetails: {} },
  };
}

const deps = (mfa: boolean): PreTokenDeps => ({
  userHasMfa: () => Promise.resolve(mfa),
  linkOf: () => Promise.resolve(undefined),
});

async function claimsOf(e: PreTokenGenerationV2TriggerEvent, d: PreTokenDeps) {
  const result = (await createHandler(d)(e, {} as Context, () => undefined)) as PreTokenGenerationV2TriggerEvent;
  return result.response.claimsAndScopeOverrideDetails.accessTokenGeneration?.claimsToAddOrOverride;
}

describe('Cognito pre-token trigger: the admin role', () => {
  it('gives an admin in the admin group with MFA role=admin and no practice', async () => {
    expect(await claimsOf(event({ 'custom:role': 'admin' }, [ADMIN_GROUP]), deps(true))).toEqual({ role: 'admin' });
  });

  it('drops a practice an admin user happens to carry', async () => {
    const claims = await claimsOf(
      event({ 'custom:role': 'admin', 'custom:practice': 'A99001' }, [ADMIN_GROUP]),
      deps(true),
    );
    expect(claims).toEqual({ role: 'admin' });
  });

  it('withholds every claim from an admin without MFA, as from staff', async () => {
    expect(await claimsOf(event({ 'custom:role': 'admin' }, [ADMIN_GROUP]), deps(false))).toEqual({});
  });

  it('withholds every claim from an admin outside the admin group (the staff group is not enough)', async () => {
    expect(await claimsOf(event({ 'custom:role': 'admin' }, ['staff']), deps(true))).toEqual({});
  });
});
