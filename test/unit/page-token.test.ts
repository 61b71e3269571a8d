import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProblemError } from '../../functions/domain/errors.ts';
import {
  PAGE_TOKEN_LIFETIME_SECONDS,
  deriveKey,
  openPageToken,
  pageTokenKey,
  sealPageToken,
  type PageScope,
} from '../../functions/http/page-token.ts';
import { ROUTES, isPaginated } from '../../functions/routes.ts';
import { decodeToken, encodeToken, queryPage } from '../../functions/store/read.ts';
import { PAGE_TOKEN_KEY_FILE, loadOrCreateTokenSecret } from '../../local/data-dir.ts';
import { useUnitEnv } from '../support/unit-env.ts';

const KEY = deriveKey('a test secret');
const NOW = new Date('2026-12-01T09:00:00Z');
const CURSOR = encodeToken({ PK: 'PATIENT#A99001#9990000018', SK: 'APPT#2026-12-03T09:00:00.000Z#abc' })!;

const patient = { role: 'patient', sub: 'patient-1', practice: 'A99001', nhsNumber: '9990000018' } as const;
const SCOPE: PageScope = {
  route: 'GET /appointments',
  params: {},
  caller: patient,
  query: { when: 'upcoming', limit: 10, nextToken: 'ignored' },
};

/** Runs `open` and returns the problem it throws (or fails the test). */
function refusal(open: () => unknown): ProblemError {
  try {
    open();
  } catch (error) {
    if (error instanceof ProblemError) return error;
    throw error;
  }
  throw new Error('the token was accepted');
}

function expectRefused(open: () => unknown) {
  const problem = refusal(open);
  expect(problem.status).toBe(400);
  expect(problem.code).toBe('validation-failed');
  expect(problem.errors?.[0]?.path).toBe('nextToken');
}

describe('page tokens (seal and open)', () => {
  it('round-trips the cursor for the same caller and query', () => {
    const token = sealPageToken(CURSOR, SCOPE, KEY, NOW);
    expect(openPageToken(token, SCOPE, KEY, NOW)).toBe(CURSOR);
  });

  it('reveals no attribute name, key or value: the token is not readable JSON', () => {
    const token = sealPageToken(CURSOR, SCOPE, KEY, NOW);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    const decoded = Buffer.from(token, 'base64url').toString('latin1');
    for (const hint of ['"PK"', '"SK"', 'GSI', 'PATIENT#', 'APPT#', '9990000018', 'A99001', '{"']) {
      expect(decoded).not.toContain(hint);
    }
    // Not base64 of JSON either (which would start with `{"`, "eyJ").
    expect(token.startsWith('eyJ')).toBe(false);
    expect(sealPageToken(CURSOR, SCOPE, KEY, NOW)).not.toBe(token);
  });

  it('lets the page size change between pages (limit is not part of the scope)', () => {
    const token = sealPageToken(CURSOR, SCOPE, KEY, NOW);
    expect(openPageToken(token, { ...SCOPE, query: { when: 'upcoming', limit: 100 } }, KEY, NOW)).toBe(CURSOR);
  });

  it('does not depend on the order of query parameters', () => {
    const scope = { ...SCOPE, route: 'GET /staff/audit', query: { from: '2026-11-01', to: '2026-12-01' } };
    const token = sealPageToken(CURSOR, scope, KEY, NOW);
    expect(openPageToken(token, { ...scope, query: { to: '2026-12-01', from: '2026-11-01' } }, KEY, NOW)).toBe(CURSOR);
  });

  const others: [string, PageScope][] = [
    ['another sub', { ...SCOPE, caller: { ...patient, sub: 'patient-2' } }],
    ['another NHS number', { ...SCOPE, caller: { ...patient, nhsNumber: '9990000026' } }],
    ['another practice', { ...SCOPE, caller: { ...patient, practice: 'A99002' } }],
    ['another role', { ...SCOPE, caller: { role: 'staff', sub: 'patient-1', practice: 'A99001' } }],
    ['another filter', { ...SCOPE, query: { when: 'past', limit: 10 } }],
    ['an added filter', { ...SCOPE, query: { when: 'upcoming', status: 'requested', limit: 10 } }],
    ['another route', { ...SCOPE, route: 'GET /prescriptions' }],
    ['other path parameters', { ...SCOPE, params: { id: 'x' } }],
  ];
  it.each(others)('refuses a token issued for %s', (_what, scope) => {
    const token = sealPageToken(CURSOR, SCOPE, KEY, NOW);
    expectRefused(() => openPageToken(token, scope, KEY, NOW));
  });

  it('refuses a token with any one byte altered', () => {
    const bytes = Buffer.from(sealPageToken(CURSOR, SCOPE, KEY, NOW), 'base64url');
    for (let i = 0; i < bytes.length; i++) {
      const altered = Buffer.from(bytes);
      altered[i] = altered[i]! ^ 0x01;
      expectRefused(() => openPageToken(altered.toString('base64url'), SCOPE, KEY, NOW));
    }
  });

  it.each([
    ['garbage', 'not a token'],
    ['base64 JSON of a key', Buffer.from(CURSOR).toString('base64url')],
    ['a bare cursor', CURSOR],
    ['too short', 'AQID'],
    ['random bytes', randomBytes(80).toString('base64url')],
    ['standard base64 with padding', `${randomBytes(79).toString('base64')}=`],
  ])('refuses %s', (_what, token) => {
    expectRefused(() => openPageToken(token, SCOPE, KEY, NOW));
  });

  it('refuses a token sealed with another key', () => {
    const token = sealPageToken(CURSOR, SCOPE, deriveKey('another secret'), NOW);
    expectRefused(() => openPageToken(token, SCOPE, KEY, NOW));
  });

  it('expires a token a day after it was issued', () => {
    const token = sealPageToken(CURSOR, SCOPE, KEY, NOW);
    const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
    expect(openPageToken(token, SCOPE, KEY, later(PAGE_TOKEN_LIFETIME_SECONDS))).toBe(CURSOR);
    expectRefused(() => openPageToken(token, SCOPE, KEY, later(PAGE_TOKEN_LIFETIME_SECONDS + 1)));
    expect(refusal(() => openPageToken(token, SCOPE, KEY, later(PAGE_TOKEN_LIFETIME_SECONDS + 1))).detail).toMatch(
      /expired/,
    );
  });

  it('refuses a token issued well in the future (a forged or misdated one)', () => {
    const token = sealPageToken(CURSOR, SCOPE, KEY, new Date(NOW.getTime() + 3600_000));
    expectRefused(() => openPageToken(token, SCOPE, KEY, NOW));
  });
});

