import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync, type BuildOptions } from 'esbuild';
import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { TRACER_FILE } from '../functions/observability/tracer.ts';

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

const TRACER_ENTRY = fileURLToPath(new URL('../functions/observability/tracer-module.ts', import.meta.url));

/**
 * The Tracer's bundle (the X-Ray SDK inside), which every function's asset carries beside
 * index.mjs and imports on its first invocation: built like the handlers (no source map), once
 * per process, then copied into each asset.
 */
export function tracerBundleOptions(outfile: string): BuildOptions {
  return {
    entryPoints: [TRACER_ENTRY],
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

let tracerBundle: string | undefined;
function builtTracerBundle(): string {
  if (!tracerBundle) {
    const file = join(mkdtempSync(join(tmpdir(), 'patient-online-tracer-')), TRACER_FILE);
    buildSync(tracerBundleOptions(file));
    tracerBundle = file;
  }
  return tracerBundle;
}

/** NodejsFunction's bundling props (local esbuild; Docker is never needed). */
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
    afterBundling: (_inputDir, outputDir) => [`cp "${builtTracerBundle()}" "${outputDir}/${TRACER_FILE}"`],
  },
};

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
