/**
 * What the page reads before anything else, from `/app/config.json` next to it: local mode serves
 * one, and the deployed stack writes one beside the app. The same code path runs in both; only
 * `signIn` decides which sign-in the person sees.
 */
export type RuntimeConfig = LocalRuntimeConfig | CognitoRuntimeConfig;

/** Local mode: the local sign-in screen and `POST /dev/token`, the API on the page's own origin. */
export interface LocalRuntimeConfig {
  signIn: 'local';
  /** ODS codes served, the first pre-filled on the sign-in screen. */
  practices: string[];
}

/** Deployed: Cognito's sign-in pages (authorization code + PKCE), the API on its own origin. */
export interface CognitoRuntimeConfig {
  signIn: 'cognito';
  /** The HTTP API's base URL, e.g. https://abc123.execute-api.eu-west-2.amazonaws.com/ */
  apiUrl: string;
  region: string;
  userPoolId: string;
  /** The public app client (no secret): PKCE protects its authorization codes. */
  clientId: string;
  /** Cognito's sign-in domain, e.g. https://prefix.auth.eu-west-2.amazoncognito.com */
  authUrl: string;
}

let loaded: Promise<RuntimeConfig> | undefined;

/** The runtime config, fetched once per page. */
export function runtimeConfig(): Promise<RuntimeConfig> {
  loaded ??= fetch('/app/config.json').then(async (response) => {
    if (!response.ok) throw new Error(`/app/config.json answered ${response.status}`);
    return (await response.json()) as RuntimeConfig;
  });
  return loaded;
}
