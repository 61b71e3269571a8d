import type { RouteDefinition } from '../functions/routes.ts';

export interface RouteMatch {
  route: RouteDefinition;
  /** URL-decoded, as API Gateway passes them to the integration. */
  pathParameters: Record<string, string>;
}

interface CompiledRoute {
  route: RouteDefinition;
  pattern: RegExp;
  parameterNames: string[];
  /** Literal segments; API Gateway prefers the most specific route when several match. */
  literalSegments: number;
}

export interface Router {
  /** The route for this method and raw path, or undefined (unknown path or method: both 404). */
  match(method: string, rawPath: string): RouteMatch | undefined;
}

/** `/appointments/{id}/cancel` → /^\/appointments\/([^/]+)\/cancel$/ with parameter `id`. */
function compile(route: RouteDefinition): CompiledRoute {
  const parameterNames: string[] = [];
  let literalSegments = 0;
  const source = route.path
    .split('/')
    .map((segment) => {
      const parameter = /^\{(\w+)\}$/.exec(segment);
      if (parameter?.[1]) {
        parameterNames.push(parameter[1]);
        return '([^/]+)';
      }
      if (segment) literalSegments += 1;
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { route, pattern: new RegExp(`^${source}$`), parameterNames, literalSegments };
}

/** Path parameters arrive percent-encoded; a malformed escape is kept as sent rather than failing. */
function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export function createRouter(routes: readonly RouteDefinition[]): Router {
  const compiled = routes.map(compile).sort((a, b) => b.literalSegments - a.literalSegments);
  return {
    match(method, rawPath) {
      for (const candidate of compiled) {
        if (candidate.route.method !== method) continue;
        const found = candidate.pattern.exec(rawPath);
        if (!found) continue;
        const pathParameters = Object.fromEntries(
          candidate.parameterNames.map((name, i) => [name, decodeSegment(found[i + 1] ?? '')]),
        );
        return { route: candidate.route, pathParameters };
      }
      return undefined;
    },
  };
}

/** API Gateway's routeKey: `POST /appointments/{id}/cancel`. */
export function routeKeyOf(route: RouteDefinition): string {
  return `${route.method} ${route.path}`;
}
