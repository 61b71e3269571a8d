import type { IncomingRequest } from './event.ts';
import type { Gateway, GatewayResponse } from './gateway.ts';
import type { WebBundle } from '../web/build.ts';
import type { LocalRuntimeConfig } from '../web/src/runtime-config.ts';
import {
  contentSecurityPolicy,
  CROSS_ORIGIN_OPENER_POLICY,
  PERMISSIONS_POLICY,
  REFERRER_POLICY,
} from '../web/security-headers.ts';

/** Where the web app lives on local mode's origin; the API keeps the root. */
export const APP_PREFIX = '/app';

/**
 * The app's security headers, the same the deployed CloudFront response-headers policy sends:
 * scripts and styles only from this origin (no inline script), never framed, no MIME sniffing.
 */
export const WEB_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': contentSecurityPolicy(),
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': REFERRER_POLICY,
  'cross-origin-opener-policy': CROSS_ORIGIN_OPENER_POLICY,
  'permissions-policy': PERMISSIONS_POLICY,
};

/** What the browser reads before it signs anyone in (deployed, the stack writes its own beside the app). */
export type WebRuntimeConfig = LocalRuntimeConfig;

/**
 * Local mode's gateway with the web app in front: GET/HEAD under /app/ answers a built file, or
 * the page for any other path (a deep link), or the runtime config; everything else is the API.
 */
export function withWebApp(gateway: Gateway, bundle: WebBundle, config: WebRuntimeConfig): Gateway {
  const configBody = Buffer.from(JSON.stringify(config));
  return {
    handle(request: IncomingRequest): Promise<GatewayResponse> {
      const path = request.target.split('?', 1)[0] ?? '/';
      if (path !== APP_PREFIX && !path.startsWith(`${APP_PREFIX}/`)) return gateway.handle(request);
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return Promise.resolve(
          answer(405, 'text/plain; charset=utf-8', Buffer.from('Method Not Allowed'), { allow: 'GET, HEAD' }),
        );
      }
      if (path === APP_PREFIX)
        return Promise.resolve(
          answer(308, 'text/plain; charset=utf-8', Buffer.alloc(0), { location: `${APP_PREFIX}/` }),
        );
      const name = path.slice(APP_PREFIX.length + 1);
      if (name === 'config.json') return Promise.resolve(answer(200, 'application/json', configBody, NO_CACHE));
      const file = bundle.get(name);
      if (file) return Promise.resolve(answer(200, file.contentType, file.body, name === 'index.html' ? NO_CACHE : {}));
      // A missing asset is a 404; any other path is a screen of the app, which the page routes itself.
      if (/\.[a-z0-9]+$/i.test(name))
        return Promise.resolve(answer(404, 'text/plain; charset=utf-8', Buffer.from('Not Found')));
      const page = bundle.get('index.html');
      if (!page) return Promise.resolve(answer(404, 'text/plain; charset=utf-8', Buffer.from('Not Found')));
      return Promise.resolve(answer(200, page.contentType, page.body, NO_CACHE));
    },
  };
}

const NO_CACHE = { 'cache-control': 'no-cache' };

function answer(
  statusCode: number,
  contentType: string,
  body: Buffer,
  headers: Record<string, string> = {},
): GatewayResponse {
  return {
    statusCode,
    headers: { 'content-type': contentType, ...WEB_SECURITY_HEADERS, ...headers },
    cookies: [],
    body,
  };
}
