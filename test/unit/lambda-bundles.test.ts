import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { NOT_FOUND_ROUTE } from '../../functions/routes/not-found.ts';
import { ROUTES } from '../../functions/routes.ts';
import { esbuildOptions } from '../../lib/bundling.ts';

const FUNCTIONS = fileURLToPath(new URL('../../functions/', import.meta.url));

/** Every deployed function's entry: the routes that are not local-only, the catch-all, the rollup, the trigger. */
const DEPLOYED_ENTRIES = Object.fromEntries<string>([
  ...[...ROUTES.filter((r) => !r.localOnly), NOT_FOUND_ROUTE].map(
    (r) => [r.operationId, `${FUNCTIONS}${r.entry}`] as const,
  ),
  ...readdirSync(`${FUNCTIONS}scheduled`)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => [`scheduled-${f.replace(/\.ts$/, '')}`, `${FUNCTIONS}scheduled/${f}`] as const),
  ['pre-token', `${FUNCTIONS}identity/pre-token.ts`] as const,
]);

let inputsByFunction: Map<string, string[]>;
let textByFunction: Map<string, string>;

beforeAll(async () => {
  // The stack's bundling (lib/bundling.ts) in memory; what is bundled does not depend on minifying.
  const { metafile, outputFiles } = await build({
    ...esbuildOptions(DEPLOYED_ENTRIES, '/bundles'),
    minify: false,
    sourcemap: false,
    write: false,
    metafile: true,
  });
  textByFunction = new Map(
    outputFiles.filter((f) => f.path.endsWith('/index.mjs')).map((f) => [f.path.split('/').at(-2)!, f.text]),
  );
  inputsByFunction = new Map(
    Object.entries(metafile.outputs)
      .filter(([file]) => file.endsWith('/index.mjs'))
      .map(([file, output]) => [file.split('/').at(-2)!, Object.keys(output.inputs)]),
  );
}, 120_000);

describe('Lambda bundles', () => {
  it('bundles every deployed function', () => {
    expect([...inputsByFunction.keys()].sort()).toEqual(Object.keys(DEPLOYED_ENTRIES).sort());
  });

  it('carry their own resource’s route definitions, never the whole route table', () => {
    // route-spec.ts is the shape every declaration shares (defineRoute), not a resource's routes.
    const routeModules = (inputs: string[]) =>
      inputs.filter((input) => /^functions\/routes(?:\.ts|\/)/.test(input) && !input.endsWith('/route-spec.ts'));
    for (const route of ROUTES.filter((r) => !r.localOnly)) {
      // GET /openapi.json serves the document of the whole table.
      if (route.operationId === 'getOpenApi') continue;
      const own = `functions/routes/${route.entry.split('/')[1]}.ts`;
      expect(routeModules(inputsByFunction.get(route.operationId)!), route.operationId).toEqual([own]);
    }
    expect(routeModules(inputsByFunction.get(NOT_FOUND_ROUTE.operationId)!)).toEqual(['functions/routes/not-found.ts']);
  });

  it('carry their own route’s declaration alone, not its siblings’ (each is declared /* @__PURE__ */)', () => {
    const declared = (text: string) => [...text.matchAll(/operationId: "(\w+)"/g)].map((m) => m[1]);
    for (const route of [...ROUTES.filter((r) => !r.localOnly), NOT_FOUND_ROUTE]) {
      if (route.operationId === 'getOpenApi') continue;
      expect(declared(textByFunction.get(route.operationId)!), route.operationId).toEqual([route.operationId]);
    }
  });

  it('carry no jose: it signs local mode’s dev tokens only (a dev dependency)', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect(pkg.dependencies).not.toHaveProperty('jose');
    expect(pkg.devDependencies).toHaveProperty('jose');
    for (const [name, inputs] of inputsByFunction) {
      expect(
        inputs.filter((input) => input.includes('node_modules/jose/')),
        name,
      ).toEqual([]);
    }
  });

  it('carry no X-Ray SDK in index.mjs: the Tracer is its own file, imported on the first invocation', () => {
    for (const [name, inputs] of inputsByFunction) {
      expect(
        inputs.filter((input) => /node_modules\/(aws-xray-sdk-core|@aws-lambda-powertools\/tracer)\//.test(input)),
        name,
      ).toEqual([]);
    }
  });
});
