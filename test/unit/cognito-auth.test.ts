import { describe, expect, it } from 'vitest';
import {
  CognitoAuth,
  PENDING_KEY,
  REFRESH_MARGIN_MS,
  REFRESH_RETRY_MS,
  SignInError,
  base64Url,
  codeChallenge,
  type CognitoAuthConfig,
  type PendingStore,
} from '../../web/src/cognito-auth.ts';

const CONFIG: CognitoAuthConfig = {
  authUrl: 'https://po-test.auth.eu-west-2.amazoncognito.com',
  clientId: 'client123',
  issuer: 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_Pool',
  redirectUri: 'https://d111.cloudfront.net/app/callback',
  signedOutUri: 'https://d111.cloudfront.net/app/signed-out',
};
const HOUR = 3_600_000;

const jwt = (claims: Record<string, unknown>) =>
  ['{"alg":"none"}', JSON.stringify(claims), 'sig']
    .map((part, i) => (i < 2 ? base64Url(new TextEncoder().encode(part)) : part))
    .join('.');

/** Every write to storage, so a test can prove no token is ever written there. */
class RecordingStore implements PendingStore {
  readonly items = new Map<string, string>();
  readonly written: string[] = [];
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.written.push(`${key}=${value}`);
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

/**
 * A fake Cognito: /oauth2/authorize is the URL the page navigates to (it answers with a code for
 * the challenge it was given); /oauth2/token checks the verifier against that challenge (S256)
 * and issues tokens; /oauth2/revoke records the revoked token.
 */
/** `nonce`: what the fake puts in the ID token instead of the one the page sent. */
function fakeCognito(
  options: { nonce?: string; audience?: string; refreshAnswer?: 'ok' | 'refused' | 'unreachable' } = {},
) {
  let clock = Date.UTC(2026, 11, 1, 9);
  const timers: { run: () => void; ms: number; cleared: boolean }[] = [];
  const navigations: string[] = [];
  const requests: { path: string; form: URLSearchParams }[] = [];
  const codes = new Map<string, { challenge: string; nonce: string }>();
  const storage = new RecordingStore();
  let issued = 0;

  const tokensFor = (nonce: string | undefined, withRefresh: boolean) => {
    issued += 1;
    const base = { iss: CONFIG.issuer, sub: 'user-1', exp: Math.floor(clock / 1000) + 3600 };
    return {
      access_token: jwt({ ...base, client_id: CONFIG.clientId, token_use: 'access', role: 'patient', n: issued }),
      id_token: jwt({
        ...base,
        aud: options.audience ?? CONFIG.clientId,
        token_use: 'id',
        ...(nonce ? { nonce } : {}),
      }),
      ...(withRefresh ? { refresh_token: `refresh-${issued}` } : {}),
      expires_in: 3600,
      token_type: 'Bearer',
    };
  };

  const env = {
    now: () => clock,
    storage,
    navigate: (url: string) => {
      navigations.push(url);
      const query = new URL(url).searchParams;
      if (url.startsWith(`${CONFIG.authUrl}/oauth2/authorize`)) {
        codes.set('code-1', { challenge: query.get('code_challenge')!, nonce: query.get('nonce')! });
      }
    },
    setTimer: (run: () => void, ms: number) => {
      const timer = { run, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (timer: unknown) => {
      (timer as { cleared: boolean }).cleared = true;
    },
    fetch: async (url: string, init: { body: string }) => {
      const path = new URL(url).pathname;
      const form = new URLSearchParams(init.body);
      requests.push({ path, form });
      if (path === '/oauth2/revoke') return new Response(null, { status: 200 });
      const grant = form.get('grant_type');
      if (grant === 'authorization_code') {
        const issuedCode = codes.get(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        if (!issuedCode || (await codeChallenge(verifier)) !== issuedCode.challenge) {
          return Response.json({ error: 'invalid_grant' }, { status: 400 });
        }
        const nonce = options.nonce ?? issuedCode.nonce;
        return Response.json(tokensFor(nonce, true));
      }
      if (grant === 'refresh_token') {
        if (options.refreshAnswer === 'unreachable') throw new TypeError('Failed to fetch');
        if (options.refreshAnswer === 'refused') return Response.json({ error: 'invalid_grant' }, { status: 400 });
        return Response.json(tokensFor(undefined, false));
      }
      return Response.json({ error: 'unsupported_grant_type' }, { status: 400 });
    },
  };
  const auth = new CognitoAuth(CONFIG, env);
  return {
    auth,
    storage,
    navigations,
    requests,
    timers,
    advance: (ms: number) => {
      clock += ms;
    },
    /** The callback URL Cognito would send the browser to after the sign-in page. */
    callback: (overrides: Record<string, string> = {}) => {
      const authorize = new URL(navigations.at(-1)!);
      const url = new URL(CONFIG.redirectUri);
      url.searchParams.set('code', 'code-1');
      url.searchParams.set('state', authorize.searchParams.get('state')!);
      for (const [name, value] of Object.entries(overrides)) url.searchParams.set(name, value);
      return url;
    },
  };
}

describe('PKCE (RFC 7636)', () => {
  it('derives the S256 code challenge of the RFC 7636 appendix B test vector', async () => {
    expect(await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('encodes the appendix B verifier octets as the appendix B verifier (base64url, no padding)', () => {
    const octets = [
      116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240,
      91, 88, 5, 88, 83, 132, 141, 121,
    ];
    expect(base64Url(Uint8Array.from(octets))).toBe('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
  });
});

describe('signing in through Cognito', () => {
  it('sends the browser to the authorize endpoint with the code flow, S256 challenge, state and nonce', async () => {
    const cognito = fakeCognito();
    await cognito.auth.signIn('/app/appointments');
    const url = new URL(cognito.navigations[0]!);
    expect(`${url.origin}${url.pathname}`).toBe(`${CONFIG.authUrl}/oauth2/authorize`);
    const query = Object.fromEntries(url.searchParams);
    expect(query).toMatchObject({
      response_type: 'code',
      client_id: CONFIG.clientId,
      redirect_uri: CONFIG.redirectUri,
      scope: 'openid email profile',
      code_challenge_method: 'S256',
    });
    expect(query.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(query.nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(query.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The verifier itself never leaves the page before the token request.
    const pending = JSON.parse(cognito.storage.getItem(PENDING_KEY)!) as { verifier: string };
    expect(cognito.navigations[0]).not.toContain(pending.verifier);
    expect(await codeChallenge(pending.verifier)).toBe(query.code_challenge);
  });

  it('exchanges the code with the verifier, keeps the tokens in memory and returns to the page asked for', async () => {
    const cognito = fakeCognito();
    await cognito.auth.signIn('/app/appointments');
    const returnTo = await cognito.auth.completeSignIn(cognito.callback());
    expect(returnTo).toBe('/app/appointments');
    expect(cognito.auth.claims).toMatchObject({ role: 'patient', token_use: 'access' });
    const exchange = cognito.requests.find((r) => r.path === '/oauth2/token')!;
    expect(Object.fromEntries(exchange.form)).toMatchObject({
      grant_type: 'authorization_code',
      client_id: CONFIG.clientId,
      code: 'code-1',
      redirect_uri: CONFIG.redirectUri,
    });
  });

  it('writes no token to storage, and clears the pending sign-in as soon as the callback reads it', async () => {
    const cognito = fakeCognito();
    await cognito.auth.signIn('/app/');
    await cognito.auth.completeSignIn(cognito.callback());
    await cognito.auth.refresh();
    expect(cognito.storage.items.size).toBe(0);
    expect(cognito.storage.written).toHaveLength(1);
    const written = cognito.storage.written.join('\n');
    expect(written).not.toContain(cognito.auth.accessToken!);
    expect(written).not.toMatch(/refresh-|eyJ/);
    expect(Object.keys(JSON.parse(cognito.storage.written[0]!.slice(PENDING_KEY.length + 1)) as object).sort()).toEqual(
      ['nonce', 'returnTo', 'startedAt', 'state', 'verifier'],
    );
  });

  it('refuses an answer whose state is not the one this tab sent, without exchanging the code', async () => {
    const cognito = fakeCognito();
    await cognito.auth.signIn('/app/');
    await expect(cognito.auth.completeSignIn(cognito.callback({ state: 'forged' }))).rejects.toMatchObject({
      reason: 'state-mismatch',
    });
    expect(cognito.requests).toEqual([]);
    expect(cognito.auth.accessToken).toBeUndefined();
    expect(cognito.storage.items.size).toBe(0);
  });

  it('refuses a callback no sign-in of this tab started, or one started too long ago', async () => {
    const fresh = fakeCognito();
    await expect(fresh.auth.completeSignIn(new URL(`${CONFIG.redirectUri}?code=x&state=y`))).rejects.toBeInstanceOf(
      SignInError,
    );
    const stale = fakeCognito();
    await stale.auth.signIn('/app/');
    stale.advance(11 * 60_000);
    await expect(stale.auth.completeSignIn(stale.callback())).rejects.toMatchObject({ reason: 'no-sign-in-pending' });
    expect(stale.requests).toEqual([]);
  });

  it('refuses an ID token whose nonce is not the one this sign-in sent', async () => {
    const cognito = fakeCognito({ nonce: 'someone-elses' });
    await cognito.auth.signIn('/app/');
    await expect(cognito.auth.completeSignIn(cognito.callback())).rejects.toMatchObject({ reason: 'bad-token' });
    expect(cognito.auth.accessToken).toBeUndefined();
  });

  it('refuses an ID token issued to another app client', async () => {
    const cognito = fakeCognito({ audience: 'another-client' });
    await cognito.auth.signIn('/app/');
    await expect(cognito.auth.completeSignIn(cognito.callback())).rejects.toMatchObject({ reason: 'bad-token' });
    expect(cognito.auth.accessToken).toBeUndefined();
  });

  it('reports a sign-in Cognito refused (error in the callback) without calling the token endpoint', async () => {
    const cognito = fakeCognito();
    await cognito.auth.signIn('/app/');
    const callback = cognito.callback({ error: 'access_denied' });
    callback.searchParams.delete('code');
    await expect(cognito.auth.completeSignIn(callback)).rejects.toMatchObject({ reason: 'refused' });
    expect(cognito.requests).toEqual([]);
  });

  it('fails the exchange when the verifier does not match the challenge (the fake Cognito checks S256)', async () => {
    const cognito = fakeCognito();
    await cognito.auth.signIn('/app/');
    const pending = JSON.parse(cognito.storage.getItem(PENDING_KEY)!) as Record<string, unknown>;
    cognito.storage.setItem(PENDING_KEY, JSON.stringify({ ...pending, verifier: 'x'.repeat(43) }));
    await expect(cognito.auth.completeSignIn(cognito.callback())).rejects.toMatchObject({ reason: 'refused' });
  });
});

describe('keeping the sign-in while the page lives', () => {
  it('schedules a refresh five minutes before the access token expires, and swaps in the new token', async () => {
    const cognito = fakeCognito();
    const seen: (string | undefined)[] = [];
    cognito.auth.onTokens = (tokens) => seen.push(tokens?.accessToken);
    await cognito.auth.signIn('/app/');
    await cognito.auth.completeSignIn(cognito.callback());
    const first = cognito.auth.accessToken;
    expect(cognito.timers).toHaveLength(1);
    expect(cognito.timers[0]!.ms).toBe(HOUR - REFRESH_MARGIN_MS);

    cognito.advance(HOUR - REFRESH_MARGIN_MS);
    cognito.timers[0]!.run();
    await expect.poll(() => cognito.auth.accessToken).not.toBe(first);
    const refresh = cognito.requests.find((r) => r.form.get('grant_type') === 'refresh_token')!;
    expect(Object.fromEntries(refresh.form)).toEqual({
      grant_type: 'refresh_token',
      client_id: CONFIG.clientId,
      refresh_token: 'refresh-1',
    });
    // The next refresh is scheduled for the new token, with the refresh token Cognito did not replace.
    expect(cognito.timers).toHaveLength(2);
    expect(cognito.timers[1]!.ms).toBe(HOUR - REFRESH_MARGIN_MS);
    expect(seen).toEqual([first, cognito.auth.accessToken]);
    cognito.timers[1]!.run();
    await expect.poll(() => cognito.requests.filter((r) => r.path === '/oauth2/token')).toHaveLength(3);
    expect(cognito.requests.at(-1)!.form.get('refresh_token')).toBe('refresh-1');
  });

  it('refreshes at once when the page wakes after its scheduled refresh was held back, and not before', async () => {
    const cognito = fakeCognito();
    await cognito.auth.signIn('/app/');
    await cognito.auth.completeSignIn(cognito.callback());
    const first = cognito.auth.accessToken;
    cognito.advance(10 * 60_000);
    await cognito.auth.refreshIfDue();
    expect(cognito.auth.accessToken).toBe(first);
    cognito.advance(HOUR);
    await cognito.auth.refreshIfDue();
    expect(cognito.auth.accessToken).not.toBe(first);
  });

  it('tries again shortly when Cognito cannot be reached, and gives up quietly when it refuses', async () => {
    const unreachable = fakeCognito({ refreshAnswer: 'unreachable' });
    await unreachable.auth.signIn('/app/');
    await unreachable.auth.completeSignIn(unreachable.callback());
    await unreachable.auth.refresh();
    expect(unreachable.timers.at(-1)!.ms).toBe(REFRESH_RETRY_MS);
    expect(unreachable.auth.accessToken).toBeDefined();

    const refused = fakeCognito({ refreshAnswer: 'refused' });
    await refused.auth.signIn('/app/');
    await refused.auth.completeSignIn(refused.callback());
    await refused.auth.refresh();
    expect(refused.timers).toHaveLength(1);
    expect(refused.auth.accessToken).toBeDefined();
  });

  it('signs out: forgets the tokens, stops refreshing, revokes the refresh token and ends the Cognito session', async () => {
    const cognito = fakeCognito();
    const seen: (string | undefined)[] = [];
    await cognito.auth.signIn('/app/');
    await cognito.auth.completeSignIn(cognito.callback());
    cognito.auth.onTokens = (tokens) => seen.push(tokens?.accessToken);
    await cognito.auth.signOut();
    expect(cognito.auth.accessToken).toBeUndefined();
    expect(seen).toEqual([undefined]);
    expect(cognito.timers[0]!.cleared).toBe(true);
    const revoke = cognito.requests.find((r) => r.path === '/oauth2/revoke')!;
    expect(Object.fromEntries(revoke.form)).toEqual({ token: 'refresh-1', client_id: CONFIG.clientId });
    const logout = new URL(cognito.navigations.at(-1)!);
    expect(`${logout.origin}${logout.pathname}`).toBe(`${CONFIG.authUrl}/logout`);
    expect(Object.fromEntries(logout.searchParams)).toEqual({
      client_id: CONFIG.clientId,
      logout_uri: CONFIG.signedOutUri,
    });
  });
});