describe('the store cursor', () => {
  it('accepts its own keys for the same partition', () => {
    expect(decodeToken(CURSOR, { PK: 'PATIENT#A99001#9990000018' })).toEqual(JSON.parse(CURSOR));
  });

  it.each([
    ['another partition', JSON.stringify({ PK: 'PATIENT#A99001#9990000026', SK: 'APPT#1' })],
    ['an extra attribute', JSON.stringify({ PK: 'PATIENT#A99001#9990000018', SK: 'APPT#1', status: 'x' })],
    ['a number where a key is a string', JSON.stringify({ PK: 'PATIENT#A99001#9990000018', SK: 1 })],
    ['an array', '[]'],
    ['not JSON', '{'],
  ])('refuses %s', (_what, cursor) => {
    expectRefused(() => decodeToken(cursor, { PK: 'PATIENT#A99001#9990000018' }));
  });
});

describe('queryPage', () => {
  const ddb = mockClient(DynamoDBDocumentClient);
  beforeAll(useUnitEnv);
  afterEach(() => ddb.reset());

  it('answers 400 on nextToken when DynamoDB refuses the start key (e.g. outside an upcoming window)', async () => {
    ddb.on(QueryCommand).rejects(
      new DynamoDBServiceException({
        name: 'ValidationException',
        $fault: 'client',
        $metadata: {},
        message: 'The provided starting key is outside query boundaries based on provided conditions',
      }),
    );
    const refusedStart = queryPage({ KeyConditionExpression: 'PK = :pk', ExclusiveStartKey: { PK: 'a', SK: 'b' } });
    await expect(refusedStart).rejects.toMatchObject({ code: 'validation-failed', errors: [{ path: 'nextToken' }] });
  });

  it('still treats other failures as faults', async () => {
    ddb
      .on(QueryCommand)
      .rejects(
        new DynamoDBServiceException({ name: 'ValidationException', $fault: 'client', $metadata: {}, message: 'bad' }),
      );
    await expect(queryPage({ KeyConditionExpression: 'PK = :pk' })).rejects.not.toBeInstanceOf(ProblemError);
  });
});

