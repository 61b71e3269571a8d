import { createHash, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CognitoRuntimeConfig } from '../../web/src/runtime-config.ts';
import { axeViolations, launchBrowser, screenshots } from '../support/browser.ts';
import { startTestApi, type TestApi } from '../support/local-api.ts';

/**
 * The deployed sign-in in a real browser: the page is told (by its runtime config) to sign in
 * through Cognito, and a fake Cognito answers as a live Cognito session would: its authorize
 * endpoint redirects straight back with a code, its token endpoint checks the PKCE verifier and
 * hands out a real local-mode access token, so the app then talks to local mode's API as it
 * would to the deployed one.
 */

const CLIENT_ID = 'web-client';
const REGION = 'eu-west-2';
const USER_POOL_ID = 'eu-west-2_Test';
const PATIENT = { role: 'patient', practice: 'A99001', nhs_number: '9990000018' } as const;

interface FakeCognito {
  url: string;
  authorizations: URLSearchParams[];
  exchanges: URLSearchParams[];
  revoked: string[];
  logouts: URLSearchParams[];
  accessTokens: string[];
  close(): Promise<void>;
}

const base64Url = (value: string) => Buffer.from(value).toString('base64url');
const unsignedJwt = (claims: object) => `${base64Url('{"alg":"none"}')}.${base64Url(JSON.stringify(claims))}.x`;

