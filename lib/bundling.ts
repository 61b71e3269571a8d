import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync, type BuildOptions } from 'esbuild';
import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { AWS_CHANNELS_FILE } from '../functions/notifications/deployed-channels.ts';
import { TRACER_FILE } from '../functions/observability/tracer.ts';
import { OPENAPI_DOCUMENT_FILE } from '../functions/routes/public.ts';

/**
 * How every Lambda function is bundled, defined once: the ServiceFunction construct hands these
 * to NodejsFunction (which runs the esbuild CLI), and `npm run bench` runs esbuild with the very
 * same options to measure bundle size and cold init.
 */

/**
 * esbuild emits ESM (`index.mjs`); some bundled CommonJS dependencies still call `require`, which
 * ESM lacks, so the bundle defines it first.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/**
 * A module bundled on its own and carried beside a function's index.mjs, which imports it at run
 * time by a specifier esbuild leaves alone, so that what it bundles is neither parsed nor
 * evaluated at cold start.
 */
export interface Sidecar {
  /** The file name beside index.mjs, as the importing module names it. */
  file: string;
  entry: string;
}

const fromFunctions = (path: string) => fileURLToPath(new URL(`../functions/${path}`, import.meta.url));

/** The Tracer (the X-Ray SDK inside): every function's asset carries it, imported on the first invocation. */
export const TRACER_SIDECAR: Sidecar = { file: TRACER_FILE, entry: fromFunctions('observability/tracer-module.ts') };

/** The sidecars a function carries beyond the Tracer, by handler entry (as in routes.ts). */
export const SIDECARS_BY_ENTRY: Readonly<Record<string, readonly Sidecar[]>> = {
  // The route table, its schemas and the document builder, loaded on the first request (api/public/openapi.ts).
  'api/public/openapi.ts': [{ file: OPENAPI_DOCUMENT_FILE, entry: fromFunctions('api/public/openapi-document.ts') }],
  // SES, SNS and SQS, loaded on the first message a sweep sends (functions/notifications/deployed-channels.ts).
  'scheduled/notification-sender.ts': [
    { file: AWS_CHANNELS_FILE, entry: fromFunctions('notifications/aws-channels.ts') },
  ],
};

/** A sidecar's bundle: built like the handlers, without a source map. */
export function sidecarBundleOptions(sidecar: Sidecar, outfile: string): BuildOptions {
  return {
    entryPoints: [sidecar.entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    mainFields: ['module', 'main'],
    banner: { js: ESM_REQUIRE_BANNER },
    minify: true,
    logLevel: 'warning',
  };
}

const builtSidecars = new Map<string, string>();
/** Each sidecar is built once per process, then copied into every asset that carries it. */
function builtSidecar(sidecar: Sidecar): string {
  let file = builtSidecars.get(sidecar.file);
  if (!file) {
    file = join(mkdtempSync(join(tmpdir(), 'patient-online-sidecar-')), sidecar.file);
    buildSync(sidecarBundleOptions(sidecar, file));
    builtSidecars.set(sidecar.file, file);
  }
  return file;
}

/** NodejsFunction's bundling props (local esbuild; Docker is never needed), for any function. */
export const LAMBDA_BUNDLING: BundlingOptions = {
  format: OutputFormat.ESM,
  // Node.js 22: the Lambda runtime and the version the project pins.
  target: 'node22',
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_BANNER,
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  // Bundle the SDK rather than use the runtime's copy: a pinned, tree-shaken version.
  bundleAwsSDK: true,
  externalModules: [],
  forceDockerBundling: false,
  commandHooks: {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: () => [],
  },
};

/** The bundling props of the function whose handler is `entry`: LAMBDA_BUNDLING, its sidecars copied in. */
export function lambdaBundling(entry: string): BundlingOptions {
  const sidecars = [TRACER_SIDECAR, ...(SIDECARS_BY_ENTRY[entry] ?? [])];
  return {
    ...LAMBDA_BUNDLING,
    commandHooks: {
      beforeBundling: () => [],
      beforeInstall: () => [],
      afterBundling: (_inputDir, outputDir) =>
        sidecars.map((sidecar) => `cp "${builtSidecar(sidecar)}" "${outputDir}/${sidecar.file}"`),
    },
  };
}

/**
 * The esbuild API equivalent of what NodejsFunction runs for LAMBDA_BUNDLING, for several
 * functions in one esbuild run: entry `name` becomes `<outdir>/<name>/index.mjs` (+ `.map`),
 * byte for byte the file that `esbuild --bundle <entry> --target=node22 --platform=node
 * --format=esm --outfile=…/index.mjs --minify --sourcemap --sources-content=false --banner:js=…
 * --main-fields=module,main` writes for that function alone.
 */
export function esbuildOptions(entries: Record<string, string>, outdir: string): BuildOptions {
  return {
    entryPoints: Object.entries(entries).map(([name, entry]) => ({ in: entry, out: `${name}/index` })),
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: LAMBDA_BUNDLING.format === OutputFormat.ESM ? 'esm' : 'cjs',
    target: LAMBDA_BUNDLING.target,
    mainFields: LAMBDA_BUNDLING.mainFields,
    banner: LAMBDA_BUNDLING.banner === undefined ? undefined : { js: LAMBDA_BUNDLING.banner },
    minify: LAMBDA_BUNDLING.minify,
    sourcemap: LAMBDA_BUNDLING.sourceMap,
    sourcesContent: LAMBDA_BUNDLING.sourcesContent,
    external: LAMBDA_BUNDLING.externalModules,
    logLevel: 'warning',
  };
}
