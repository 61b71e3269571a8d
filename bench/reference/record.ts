/**
 * Regenerates bench/reference/bundle-bytes.json: every function's bundle bytes at three commits
 * (before the step, the features landed, the accepted sizes), built as `npm run bench --
 * --only=bundles` builds today's: each commit's own lib/bundling.ts esbuildOptions and route
 * table, with the esbuild and node_modules of this checkout, so only our code differs.
 *
 *   npx tsx bench/reference/record.ts [--accepted=<commit>]
 *
 * Each commit is checked out into a temporary worktree (removed afterwards); the JSON lands here.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, version, type BuildOptions } from 'esbuild';
import {
  bundleBytes,
  functionEntries,
  lazySchemaAllowance,
  outputDir,
  readReference,
  REFERENCE_FILE,
  type Reference,
  type ReferenceFile,
} from './bundle-bytes.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The last commit before the architecture step (no Metrics, no Tracer, routes in one table). */
const BEFORE = { commit: 'f21dfdf', description: 'the last commit before the architecture step' };
/**
 * Where the features merged during the step had landed (proxy access, the practice registry,
 * notifications, and Powertools Logger context, Metrics and Tracer), before routes, reads and
 * writes were restructured.
 */
const FEATURES_LANDED = {
  commit: '2bdc8fd',
  description:
    'proxy access, the practice registry, notifications and Powertools operations merged; nothing restructured yet',
};

/**
 * The sizes to hold from now on: `--accepted=<commit>` records that commit's (committed, so
 * reproducible), else the commit recorded last time is measured again.
 */
const acceptedArg = process.argv.find((a) => a.startsWith('--accepted='))?.slice('--accepted='.length);
const ACCEPTED = {
  commit: acceptedArg ?? (existsSync(REFERENCE_FILE) ? readReference().accepted.commit : 'HEAD'),
  description: 'the sizes accepted after the step (the unit test holds every bundle to them)',
};

const git = (...args: string[]) =>
  execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

interface RouteModule {
  ROUTES: { operationId: string; entry: string; localOnly?: boolean }[];
  NOT_FOUND_ROUTE?: { operationId: string; entry: string };
}

async function measure({ commit, description }: { commit: string; description: string }): Promise<Reference> {
  const full = git('rev-parse', `${commit}^{commit}`);
  const dir = mkdtempSync(join(tmpdir(), `bundle-reference-${commit}-`));
  git('worktree', 'add', '--detach', dir, full);
  try {
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const load = <T>(path: string) => import(pathToFileURL(join(dir, path)).href) as Promise<T>;
    const routes = await load<RouteModule>('functions/routes.ts');
    const notFound =
      routes.NOT_FOUND_ROUTE ??
      (await load<Required<Pick<RouteModule, 'NOT_FOUND_ROUTE'>>>('functions/routes/not-found.ts')).NOT_FOUND_ROUTE;
    const { esbuildOptions } = await load<{ esbuildOptions: (e: Record<string, string>, o: string) => BuildOptions }>(
      'lib/bundling.ts',
    );
    const entries = functionEntries(join(dir, 'functions'), [...routes.ROUTES, notFound]);
    const { metafile, outputFiles } = await build({
      ...esbuildOptions(Object.fromEntries(entries.map((e) => [outputDir(e.name), e.entry])), join(dir, '.bundles')),
      absWorkingDir: dir,
      write: false,
      metafile: true,
    });
    return {
      commit: full,
      description,
      functions: Object.fromEntries(
        entries.map((e) => {
          const text = outputFiles.find((f) => f.path.endsWith(`/${outputDir(e.name)}/index.mjs`))!.text;
          return [e.name, { ...bundleBytes(metafile, dir, e), lazy: lazySchemaAllowance(text) }];
        }),
      ),
    };
  } finally {
    git('worktree', 'remove', '--force', dir);
    rmSync(dir, { recursive: true, force: true });
  }
}

const file: ReferenceFile = {
  about:
    'Lambda bundle bytes (index.mjs, minified, no source map) at three commits, for the bundles bench and test/unit/lambda-bundles.test.ts. ' +
    'Each commit built with its own lib/bundling.ts and route table, with this checkout’s esbuild and node_modules.',
  regenerate: 'npx tsx bench/reference/record.ts [--accepted=<commit>]',
  esbuild: version,
  before: await measure(BEFORE),
  featuresLanded: await measure(FEATURES_LANDED),
  accepted: await measure(ACCEPTED),
};

/** One line per function keeps the file readable in a diff. */
function stringify(value: ReferenceFile): string {
  const refs = (r: Reference) =>
    `{\n    "commit": ${JSON.stringify(r.commit)},\n    "description": ${JSON.stringify(r.description)},\n    "functions": {\n` +
    Object.entries(r.functions)
      .map(([name, b]) => `      ${JSON.stringify(name)}: ${JSON.stringify(b)}`)
      .join(',\n') +
    '\n    }\n  }';
  return (
    `{\n  "about": ${JSON.stringify(value.about)},\n  "regenerate": ${JSON.stringify(value.regenerate)},\n` +
    `  "esbuild": ${JSON.stringify(value.esbuild)},\n  "before": ${refs(value.before)},\n  "featuresLanded": ${refs(value.featuresLanded)},\n` +
    `  "accepted": ${refs(value.accepted)}\n}\n`
  );
}

writeFileSync(REFERENCE_FILE, stringify(file));
console.log(
  `${fileURLToPath(REFERENCE_FILE)}: ${Object.keys(file.before.functions).length} functions at ${BEFORE.commit}, ` +
    `${Object.keys(file.featuresLanded.functions).length} at ${FEATURES_LANDED.commit}, ` +
    `${Object.keys(file.accepted.functions).length} accepted at ${file.accepted.commit.slice(0, 7)}`,
);
