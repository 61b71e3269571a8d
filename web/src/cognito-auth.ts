/**
 * Signing in through Cognito's sign-in pages with the authorization code flow and PKCE
 * (RFC 7636, S256), as a public client: no secret, so the code verifier is what proves that the
 * page exchanging a code is the page that asked for it.
 *
 * Tokens live in this object's memory only, never in Web Storage or a cookie: a script injected
 * into the page later could read storage, and a reload signing in again through Cognito's own
 * session (one redirect, no password while that session lasts) costs little. The one thing kept
 * in sessionStorage is the pending sign-in (state, nonce, code verifier, where to return) across
 * the redirect to Cognito and back; it is removed as soon as the callback reads it, before the
 * code is exchanged, and it is useless without a code Cognito sends only to the registered
 * callback URL.
 *
 * About 150 lines on WebCrypto rather than a library: oidc-client-ts or similar would add tens of
 * kilobytes to the patient home's first load for the same three requests.
 */

export interface CognitoAuthConfig {
  /** Cognito's sign-in domain, e.g. https://prefix.auth.eu-west-2.amazoncognito.com */
  authUrl: string;
  clientId: string;
  /** The user pool's issuer, https://cognito-idp.<region>.amazonaws.com/<user pool id> */
  issuer: string;
  /** Where Cognito sends the code: one of the app client's callback URLs. */
  redirectUri: string;
  /** Where Cognito sends the browser after signing out: one of its logout URLs. */
  signedOutUri: string;
}

export interface Tokens {
  accessToken: string;
  idToken: string;
  refreshToken?: string;
  /** When the access token expires (ms since the epoch). */
  expiresAt: number;
}

/** The few browser facilities this needs, passed in so tests can use fakes. */
export interface AuthEnvironment {
  fetch: (input: string, init: { method: string; headers: Record<string, string>; body: string }) => Promise<Response>;
  /** sessionStorage: holds the pending sign-in across the redirect, and nothing else. */
  storage: PendingStore;
  /** Leaves the page for Cognito (location.assign). */
  navigate: (url: string) => void;
  now: () => number;
  setTimer: (run: () => void, ms: number) => unknown;
  clearTimer: (timer: unknown) => void;
}

/** The part of the DOM's Storage used here (declared, so this module also typechecks outside a browser). */
export interface PendingStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export type SignInFailure = 'no-sign-in-pending' | 'state-mismatch' | 'refused' | 'token-exchange' | 'bad-token';

export class SignInError extends Error {
  constructor(
    readonly reason: SignInFailure,
    message: string,
  ) {
    super(message);
    this.name = 'SignInError';
  }
}

export const PENDING_KEY = 'patient-online.pending-sign-in';
const SCOPES = 'openid email profile';
/** Refresh this long before the access token expires (or halfway, for a shorter token). */
export const REFRESH_MARGIN_MS = 5 * 60_000;
/** After a refresh that could not reach Cognito, try again this much later (while still valid). */
export const REFRESH_RETRY_MS = 30_000;
/** A sign-in left pending longer than this (a tab abandoned on Cognito's page) is not completed. */
const PENDING_MAX_AGE_MS = 10 * 60_000;

interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
  startedAt: number;
}

export function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A random value of 32 bytes, base64url: 43 characters, within PKCE's 43..128 for a verifier. */
export function randomToken(): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

