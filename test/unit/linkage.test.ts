import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  afterInvitationFailure,
  canonicalAccountId,
  hashLinkageKey,
  invitationStatus,
  linkageKeyMatches,
  newLetterDetails,
  retryAfterSeconds,
  type Invitation,
} from '../../functions/domain/linkage.ts';
import { ProblemError } from '../../functions/domain/errors.ts';
import { withLinkGuard } from '../../functions/store/link-guard.ts';
import { transact } from '../../functions/store/transact.ts';
import { useUnitEnv } from '../support/unit-env.ts';

const NOW = new Date('2026-12-01T12:00:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
const HOUR = 3600_000;

const invitation = (over: Partial<Invitation> = {}): Invitation => ({
  invitationId: 'inv1',
  accountId: 'ABCD-EFGH-JKMN',
  practice: 'A99001',
  nhsNumber: '9990000018',
  keyHash: 'scrypt$x$y',
  createdAt: ago(HOUR),
  expiresAt: new Date(NOW.getTime() + HOUR).toISOString(),
  state: 'open',
  failures: [],
  version: 1,
  ...over,
});

describe('registration letter details', () => {
  it('are random: a 12-character account id and a 16-character key in groups of four', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const { accountId, linkageKey } = newLetterDetails();
      expect(accountId).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){2}$/);
      expect(linkageKey).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
      seen.add(accountId).add(linkageKey);
    }
    expect(seen.size).toBe(100);
  });

  it('read as the letter meant them: case, spaces and hyphens ignored, O as 0 and I or L as 1', () => {
    expect(canonicalAccountId(' 0a1b 2c3d-4e5f ')).toBe('0A1B-2C3D-4E5F');
    expect(canonicalAccountId('oaib2c3d4e5f')).toBe('0A1B-2C3D-4E5F');
    expect(canonicalAccountId('0A1B-2C3D-4E5')).toBeUndefined();
    expect(canonicalAccountId('0A1B-2C3D-4E5U')).toBeUndefined();
  });

  it('keep the linkage key only as a salted slow hash that the key (typed any way) matches', async () => {
    const { linkageKey } = newLetterDetails();
    const stored = await hashLinkageKey(linkageKey);
    expect(stored).not.toContain(linkageKey.replace(/-/g, ''));
    expect(stored).not.toBe(await hashLinkageKey(linkageKey));
    expect(await linkageKeyMatches(linkageKey.toLowerCase().replace(/-/g, ' '), stored)).toBe(true);
    expect(await linkageKeyMatches(`${linkageKey.slice(0, -1)}${linkageKey.endsWith('Z') ? 'Y' : 'Z'}`, stored)).toBe(
      false,
    );
    expect(await linkageKeyMatches(linkageKey, undefined)).toBe(false);
  });
});

describe('invitation status and lockout', () => {
  it('is used, revoked, locked or expired before it is open', () => {
    expect(invitationStatus(invitation(), NOW)).toBe('open');
    expect(invitationStatus(invitation({ expiresAt: NOW.toISOString() }), NOW)).toBe('expired');
    expect(invitationStatus(invitation({ lockedAt: ago(1), expiresAt: ago(1) }), NOW)).toBe('locked');
    expect(invitationStatus(invitation({ state: 'used', lockedAt: ago(1) }), NOW)).toBe('used');
    expect(invitationStatus(invitation({ state: 'revoked' }), NOW)).toBe('revoked');
  });

  it('locks on the 5th failure within 24 hours; older failures no longer count', () => {
    const four = [ago(23 * HOUR), ago(3 * HOUR), ago(2 * HOUR), ago(HOUR)];
    expect(afterInvitationFailure(invitation({ failures: four }), NOW).locks).toBe(true);
    const stale = [ago(25 * HOUR), ago(3 * HOUR), ago(2 * HOUR), ago(HOUR)];
    const after = afterInvitationFailure(invitation({ failures: stale }), NOW);
    expect(after).toEqual({ failures: [ago(3 * HOUR), ago(2 * HOUR), ago(HOUR), NOW.toISOString()], locks: false });
  });

  it('tells a rate-limited sign-in when its oldest counted failure leaves the hour', () => {
    expect(retryAfterSeconds([ago(10 * 60_000), ago(50 * 60_000)], NOW)).toBe(10 * 60);
  });
});

describe('a self-linked sign-in’s writes', () => {
  const ddb = mockClient(DynamoDBDocumentClient);
  beforeAll(useUnitEnv);
  afterEach(() => ddb.reset());
  const link = { sub: 'self-1', practice: 'A99001', nhsNumber: '9990000018', linkedAt: ago(HOUR) };
  const put = { item: { Put: { TableName: 'patient-online-test', Item: { PK: 'X', SK: 'Y' } } } };

  it('carry a ConditionCheck on the sign-in’s link in every transaction', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    await withLinkGuard(link, () => transact([put]));
    await transact([put]);
    const [guarded, plain] = ddb.commandCalls(TransactWriteCommand).map((c) => c.args[0].input.TransactItems!);
    expect(guarded).toHaveLength(2);
    expect(guarded![1]).toEqual({
      ConditionCheck: {
        TableName: 'patient-online-test',
        Key: { PK: 'SIGNIN#self-1', SK: 'LINK' },
        ConditionExpression: 'practice = :practice AND nhsNumber = :nhs AND linkedAt = :linkedAt',
        ExpressionAttributeValues: { ':practice': 'A99001', ':nhs': '9990000018', ':linkedAt': link.linkedAt },
      },
    });
    expect(plain).toHaveLength(1);
  });

  it('commit nothing once the link is gone: 403 forbidden', async () => {
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
      }),
    );
    const error = await withLinkGuard(link, () => transact([put])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemError);
    expect((error as ProblemError).code).toBe('forbidden');
  });
});
