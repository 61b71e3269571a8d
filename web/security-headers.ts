/**
 * The web app's Content-Security-Policy, one definition for local mode (which sends it itself) and
 * the deployed CloudFront response-headers policy. Scripts and styles only from the app's own
 * origin (no inline script or style, no eval), never framed, no plugins, no <base> rewriting.
 * `connect` lists the origins the page may call besides its own: none locally (the API is on the
 * same origin); deployed, the API and Cognito's sign-in domain.
 */
export function contentSecurityPolicy(connect: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    ["connect-src 'self'", ...connect].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers sent with every file of the app besides the CSP, locally and deployed. */
export const REFERRER_POLICY = 'no-referrer';
export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=()';
export const CROSS_ORIGIN_OPENER_POLICY = 'same-origin';