/** The S256 code challenge of a verifier: BASE64URL(SHA-256(ASCII(verifier))). */
export async function codeChallenge(verifier: string): Promise<string> {
  return base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

/**
 * A JWT's claims, without checking its signature. Enough here: the tokens come straight from
 * Cognito's token endpoint over TLS (OpenID Connect Core 3.1.3.7 lets a client rely on that),
 * and the API verifies every access token it is sent; the page only reads who signed in.
 */
export function jwtClaims(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (!part) throw new SignInError('bad-token', 'not a JWT');
  const binary = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

export class CognitoAuth {
  private tokens: Tokens | undefined;
  private timer: unknown;
  /** Told of every new set of tokens (after sign-in and each refresh), and of sign-out (undefined). */
  onTokens: (tokens: Tokens | undefined) => void = () => undefined;

  constructor(
    private readonly config: CognitoAuthConfig,
    private readonly env: AuthEnvironment,
  ) {}

  get accessToken(): string | undefined {
    return this.tokens?.accessToken;
  }

  /** The access token's claims (role, practice, nhs_number), for showing who is signed in. */
  get claims(): Record<string, unknown> | undefined {
    return this.tokens && jwtClaims(this.tokens.accessToken);
  }

  /** Leaves for Cognito's sign-in page; it comes back to the callback URL with a code. */
  async signIn(returnTo: string): Promise<void> {
    const pending: PendingSignIn = {
      state: randomToken(),
      nonce: randomToken(),
      verifier: randomToken(),
      returnTo,
      startedAt: this.env.now(),
    };
    this.env.storage.setItem(PENDING_KEY, JSON.stringify(pending));
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: this.config.clientId,
      redirect_uri: this.config.redirectUri,
      scope: SCOPES,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await codeChallenge(pending.verifier),
      code_challenge_method: 'S256',
    });
    this.env.navigate(`${this.config.authUrl}/oauth2/authorize?${query}`);
  }

  /**
   * Completes a sign-in at the callback URL: checks the state, exchanges the code with the
   * verifier, checks the ID token's nonce, issuer and audience. Returns where to go next.
   */
  async completeSignIn(callback: URL): Promise<string> {
    const stored = this.env.storage.getItem(PENDING_KEY);
    this.env.storage.removeItem(PENDING_KEY);
    const pending = stored ? (JSON.parse(stored) as PendingSignIn) : undefined;
    if (!pending || this.env.now() - pending.startedAt > PENDING_MAX_AGE_MS)
      throw new SignInError('no-sign-in-pending', 'no sign-in was started from this tab');
    const params = callback.searchParams;
    if (params.get('state') !== pending.state)
      throw new SignInError('state-mismatch', 'the answer is not for the sign-in this tab started');
    const code = params.get('code');
    if (!code) throw new SignInError('refused', params.get('error') ?? 'no authorization code');
    const tokens = await this.tokenRequest({
      grant_type: 'authorization_code',
      client_id: this.config.clientId,
      code,
      redirect_uri: this.config.redirectUri,
      code_verifier: pending.verifier,
    });
    if (jwtClaims(tokens.idToken).nonce !== pending.nonce)
      throw new SignInError('bad-token', 'the ID token is not for this sign-in (nonce)');
    this.accept(tokens);
    return pending.returnTo;
  }

  /** Swaps the refresh token for a new access token; scheduled before each one expires. */
  async refresh(): Promise<void> {
    const refreshToken = this.tokens?.refreshToken;
    if (!refreshToken) return;
    try {
      const tokens = await this.tokenRequest({
        grant_type: 'refresh_token',
        client_id: this.config.clientId,
        refresh_token: refreshToken,
      });
      // Cognito returns a new refresh token only when rotation is on; otherwise keep the one we have.
      if (this.tokens) this.accept({ ...tokens, refreshToken: tokens.refreshToken ?? refreshToken });
    } catch (error) {
      // Cognito unreachable: try again while the access token is still valid. Refused (the refresh
      // token expired or was revoked): the access token runs out, the API answers 401 and the
      // page signs in again.
      const unreachable = error instanceof SignInError && error.reason === 'token-exchange';
      if (unreachable && this.tokens && this.tokens.expiresAt - this.env.now() > REFRESH_RETRY_MS)
        this.schedule(REFRESH_RETRY_MS);
    }
  }

  /**
   * Refreshes now if the scheduled refresh is overdue: browsers hold back timers in a hidden tab
   * or a sleeping laptop, so the page calls this when it is shown again.
   */
  async refreshIfDue(): Promise<void> {
    if (this.tokens && this.env.now() >= this.tokens.expiresAt - REFRESH_MARGIN_MS) await this.refresh();
  }

  /** Forgets the tokens, revokes the refresh token and ends Cognito's session (its logout endpoint). */
  async signOut(): Promise<void> {
    const refreshToken = this.tokens?.refreshToken;
    this.forget();
    if (refreshToken) {
      await this.post('/oauth2/revoke', { token: refreshToken, client_id: this.config.clientId }).catch(
        () => undefined,
      );
    }
    const query = new URLSearchParams({ client_id: this.config.clientId, logout_uri: this.config.signedOutUri });
    this.env.navigate(`${this.config.authUrl}/logout?${query}`);
  }

  private forget(): void {
    if (this.timer !== undefined) this.env.clearTimer(this.timer);
    this.timer = undefined;
    this.tokens = undefined;
    this.onTokens(undefined);
  }

  /** Keeps tokens whose ID token is from this user pool for this app (the API checks the access token). */
  private accept(tokens: Tokens): void {
    const id = jwtClaims(tokens.idToken);
    if (id.iss !== this.config.issuer || id.aud !== this.config.clientId || id.token_use !== 'id')
      throw new SignInError('bad-token', 'the ID token is not from this user pool for this app');
    this.tokens = tokens;
    const lifetime = tokens.expiresAt - this.env.now();
    this.schedule(Math.max(lifetime - REFRESH_MARGIN_MS, lifetime / 2));
    this.onTokens(tokens);
  }

  private schedule(ms: number): void {
    if (this.timer !== undefined) this.env.clearTimer(this.timer);
    this.timer = this.env.setTimer(() => void this.refresh(), ms);
  }

  private async tokenRequest(form: Record<string, string>): Promise<Tokens> {
    let response: Response;
    try {
      response = await this.post('/oauth2/token', form);
    } catch {
      throw new SignInError('token-exchange', 'Cognito could not be reached');
    }
    const body = (await response.json().catch(() => ({}))) as {
      access_token?: string;
      id_token?: string;
      refresh_token?: string;
      expires_in?: number;
      error?: string;
    };
    if (!response.ok || !body.access_token || !body.id_token || !body.expires_in)
      throw new SignInError('refused', body.error ?? `the token endpoint answered ${response.status}`);
    return {
      accessToken: body.access_token,
      idToken: body.id_token,
      ...(body.refresh_token ? { refreshToken: body.refresh_token } : {}),
      expiresAt: this.env.now() + body.expires_in * 1000,
    };
  }

  private post(path: string, form: Record<string, string>): Promise<Response> {
    return this.env.fetch(`${this.config.authUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  }
}