async function startFakeCognito(api: TestApi): Promise<FakeCognito> {
  const codes = new Map<string, { challenge: string; nonce: string; redirectUri: string }>();
  const fake: Omit<FakeCognito, 'url' | 'close'> = {
    authorizations: [],
    exchanges: [],
    revoked: [],
    logouts: [],
    accessTokens: [],
  };
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      void (async () => {
        if (url.pathname === '/oauth2/authorize') {
          fake.authorizations.push(url.searchParams);
          const code = randomUUID();
          codes.set(code, {
            challenge: url.searchParams.get('code_challenge') ?? '',
            nonce: url.searchParams.get('nonce') ?? '',
            redirectUri: url.searchParams.get('redirect_uri') ?? '',
          });
          const back = new URL(url.searchParams.get('redirect_uri') ?? '');
          back.searchParams.set('code', code);
          back.searchParams.set('state', url.searchParams.get('state') ?? '');
          response.writeHead(302, { location: back.toString() }).end();
          return;
        }
        if (url.pathname === '/logout') {
          fake.logouts.push(url.searchParams);
          response.writeHead(302, { location: url.searchParams.get('logout_uri') ?? '/' }).end();
          return;
        }
        // Cognito's token and revoke endpoints answer browsers cross-origin.
        const cors = { 'access-control-allow-origin': '*', 'content-type': 'application/json' };
        const form = new URLSearchParams(body);
        if (url.pathname === '/oauth2/revoke') {
          fake.revoked.push(form.get('token') ?? '');
          response.writeHead(200, cors).end('{}');
          return;
        }
        if (url.pathname === '/oauth2/token' && form.get('grant_type') === 'authorization_code') {
          fake.exchanges.push(form);
          const issued = codes.get(form.get('code') ?? '');
          codes.delete(form.get('code') ?? '');
          const verifier = form.get('code_verifier') ?? '';
          const challenge = createHash('sha256').update(verifier).digest('base64url');
          if (!issued || issued.challenge !== challenge || issued.redirectUri !== form.get('redirect_uri')) {
            response.writeHead(400, cors).end('{"error":"invalid_grant"}');
            return;
          }
          const accessToken = await api.tokenFor({
            role: PATIENT.role,
            practice: PATIENT.practice,
            nhsNumber: PATIENT.nhs_number,
          });
          fake.accessTokens.push(accessToken);
          const now = Math.floor(Date.now() / 1000);
          const idToken = unsignedJwt({
            iss: `https://cognito-idp.${REGION}.amazonaws.com/${USER_POOL_ID}`,
            aud: CLIENT_ID,
            token_use: 'id',
            nonce: issued.nonce,
            sub: 'cognito-user-1',
            exp: now + 3600,
          });
          response.writeHead(200, cors).end(
            JSON.stringify({
              access_token: accessToken,
              id_token: idToken,
              refresh_token: `refresh-${randomUUID()}`,
              expires_in: 3600,
              token_type: 'Bearer',
            }),
          );
          return;
        }
        response.writeHead(404, cors).end('{"error":"not_found"}');
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...fake,
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let api: TestApi;
let browser: Browser;
let cognito: FakeCognito;
const problems: string[] = [];

beforeAll(async () => {
  [api, browser] = await Promise.all([startTestApi({ seed: true }), launchBrowser()]);
  cognito = await startFakeCognito(api);
});

afterAll(async () => {
  await browser?.close();
  await cognito?.close();
  await api?.stop();
});

/**
 * A browser session whose runtime config names Cognito. Local mode's CSP allows only its own
 * origin, and the fake Cognito has another, so this context bypasses the CSP (the deployed CSP is
 * checked by the infra tests).
 */
async function openDeployedApp(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
  const config: CognitoRuntimeConfig = {
    signIn: 'cognito',
    apiUrl: `${api.url}/`,
    region: REGION,
    userPoolId: USER_POOL_ID,
    clientId: CLIENT_ID,
    authUrl: cognito.url,
  };
  await context.route('**/app/config.json', (route) => route.fulfill({ json: config }));
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  return page;
}

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

/** Everything the page keeps beyond its memory: Web Storage and cookies. */
const storedByPage = (page: Page) =>
  page.evaluate<string>('JSON.stringify([{ ...sessionStorage }, { ...localStorage }, document.cookie])');

describe('signing in when deployed (Cognito, authorization code + PKCE)', () => {
  it('signs in through Cognito and opens the page first asked for, keeping no token in storage', async () => {
    const page = await openDeployedApp();
    await page.goto(`${api.url}/app/appointments`);
    await expect.poll(() => heading(page, 'Your appointments').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/app/appointments');

    const [authorize] = cognito.authorizations;
    expect(Object.fromEntries(authorize!)).toMatchObject({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: `${api.url}/app/callback`,
      scope: 'openid email profile',
      code_challenge_method: 'S256',
    });
    expect(cognito.exchanges).toHaveLength(1);
    expect(cognito.accessTokens).toHaveLength(1);
    const stored = await storedByPage(page);
    expect(stored).toBe('[{},{},""]');
    expect(stored).not.toContain(cognito.accessTokens[0]);

    // Back does not return to the spent callback URL.
    await page.goBack();
    expect(new URL(page.url()).pathname).not.toBe('/app/callback');
  });

  it('signs in again through Cognito’s session on a reload (a redirect, no password), on the same page', async () => {
    const page = await openDeployedApp();
    await page.goto(`${api.url}/app/prescriptions`);
    await expect.poll(() => heading(page, /prescriptions/i).isVisible(), { timeout: 15_000 }).toBe(true);
    const before = cognito.authorizations.length;
    await page.reload();
    await expect.poll(() => heading(page, /prescriptions/i).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(cognito.authorizations.length).toBe(before + 1);
    expect(new URL(page.url()).pathname).toBe('/app/prescriptions');
  });

  it('signs out: revokes the refresh token, ends the Cognito session and says so; signing in starts again', async () => {
    const page = await openDeployedApp();
    await page.goto(`${api.url}/app/`);
    await expect.poll(() => heading(page, /^Hello,/).isVisible(), { timeout: 15_000 }).toBe(true);
    const revokedBefore = cognito.revoked.length;
    await page.getByRole('link', { name: 'Sign out' }).click();
    await expect.poll(() => heading(page, 'You have signed out').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(cognito.revoked.length).toBe(revokedBefore + 1);
    expect(Object.fromEntries(cognito.logouts.at(-1)!)).toEqual({
      client_id: CLIENT_ID,
      logout_uri: `${api.url}/app/signed-out`,
    });
    expect(await axeViolations(page)).toEqual([]);
    await screenshots(page, 'deployed-signed-out');

    const before = cognito.authorizations.length;
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => heading(page, /^Hello,/).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(cognito.authorizations.length).toBe(before + 1);
  });

  it('refuses a callback this tab did not start, and offers to sign in again', async () => {
    const page = await openDeployedApp();
    await page.goto(`${api.url}/app/callback?code=stolen&state=forged`);
    await expect.poll(() => heading(page, 'You could not be signed in').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(cognito.exchanges.some((form) => form.get('code') === 'stolen')).toBe(false);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('raised no script errors and no console errors', () => {
    expect(problems).toEqual([]);
  });
});
