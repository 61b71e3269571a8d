import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/routes.ts';
import { buildOpenApi } from '../../functions/http/openapi.ts';
import { useUnitEnv } from '../support/unit-env.ts';

useUnitEnv();

interface LoadedHandler {
  routeSpec?: { access: string; body?: unknown; query?: unknown; params?: unknown; actingFor?: unknown };
}

describe('the route table', () => {
  it('has one entry per method and path', () => {
    const keys = ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(ROUTES.map((r) => r.operationId)).size).toBe(ROUTES.length);
  });

  it.each(ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s: its handler declares the same access and schemas',
    async (_name, route) => {
      const mod = (await import(`../../functions/${route.entry}`)) as { handler: LoadedHandler };
      const spec = mod.handler.routeSpec;
      expect(spec, `${route.entry} must export a handler built by httpRoute`).toBeDefined();
      expect(spec!.access).toBe(route.access);
      expect(spec!.body).toBe(route.request?.body);
      expect(spec!.query).toBe(route.request?.query);
      expect(spec!.params).toBe(route.request?.params);
      expect(spec!.actingFor ?? false, 'its answer to Acting-For').toBe(route.actingFor ?? false);
    },
  );

  it('documents Idempotency-Key on every route that changes state for a signed-in caller, and on no other', () => {
    const doc = buildOpenApi(ROUTES, { includeLocalOnly: true });
    for (const route of ROUTES) {
      const operation = (doc.paths[route.path] as Record<string, { parameters?: { name: string }[] }>)[
        route.method.toLowerCase()
      ]!;
      const documented = (operation.parameters ?? []).some((p) => p.name === 'Idempotency-Key');
      expect(documented, `${route.method} ${route.path}`).toBe(route.access !== 'public' && route.method !== 'GET');
    }
  });

  it('generates OpenAPI 3.1 for every deployed route, and /dev/token only in local mode', () => {
    const deployed = buildOpenApi(ROUTES, { includeLocalOnly: false });
    const local = buildOpenApi(ROUTES, { includeLocalOnly: true });
    expect(deployed.openapi).toBe('3.1.0');
    const count = (doc: typeof deployed) => Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
    expect(count(deployed)).toBe(ROUTES.filter((r) => !r.localOnly).length);
    expect(count(local)).toBe(ROUTES.length);
    expect(deployed.paths['/dev/token']).toBeUndefined();
    const serialized = JSON.stringify(deployed);
    expect(serialized).not.toContain('#/$defs/');
    for (const ref of serialized.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
      expect(deployed.components.schemas, `component ${ref[1]}`).toHaveProperty(ref[1]!);
    }
  });

  it('matches the committed docs/openapi.json (run `npm run openapi` after changing a route)', () => {
    const committed: unknown = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(buildOpenApi(ROUTES, { includeLocalOnly: false }))));
  });
});
