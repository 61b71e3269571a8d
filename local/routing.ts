import type { RouteDefinition } from '../functions/routes/route-spec.ts';
import { allowedMethods, compilePath, type PathTemplate } from '../functions/http/route-paths.ts';

export interface RouteMatch {
  route: RouteDefinition;
  /** URL-decoded, as API Gateway passes them to the integration. */
  pathParameters: Record<string, string>;
}

interface CompiledRoute {
  route: RouteDefinition;
  method: string;
  template: PathTemplate;
}

export interface Router {
  /** The route for this method and raw path, or undefined (unknown path, or a method it lacks). */
  match(method: string, rawPath: string): RouteMatch | undefined;
  /** The methods this raw path has routes for (empty: an unknown path, so 404 rather than 405). */
  allowedMethods(rawPath: string): string[];
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
  const compiled: CompiledRoute[] = routes
    .map((route) => ({ route, method: route.method, template: compilePath(route.path) }))
    .sort((a, b) => b.template.literalSegments - a.template.literalSegments);
  return {
    match(method, rawPath) {
      for (const candidate of compiled) {
        if (candidate.route.method !== method) continue;
        const found = candidate.template.pattern.exec(rawPath);
        if (!found) continue;
        const pathParameters = Object.fromEntries(
          candidate.template.parameterNames.map((name, i) => [name, decodeSegment(found[i + 1] ?? '')]),
        );
        return { route: candidate.route, pathParameters };
      }
      return undefined;
    },
    allowedMethods: (rawPath) => allowedMethods(compiled, rawPath),
  };
}

/** API Gateway's routeKey: `POST /appointments/{id}/cancel`. */
export function routeKeyOf(route: RouteDefinition): string {
  return `${route.method} ${route.path}`;
}
