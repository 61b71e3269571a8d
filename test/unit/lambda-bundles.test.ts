import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { NOT_FOUND_ROUTE } from '../../functions/routes/not-found.ts';
import { ROUTES } from '../../functions/routes.ts';
import {
  esbuildOptions,
  lambdaBundling,
  SIDECARS_BY_ENTRY,
  sidecarBundleOptions,
  TRACER_SIDECAR,
} from '../../lib/bundling.ts';
import { apiEvent } from '../support/events.ts';
import {
  bundleBytes,
  functionEntries,
  lazySchemaAllowance,
  outputDir,
  overAccepted,
  readReference,
} from '../../bench/reference/bundle-bytes.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Every function (each route, the catch-all, the scheduled ones, the trigger), as the bench bundles them. */
const FUNCTIONS = functionEntries(join(ROOT, 'functions'), [...ROUTES, NOT_FOUND_ROUTE]);
const LOCAL_ONLY = new Set(ROUTES.filter((r) => r.localOnly).map((r) => r.operationId));
/** The deployed ones, by their bundle's directory (a route's is its operationId). */
const DEPLOYED = FUNCTIONS.filter((f) => !LOCAL_ONLY.has(f.name)).map((f) => outputDir(f.name));

let metafile: Metafile;
let inputsByFunction: Map<string, string[]>;
let textByFunction: Map<string, string>;

beforeAll(async () => {
  // The stack's bundling (lib/bundling.ts) in memory, minified and mapped as deployed: bytes are judged too.
  const result = await build({
    ...esbuildOptions(Object.fromEntries(FUNCTIONS.map((f) => [outputDir(f.name), f.entry])), join(ROOT, '.bundles')),
    absWorkingDir: ROOT,
    write: false,
    metafile: true,
  });
  metafile = result.metafile;
  textByFunction = new Map(
    result.outputFiles.filter((f) => f.path.endsWith('/index.mjs')).map((f) => [f.path.split('/').at(-2)!, f.text]),
  );
  inputsByFunction = new Map(
    Object.entries(metafile.outputs)
      .filter(([file]) => file.endsWith('/index.mjs'))
      .map(([file, output]) => [file.split('/').at(-2)!, Object.keys(output.inputs)]),
  );
}, 120_000);

