import { AdminGetUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { Context, PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  cognitoMfaLookup,
  createHandler,
  tableLinkLookup,
  type PreTokenDeps,
} from '../../functions/identity/pre-token.ts';

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

type Link = Awaited<ReturnType<PreTokenDeps['linkOf']>>;

const withMfa = (enrolled: boolean, links: Record<string, Link> = {}): PreTokenDeps & { calls: string[] } => {
  const calls: string[] = [];
  return {
    calls,
    userHasMfa: (pool, user) => {
      calls.push(`${pool}/${user}`);
      return Promise.resolve(enrolled);
    },
    linkOf: (sub) => {
      calls.push(`link:${sub}`);
      return Promise.resolve(links[sub]);
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
    ];
    for (const attributes of cases) {
      const details = await accessClaims(event(attributes, ['staff']), withMfa(true));
      expect(details.accessTokenGeneration?.claimsToAddOrOverride, JSON.stringify(attributes)).toEqual({});
    }
  });
});

describe('Cognito pre-token-generation trigger: self-service patient sign-ins', () => {
  const linked = { practice: 'A99001', nhsNumber: '9990000018', linkedAt: '2026-12-01T09:00:00.000Z' };

  it('gives a sign-in linked through /me/link its patient, and when it was linked, from the table', async () => {
    const deps = withMfa(false, { 'sub-1': linked });
    const details = await accessClaims(event({}), deps);
    expect(details.accessTokenGeneration?.claimsToAddOrOverride).toEqual({
      role: 'patient',
      practice: 'A99001',
      nhs_number: '9990000018',
      linked_at: '2026-12-01T09:00:00.000Z',
    });
    expect(deps.calls).toEqual(['link:sub-1']);
  });

  it('gives a sign-in not yet linked (or unlinked since) the patient role alone', async () => {
    const details = await accessClaims(event({}), withMfa(false, { 'someone-else': linked }));
    expect(details.accessTokenGeneration?.claimsToAddOrOverride).toEqual({ role: 'patient' });
  });

  it('never reads the table for an account the practice created (permanently linked, or staff)', async () => {
    const deps = withMfa(true, { 'sub-1': linked });
    await accessClaims(
      event({ 'custom:role': 'patient', 'custom:practice': 'A99002', 'custom:nhs_number': '9990000026' }),
      deps,
    );
    await accessClaims(event({ 'custom:role': 'staff', 'custom:practice': 'A99002' }, ['staff']), deps);
    expect(deps.calls.filter((c) => c.startsWith('link:'))).toEqual([]);
  });

  it('fails the sign-in when the link cannot be read, rather than saying "not linked"', async () => {
    const deps: PreTokenDeps = {
      userHasMfa: () => Promise.resolve(false),
      linkOf: () => Promise.reject(new Error('table unavailable')),
    };
    await expect(accessClaims(event({}), deps)).rejects.toThrow('table unavailable');
  });
});

describe('link lookup', () => {
  const dynamo = mockClient(DynamoDBDocumentClient);
  afterEach(() => dynamo.reset());

  it('reads exactly SIGNIN#{sub} / LINK, strongly consistent', async () => {
    process.env.TABLE_NAME = 'patient-online-test';
    dynamo.on(GetCommand).resolves({
      Item: { sub: 'sub-1', practice: 'A99001', nhsNumber: '9990000018', linkedAt: '2026-12-01T09:00:00.000Z' },
    });
    expect(await tableLinkLookup.linkOf('sub-1')).toEqual({
      sub: 'sub-1',
      practice: 'A99001',
      nhsNumber: '9990000018',
      linkedAt: '2026-12-01T09:00:00.000Z',
    });
    expect(dynamo.commandCalls(GetCommand)[0]?.args[0].input).toMatchObject({
      TableName: 'patient-online-test',
      Key: { PK: 'SIGNIN#sub-1', SK: 'LINK' },
      ConsistentRead: true,
    });
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
