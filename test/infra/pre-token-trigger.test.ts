import { AdminGetUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { Context, PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { cognitoMfaLookup, createHandler, type PreTokenDeps } from '../../functions/identity/pre-token.ts';

const POOL = 'eu-west-2_TEST';

function event(attributes: Record<string, string>, groups: string[] = []): PreTokenGenerationV2TriggerEvent {
  return {
    version: '2',
    triggerSource: 'TokenGeneration_HostedAuth',
    region: 'eu-west-2',
    userPoolId: POOL,
    userName: 'user-1',
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'client-1' },
    request: {
      userAttributes: { sub: 'sub-1', ...attributes },
      groupConfiguration: { groupsToOverride: groups },
      scopes: ['openid'],
    },
    response: { claimsAndScopeOverrideDetails: {} },
  };
}

const withMfa = (enrolled: boolean): PreTokenDeps & { calls: string[] } => {
  const calls: string[] = [];
  return {
    calls,
    userHasMfa: (pool, user) => {
      calls.push(`${pool}/${user}`);
      return Promise.resolve(enrolled);
    },
  };
};

async function accessClaims(e: PreTokenGenerationV2TriggerEvent, deps: PreTokenDeps) {
  const result = (await createHandler(deps)(e, {} as Context, () => undefined)) as PreTokenGenerationV2TriggerEvent;
  return result.response.claimsAndScopeOverrideDetails;
}

describe('Cognito pre-token-generation trigger', () => {
  it('puts role, practice and nhs_number into the access token of a patient', async () => {
    const details = await accessClaims(
      event({ 'custom:role': 'patient', 'custom:practice': 'A99001', 'custom:nhs_number': '9990000018' }),
      withMfa(false),
    );
    expect(details.accessTokenGeneration?.claimsToAddOrOverride).toEqual({
      role: 'patient',
      practice: 'A99001',
      nhs_number: '9990000018',
    });
  });

  it('leaves the ID token unchanged, so it cannot stand in for the access token at the API', async () => {
    const details = await accessClaims(
      event({ 'custom:role': 'patient', 'custom:practice': 'A99001', 'custom:nhs_number': '9990000018' }),
      withMfa(false),
    );
    expect(details.idTokenGeneration).toBeUndefined();
  });

  it('gives a staff member in the staff group with MFA enrolled the staff role', async () => {
    const deps = withMfa(true);
    const details = await accessClaims(event({ 'custom:role': 'staff', 'custom:practice': 'A99002' }, ['staff']), deps);
    expect(details.accessTokenGeneration?.claimsToAddOrOverride).toEqual({ role: 'staff', practice: 'A99002' });
    expect(deps.calls).toEqual([`${POOL}/user-1`]);
  });

  it('withholds staff claims from a staff member without MFA (they can still enrol an authenticator)', async () => {
    const details = await accessClaims(
      event({ 'custom:role': 'staff', 'custom:practice': 'A99002' }, ['staff']),
      withMfa(false),
    );
    expect(details.accessTokenGeneration?.claimsToAddOrOverride).toEqual({});
  });

  it('withholds staff claims from a user whose attribute says staff but who is not in the staff group', async () => {
    const deps = withMfa(true);
    const details = await accessClaims(event({ 'custom:role': 'staff', 'custom:practice': 'A99002' }), deps);
    expect(details.accessTokenGeneration?.claimsToAddOrOverride).toEqual({});
  });

  it('adds no claims for a patient without an NHS number, a user without a practice, or an unknown role', async () => {
    const cases: Record<string, string>[] = [
      { 'custom:role': 'patient', 'custom:practice': 'A99001' },
      { 'custom:role': 'patient', 'custom:nhs_number': '9990000018' },
      { 'custom:role': 'admin', 'custom:practice': 'A99001' },
      {},
    ];
    for (const attributes of cases) {
      const details = await accessClaims(event(attributes, ['staff']), withMfa(true));
      expect(details.accessTokenGeneration?.claimsToAddOrOverride, JSON.stringify(attributes)).toEqual({});
    }
  });
});

describe('MFA lookup', () => {
  const cognito = mockClient(CognitoIdentityProviderClient);
  afterEach(() => cognito.reset());

  it('asks Cognito for the user and reports whether any MFA method is enabled', async () => {
    cognito
      .on(AdminGetUserCommand)
      .resolvesOnce({ Username: 'user-1', UserMFASettingList: ['SOFTWARE_TOKEN_MFA'] })
      .resolvesOnce({ Username: 'user-1' });
    expect(await cognitoMfaLookup.userHasMfa(POOL, 'user-1')).toBe(true);
    expect(await cognitoMfaLookup.userHasMfa(POOL, 'user-1')).toBe(false);
    expect(cognito.commandCalls(AdminGetUserCommand)[0]?.args[0].input).toEqual({
      UserPoolId: POOL,
      Username: 'user-1',
    });
  });
});
