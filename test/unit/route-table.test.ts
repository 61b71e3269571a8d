import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RouteDefinition } from '../../functions/routes/route-spec.ts';
import { ROUTES } from '../../functions/routes.ts';
import { buildOpenApi } from '../../functions/http/openapi.ts';
import { useUnitEnv } from '../support/unit-env.ts';

useUnitEnv();

const ROUTE_MODULES = new URL('../../functions/routes/', import.meta.url);

/** Every route definition a resource module under functions/routes/ exports, by module name. */
async function declaredRoutes(): Promise<[string, RouteDefinition][]> {
  const modules = readdirSync(ROUTE_MODULES).filter((file) => file.endsWith('.ts'));
  const declared = await Promise.all(
    modules.map(async (file) => {
      const exports = (await import(new URL(file, ROUTE_MODULES).href)) as Record<string, unknown>;
      return Object.values(exports)
        .filter((value): value is RouteDefinition => typeof value === 'object' && value !== null && 'method' in value)
        .map((route) => [file.replace(/\.ts$/, ''), route] as [string, RouteDefinition]);
    }),
  );
  return declared.flat();
}

describe('the route table', () => {
  it('has one entry per method and path', () => {
    const keys = ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(ROUTES.map((r) => r.operationId)).size).toBe(ROUTES.length);
  });

  it('lists every route its resource modules declare, and nothing else', async () => {
    const declared = (await declaredRoutes()).map(([, route]) => route);
    expect(declared.filter((route) => !ROUTES.includes(route)).map((r) => r.operationId)).toEqual([]);
    expect(ROUTES.filter((route) => !declared.includes(route)).map((r) => r.operationId)).toEqual([]);
  });

  it('declares each route in the module of the folder its handler is in', async () => {
    for (const [module, route] of await declaredRoutes()) {
      expect(route.entry, route.operationId).toMatch(new RegExp(`^api/${module}/[\\w-]+\\.ts$`));
    }
  });

  it.each(ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s: its handler is built from its definition',
    async (_name, route) => {
      const mod = (await import(`../../functions/${route.entry}`)) as { handler: { routeSpec?: unknown } };
      expect(mod.handler.routeSpec, `${route.entry} must build its handler from ${route.operationId}`).toBe(route);
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
