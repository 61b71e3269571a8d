import { describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/routes.ts';
import { buildEvent, clfTime, eventHeaders, parseQuery, type IncomingRequest } from '../../local/event.ts';
import { createRouter, type RouteMatch } from '../../local/routing.ts';

const router = createRouter(ROUTES);
const NOW = new Date('2026-11-26T09:05:07.123Z');

function request(overrides: Partial<IncomingRequest> = {}): IncomingRequest {
  return {
    method: 'GET',
    target: '/health',
    headers: { host: ['127.0.0.1:3000'], 'user-agent': ['curl/8.5.0'] },
    body: undefined,
    sourceIp: '127.0.0.1',
    protocol: 'HTTP/1.1',
    ...overrides,
  };
}

function matched(method: string, path: string): RouteMatch {
  const match = router.match(method, path);
  if (!match) throw new Error(`no route for ${method} ${path}`);
  return match;
}

describe('local mode routing', () => {
  it('matches a parameterised path and gives the API Gateway route key', () => {
    const match = matched('POST', '/appointments/apt-1/cancel');
    expect(match.route.operationId).toBe('cancelAppointment');
    expect(match.pathParameters).toEqual({ id: 'apt-1' });
  });

  it('URL-decodes path parameters', () => {
    expect(matched('GET', '/appointments/a%20b%2Fc').pathParameters).toEqual({ id: 'a b/c' });
  });

  it('keeps a malformed escape as sent rather than failing', () => {
    expect(matched('GET', '/appointments/100%').pathParameters).toEqual({ id: '100%' });
  });

  it('finds nothing for an unknown path or a known path with another method', () => {
    expect(router.match('GET', '/nowhere')).toBeUndefined();
    expect(router.match('DELETE', '/health')).toBeUndefined();
    expect(router.match('GET', '/health/')).toBeUndefined();
  });

  it('serves the local-only routes too', () => {
    expect(matched('POST', '/dev/token').route.localOnly).toBe(true);
  });
});

describe('local mode HTTP API v2.0 events', () => {
  it('carries the route key, raw path and query, and the request context', () => {
    const event = buildEvent(
      request({ method: 'POST', target: '/appointments/apt%2F1/cancel?x=1&y=two%20words' }),
      matched('POST', '/appointments/apt%2F1/cancel'),
      undefined,
      NOW,
      'req-1',
    );
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /appointments/{id}/cancel',
      rawPath: '/appointments/apt%2F1/cancel',
      rawQueryString: 'x=1&y=two%20words',
      queryStringParameters: { x: '1', y: 'two words' },
      pathParameters: { id: 'apt/1' },
      isBase64Encoded: false,
      requestContext: {
        domainName: '127.0.0.1',
        domainPrefix: '127',
        http: {
          method: 'POST',
          path: '/appointments/apt%2F1/cancel',
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
          userAgent: 'curl/8.5.0',
        },
        requestId: 'req-1',
        routeKey: 'POST /appointments/{id}/cancel',
        stage: '$default',
        time: '26/Nov/2026:09:05:07 +0000',
        timeEpoch: NOW.getTime(),
      },
    });
  });

  it('leaves out the optional fields API Gateway omits when empty', () => {
    const event = buildEvent(request(), matched('GET', '/health'), undefined, NOW);
    expect(event.rawQueryString).toBe('');
    for (const field of ['queryStringParameters', 'pathParameters', 'body', 'cookies'] as const) {
      expect(event).not.toHaveProperty(field);
    }
    expect(event.requestContext).not.toHaveProperty('authorizer');
  });

  it('passes the body through as a string', () => {
    const event = buildEvent(
      request({ method: 'POST', target: '/dev/token', body: '{"role":"staff"}' }),
      matched('POST', '/dev/token'),
      undefined,
      NOW,
    );
    expect(event.body).toBe('{"role":"staff"}');
  });

  it('puts the JWT authorizer claims where the HTTP API does', () => {
    const jwt = { claims: { sub: 's', role: 'staff', practice: 'A99001', exp: '1800000000' }, scopes: null };
    const event = buildEvent(request({ target: '/me' }), matched('GET', '/me'), { jwt }, NOW);
    expect(event.requestContext.authorizer).toEqual({ jwt });
  });
});

describe('local mode headers and query strings', () => {
  it('lower-cases header names and joins repeated values with commas', () => {
    const { headers } = eventHeaders({ 'X-Trace': ['a', 'b'], 'x-trace': ['c'], Accept: ['application/json'] });
    expect(headers).toEqual({ 'x-trace': 'a,b,c', accept: 'application/json' });
  });

  it('moves cookies out of the headers into the cookies array', () => {
    const { headers, cookies } = eventHeaders({ cookie: ['a=1; b=2', 'c=3'], host: ['h'] });
    expect(cookies).toEqual(['a=1', 'b=2', 'c=3']);
    expect(headers).toEqual({ host: 'h' });
  });

  it('decodes query parameters and joins a repeated name with commas', () => {
    expect(parseQuery('type=GP&type=Nurse&from=2026-12-01T09%3A00%3A00%2B01%3A00')).toEqual({
      type: 'GP,Nurse',
      from: '2026-12-01T09:00:00+01:00',
    });
    expect(parseQuery('')).toBeUndefined();
  });

  it('formats requestContext.time in Common Log Format (UTC)', () => {
    expect(clfTime(new Date('2026-03-01T00:00:09Z'))).toBe('01/Mar/2026:00:00:09 +0000');
  });
});