describe('Lambda bundles', () => {
  it('bundles every function', () => {
    expect([...inputsByFunction.keys()].sort()).toEqual(FUNCTIONS.map((f) => outputDir(f.name)).sort());
  });

  it('carry their own resource’s route definitions, never the whole route table', () => {
    // route-spec.ts is the shape every declaration shares (defineRoute), not a resource's routes.
    const routeModules = (inputs: string[]) =>
      inputs.filter((input) => /^functions\/routes(?:\.ts|\/)/.test(input) && !input.endsWith('/route-spec.ts'));
    for (const route of ROUTES.filter((r) => !r.localOnly)) {
      const own = `functions/routes/${route.entry.split('/')[1]}.ts`;
      expect(routeModules(inputsByFunction.get(route.operationId)!), route.operationId).toEqual([own]);
    }
    expect(routeModules(inputsByFunction.get(NOT_FOUND_ROUTE.operationId)!)).toEqual(['functions/routes/not-found.ts']);
  });

  it('carry their own route’s declaration alone, not its siblings’ (each is declared /* @__PURE__ */)', () => {
    const declared = (text: string) => [...text.matchAll(/operationId:\s*"(\w+)"/g)].map((m) => m[1]);
    for (const route of [...ROUTES.filter((r) => !r.localOnly), NOT_FOUND_ROUTE]) {
      expect(declared(textByFunction.get(route.operationId)!), route.operationId).toEqual([route.operationId]);
    }
  });

  it('outgrow none of their accepted sizes (bench/reference/bundle-bytes.json), Metrics, Tracer and z.lazy aside', () => {
    const reference = readReference();
    const over = FUNCTIONS.map((f) => ({
      name: f.name,
      bytes: overAccepted(
        reference,
        f.name,
        bundleBytes(metafile, ROOT, f),
        lazySchemaAllowance(textByFunction.get(outputDir(f.name))!),
      ),
    })).filter((f) => f.bytes === undefined || f.bytes > 0);
    // A function missing from the reference, or one that outgrew it: `npm run bench -- --only=bundles`
    // says what grew; bench/reference/README.md says when and how to accept new sizes.
    expect(over).toEqual([]);
  });

  it('carry no jose: it signs local mode’s dev tokens only (a dev dependency)', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect(pkg.dependencies).not.toHaveProperty('jose');
    expect(pkg.devDependencies).toHaveProperty('jose');
    for (const name of DEPLOYED) {
      expect(
        inputsByFunction.get(name)!.filter((input) => input.includes('node_modules/jose/')),
        name,
      ).toEqual([]);
    }
  });

  it('carry no X-Ray SDK in index.mjs: the Tracer is its own file, imported on the first invocation', () => {
    for (const name of DEPLOYED) {
      expect(
        inputsByFunction
          .get(name)!
          .filter((input) => /node_modules\/(aws-xray-sdk-core|@aws-lambda-powertools\/tracer)\//.test(input)),
        name,
      ).toEqual([]);
    }
  });

  it('leave the sender’s SES, SNS and SQS clients to its sidecar, loaded on the first message it sends', () => {
    const sender = inputsByFunction.get(outputDir('scheduled/notification-sender'))!;
    expect(sender.filter((input) => /node_modules\/@aws-sdk\/client-(sesv2|sns|sqs)\//.test(input))).toEqual([]);
    expect(SIDECARS_BY_ENTRY['scheduled/notification-sender.ts']?.map((sidecar) => sidecar.file)).toEqual([
      'aws-channels.mjs',
    ]);
  });

  it('copy the Tracer into every function’s asset, and a function’s own sidecars into its asset only', () => {
    const copies = (entry: string) =>
      lambdaBundling(entry)
        .commandHooks!.afterBundling('/in', '/out')
        .map((command) => command.split('"').at(-2));
    expect(copies('api/public/health.ts')).toEqual([`/out/${TRACER_SIDECAR.file}`]);
    expect(copies('scheduled/notification-sender.ts')).toEqual([
      `/out/${TRACER_SIDECAR.file}`,
      '/out/aws-channels.mjs',
    ]);
    expect(copies('api/public/openapi.ts')).toEqual([`/out/${TRACER_SIDECAR.file}`, '/out/openapi-document.mjs']);
  }, 60_000);

  it('serve GET /openapi.json from the bundle, the document built by its own file beside it on the first request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'openapi-bundle-'));
    const entry = 'api/public/openapi.ts';
    await build({
      ...esbuildOptions({ fn: join(ROOT, 'functions', entry) }, dir),
      absWorkingDir: ROOT,
      logLevel: 'silent',
    });
    for (const sidecar of SIDECARS_BY_ENTRY[entry]!)
      await build(sidecarBundleOptions(sidecar, join(dir, 'fn', sidecar.file)));
    // A fresh node process, as Lambda runs the asset: the bundle and its side file, nothing else.
    const event = apiEvent({ method: 'GET', path: '/openapi.json', routeKey: 'GET /openapi.json' });
    const script = `const { handler } = await import(process.argv[1]);
      const answer = await handler(JSON.parse(process.argv[2]), { awsRequestId: 'r', functionName: 'f', getRemainingTimeInMillis: () => 10000 });
      process.stdout.write(JSON.stringify(answer));`;
    const child = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', script, pathToFileURL(join(dir, 'fn', 'index.mjs')).href, JSON.stringify(event)],
      {
        env: { PATH: process.env.PATH, AWS_REGION: 'eu-west-2', POWERTOOLS_METRICS_DISABLED: 'true' },
        encoding: 'utf8',
      },
    );
    const answer = JSON.parse(child.stdout) as { statusCode: number; body: string };
    expect(answer.statusCode).toBe(200);
    expect(JSON.parse(answer.body)).toEqual(JSON.parse(readFileSync(join(ROOT, 'docs', 'openapi.json'), 'utf8')));
    expect(inputsByFunction.get('getOpenApi')!.filter((input) => input.endsWith('/http/openapi.ts'))).toEqual([]);
  }, 60_000);
});