describe('the page-token key', () => {
  const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-2:123456789012:secret:page-tokens-AbCdEf';
  const fetchMock = vi.fn<typeof fetch>();

  beforeAll(useUnitEnv);
  beforeEach(() => {
    delete process.env.PAGE_TOKEN_KEY;
    process.env.PAGE_TOKEN_SECRET_ARN = SECRET_ARN;
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    delete process.env.PAGE_TOKEN_SECRET_ARN;
    vi.unstubAllGlobals();
    fetchMock.mockReset();
  });

  it('uses PAGE_TOKEN_KEY when set (local mode) without any network call', async () => {
    process.env.PAGE_TOKEN_KEY = 'local-secret';
    expect((await pageTokenKey()).equals(deriveKey('local-secret'))).toBe(true);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('reads the secret once per container with a signed GetSecretValue', async () => {
    fetchMock.mockImplementation(() =>
      Promise.resolve(new Response(JSON.stringify({ SecretString: 'deployed-secret' }), { status: 200 })),
    );
    const keys = await Promise.all([pageTokenKey(), pageTokenKey()]);
    expect(await pageTokenKey()).toBe(keys[0]);
    expect(keys[0].equals(deriveKey('deployed-secret'))).toBe(true);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('https://secretsmanager.eu-west-2.amazonaws.com/');
    const headers = init!.headers as Record<string, string>;
    expect(headers['x-amz-target']).toBe('secretsmanager.GetSecretValue');
    expect(headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=test\/\d{8}\/eu-west-2\/secretsmanager\//);
    expect(JSON.parse(init!.body as string)).toEqual({ SecretId: SECRET_ARN });
  });

  it('answers 503 when Secrets Manager does not answer, and tries again on the next request', async () => {
    process.env.PAGE_TOKEN_SECRET_ARN = `${SECRET_ARN}-outage`;
    fetchMock.mockImplementation(() => Promise.resolve(new Response('{}', { status: 503 })));
    await expect(pageTokenKey()).rejects.toMatchObject({ code: 'unavailable', headers: { 'retry-after': '1' } });
    fetchMock.mockImplementation(() =>
      Promise.resolve(new Response(JSON.stringify({ SecretString: 'back' }), { status: 200 })),
    );
    expect((await pageTokenKey()).equals(deriveKey('back'))).toBe(true);
  });
});

describe('the page-token key in local mode', () => {
  it('persists next to the dev-token secret in DATA_DIR, so next pages survive a restart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'po-page-key-'));
    try {
      const key = loadOrCreateTokenSecret(dir, PAGE_TOKEN_KEY_FILE);
      expect(loadOrCreateTokenSecret(dir, PAGE_TOKEN_KEY_FILE)).toBe(key);
      expect(loadOrCreateTokenSecret(dir)).not.toBe(key);
      expect(statSync(join(dir, PAGE_TOKEN_KEY_FILE)).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is random per run in memory', () => {
    expect(loadOrCreateTokenSecret(undefined, PAGE_TOKEN_KEY_FILE)).not.toBe(
      loadOrCreateTokenSecret(undefined, PAGE_TOKEN_KEY_FILE),
    );
  });
});

describe('list routes', () => {
  beforeAll(useUnitEnv);

  it.each(ROUTES.filter(isPaginated).map((r) => [`${r.method} ${r.path}`, r.entry] as const))(
    '%s is built with listRoute, so its tokens are sealed',
    async (_name, entry) => {
      const mod = (await import(`../../functions/${entry}`)) as { handler: { pageTokens?: boolean } };
      expect(mod.handler.pageTokens).toBe(true);
    },
  );

  it('are the routes with limit and nextToken', () => {
    expect(ROUTES.filter(isPaginated).map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /slots',
      'GET /appointments',
      'GET /staff/appointments',
      'GET /medications',
      'GET /prescriptions',
      'GET /staff/prescriptions',
      'GET /staff/audit',
      'GET /staff/slots',
      'GET /staff/patients/{nhsNumber}/appointments',
      'GET /staff/patients/{nhsNumber}/prescriptions',
      'GET /staff/patients/{nhsNumber}/medications',
      'GET /me/record-access',
      'GET /staff/patients/{nhsNumber}/invitations',
      'GET /staff/patients/{nhsNumber}/proxies',
      'GET /admin/practices',
    ]);
  });
});
