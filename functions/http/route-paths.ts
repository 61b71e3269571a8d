/** A route's method and path template: all that routing needs to know of it. */
export interface RouteKey {
  method: string;
  /** HTTP API path syntax: `/appointments/{id}`. */
  path: string;
}

export interface PathTemplate {
  pattern: RegExp;
  parameterNames: string[];
  /** Literal segments; API Gateway prefers the most specific route when several match. */
  literalSegments: number;
}

/** `/appointments/{id}/cancel` → /^\/appointments\/([^/]+)\/cancel$/ with parameter `id`. */
export function compilePath(path: string): PathTemplate {
  const parameterNames: string[] = [];
  let literalSegments = 0;
  const source = path
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
  return { pattern: new RegExp(`^${source}$`), parameterNames, literalSegments };
}

/**
 * The methods of every route whose path template matches `rawPath`, sorted: empty for an unknown
 * path, else the `Allow` header of a 405.
 */
export function allowedMethods(
  routes: readonly { method: string; template: PathTemplate }[],
  rawPath: string,
): string[] {
  const methods = new Set<string>();
  for (const route of routes) if (route.template.pattern.test(rawPath)) methods.add(route.method);
  return [...methods].sort();
}
