import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { esbuildOptions, SIDECARS_BY_ENTRY, sidecarBundleOptions, TRACER_SIDECAR } from '../lib/bundling.ts';
import { TRACER_FILE } from '../functions/observability/tracer.ts';
import { NOT_FOUND_ROUTE } from '../functions/routes/not-found.ts';
import { ROUTES } from '../functions/routes.ts';
import { formatKb, formatMs, formatRatio, median, quantile, type Results } from './results.ts';
import {
  bundleBytes,
  functionEntries,
  growthOf,
  lazySchemaAllowance,
  outputDir,
  readReference,
  type Growth,
} from './reference/bundle-bytes.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const FUNCTIONS_DIR = join(ROOT, 'functions');
const OUT_DIR = join(ROOT, '.bench', 'bundles');
const PROBE_DIR = join(ROOT, '.bench', 'probes');
const BASELINE_ENTRY = fileURLToPath(new URL('./baseline/bare-document-client.ts', import.meta.url));

export const SIZE_BUDGET_BYTES = 900 * 1024;
export const COLD_INIT_BUDGET = 1.25;
/** Samples of each function (and as many of the baseline) a verdict rests on. */
export const COLD_INIT_SAMPLES = 20;

interface Subject {
  name: string;
  entry: string;
  note?: string;
}

interface Bundle extends Subject {
  file: string;
  bytes: number;
  /** Bytes each input contributes to this bundle, by path (from the metafile). */
  inputs: Record<string, number>;
}

/** Every function: each route entry (and the catch-all), the scheduled functions, the Cognito trigger. */
const subjects = (): Subject[] => functionEntries(FUNCTIONS_DIR, [...ROUTES, NOT_FOUND_ROUTE]);

const dirName = outputDir;

/**
 * Bundles every subject as NodejsFunction does (lib/bundling.ts) in one esbuild run (each output
 * is the same file a separate run writes), keeping the metafile for analysis.
 */
async function bundleAll(list: Subject[], outdir: string): Promise<{ bundles: Bundle[]; metafile: Metafile }> {
  rmSync(outdir, { recursive: true, force: true });
  const entries = Object.fromEntries(list.map((s) => [dirName(s.name), s.entry]));
  const { metafile } = await build({ ...esbuildOptions(entries, outdir), metafile: true });
  writeFileSync(join(outdir, 'meta.json'), JSON.stringify(metafile));
  const bundles = list.map((s) => {
    const file = join(outdir, dirName(s.name), 'index.mjs');
    const output = outputOf(metafile, file);
    return {
      ...s,
      file,
      bytes: statSync(file).size,
      inputs: Object.fromEntries(Object.entries(output.inputs).map(([path, i]) => [path, i.bytesInOutput])),
    };
  });
  return { bundles, metafile };
}

function outputOf(metafile: Metafile, file: string): Metafile['outputs'][string] {
  const key = Object.keys(metafile.outputs).find((k) => file.endsWith(k) || join(ROOT, k) === file);
  if (!key) throw new Error(`esbuild wrote no ${file}`);
  return metafile.outputs[key]!;
}

/**
 * What a Lambda cold start does with our code: a fresh Node process imports the bundle. The
 * child times only the dynamic import (process.hrtime around it), not Node's own start-up, and
 * also reports the CPU time it took, which other load on the machine disturbs far less. The
 * environment is a deployed function's: source maps on, the variables the handlers read.
 */
const CHILD_SCRIPT = `
const file = process.argv[1];
const cpu0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
await import(file);
const t1 = process.hrtime.bigint();
const cpu = process.cpuUsage(cpu0);
process.stdout.write(Number(t1 - t0) / 1e6 + ' ' + (cpu.user + cpu.system) / 1000);
`;

const childEnv = {
  PATH: process.env.PATH ?? '',
  NODE_OPTIONS: '--enable-source-maps',
  AWS_REGION: 'eu-west-2',
  AWS_LAMBDA_FUNCTION_NAME: 'bench',
  TABLE_NAME: 'patient-online-bench',
  REPORTS_BUCKET: 'patient-online-bench-reports',
};

interface Run {
  wallMs: number;
  cpuMs: number;
}

function coldInit(file: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD_SCRIPT, `file://${file}`], {
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const [wallMs, cpuMs] = out.split(' ').map(Number);
      if (code === 0 && Number.isFinite(wallMs) && Number.isFinite(cpuMs)) resolve({ wallMs: wallMs!, cpuMs: cpuMs! });
      else
        reject(new Error(`importing ${file} failed (exit ${code}): ${err.trim().split('\n').slice(0, 3).join(' | ')}`));
    });
  });
}

function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

interface ColdInit {
  /** Median import time (wall) of the subject. */
  ms: number;
  /** Median import time (wall) of the baseline over the whole run. */
  baselineMs: number;
  /** Median CPU time of the subject's import, and of the baseline's. */
  cpuMs: number;
  baselineCpuMs: number;
}

interface ColdInitRun {
  /** Baseline samples in the run: one before each subject sample. */
  baselineRuns: number;
  /** The baseline's CPU-time quartiles, to show how steady the reference was. */
  baselineCpuQuartiles: [number, number];
  by: Map<string, ColdInit>;
}

/**
 * Strictly alternating samples: each round visits every bundle in a fresh random order, and a
 * baseline import runs right before each one, so drift (other load, thermal, page cache) hits the
 * baseline exactly as often as the subjects. A subject's medians (over `samples` imports) are
 * compared with the medians of every baseline sample of the run (one per subject sample, spread
 * over the same time, so the reference is the steadiest figure in the run).
 */
async function measureColdInit(
  baseline: Bundle,
  bundles: Bundle[],
  samples: number,
  progress: (round: number) => void = () => {},
): Promise<ColdInitRun> {
  const reference: Run[] = [];
  const runs = new Map(bundles.map((b) => [b.name, [] as Run[]]));
  // Unmeasured: brings node and the baseline's file into the page cache.
  await coldInit(baseline.file);
  for (let round = 0; round < samples; round++) {
    for (const subject of shuffled(bundles)) {
      reference.push(await coldInit(baseline.file));
      runs.get(subject.name)!.push(await coldInit(subject.file));
    }
    progress(round + 1);
  }
  const baselineMs = median(reference.map((r) => r.wallMs));
  const baselineCpu = reference.map((r) => r.cpuMs);
  const summary = (own: Run[]): ColdInit => ({
    ms: median(own.map((r) => r.wallMs)),
    baselineMs,
    cpuMs: median(own.map((r) => r.cpuMs)),
    baselineCpuMs: median(baselineCpu),
  });
  return {
    baselineRuns: reference.length,
    baselineCpuQuartiles: [quantile(baselineCpu, 0.25), quantile(baselineCpu, 0.75)],
    by: new Map([...runs].map(([name, own]) => [name, summary(own)])),
  };
}

/** Bytes in a bundle per package (node_modules/<pkg>), or "own code". */
function bytesByPackage(bundle: Bundle): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const [path, bytes] of Object.entries(bundle.inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    const pkg = match ? match[1]! : path.startsWith('functions/') ? 'own code (functions/)' : path;
    sizes.set(pkg, (sizes.get(pkg) ?? 0) + bytes);
  }
  return sizes;
}

/** The packages a bundle adds (or grows) over the baseline, largest first. */
function extraPackages(subject: Bundle, baseline: Bundle): { pkg: string; bytes: number }[] {
  const ours = bytesByPackage(subject);
  const theirs = bytesByPackage(baseline);
  return [...ours]
    .map(([pkg, bytes]) => ({ pkg, bytes: bytes - (theirs.get(pkg) ?? 0) }))
    .filter((e) => e.bytes > 1024)
    .sort((a, b) => b.bytes - a.bytes);
}

/** Our own files in the bundle that import a package directly. */
function importedBy(metafile: Metafile, bundle: Bundle, pkg: string): string {
  if (pkg.startsWith('own code')) return '';
  const importers = Object.keys(bundle.inputs)
    .filter((path) => !path.includes('node_modules/'))
    .filter((path) => metafile.inputs[path]?.imports.some((i) => i.path.includes(`node_modules/${pkg}/`)))
    .map((path) => relative('functions', path));
  return importers.length
    ? ` (imported by ${importers.slice(0, 3).join(', ')}${importers.length > 3 ? ', …' : ''})`
    : '';
}

/** Stands for "no code at all" among the probes: the cost of import() itself. */
const EMPTY_PROBE = '(empty module)';

/**
 * What importing one package alone costs at cold start: a probe module re-exporting it, bundled
 * and timed like the functions (interleaved with the baseline), next to an empty module.
 */
async function probeColdInit(pkgs: string[], baseline: Bundle, samples: number): Promise<Map<string, ColdInit>> {
  const probes: Subject[] = [EMPTY_PROBE, ...pkgs].map((pkg) => {
    const dir = join(PROBE_DIR, 'src', dirName(pkg));
    mkdirSync(dir, { recursive: true });
    const entry = join(dir, 'entry.ts');
    writeFileSync(entry, pkg === EMPTY_PROBE ? 'export {};\n' : `export * from '${pkg}';\n`);
    return { name: pkg, entry };
  });
  const { bundles } = await bundleAll(probes, join(PROBE_DIR, 'out'));
  return (await measureColdInit(baseline, bundles, samples)).by;
}

export async function benchBundles(results: Results, options: { samples: number }): Promise<void> {
  const all = subjects();
  const { samples } = options;
  results.heading(
    `Lambda bundles: ${all.length} functions, esbuild with lib/bundling.ts (as NodejsFunction)`,
    'baseline = a bare DynamoDBDocumentClient, created on first use as the handlers create theirs, bundled the same way; ' +
      'size = index.mjs without the map; cold init = import() timed inside a fresh `node` process, ' +
      `${samples} samples of each function, each right after a baseline sample (shuffled order); ` +
      'judged on the median CPU time vs the median of all baseline samples (CPU time is what a cold start pays and ' +
      'what other load on a shared machine disturbs least); the wall-time median and ratio are printed beside it',
  );
  if (samples < COLD_INIT_SAMPLES)
    results.note(
      `--quick: ${samples} samples per function, fewer than the ${COLD_INIT_SAMPLES} a verdict wants: the cold-init verdicts are indicative only`,
    );
  const started = performance.now();
  const {
    bundles: [baseline, ...bundles],
    metafile,
  } = await bundleAll([{ name: 'baseline', entry: BASELINE_ENTRY }, ...all], OUT_DIR);
  results.note(
    `bundled in ${((performance.now() - started) / 1000).toFixed(1)} s into ${relative(ROOT, OUT_DIR)}/<function>/index.mjs (+ map; meta.json for all)`,
  );

  const timingStarted = performance.now();
  const timing = await measureColdInit(baseline!, bundles, samples, (round) =>
    showProgress(
      `cold init: ${round} of ${samples} rounds (${2 * bundles.length} imports each)`,
      round === samples,
      timingStarted,
    ),
  );
  const { baselineMs, baselineCpuMs } = timing.by.get(bundles[0]!.name)!;
  const [q1, q3] = timing.baselineCpuQuartiles;
  results.note(
    `baseline: ${formatKb(baseline!.bytes)}, cold init cpu ${formatMs(baselineCpuMs)} (quartiles ${formatMs(q1)}–${formatMs(q3)}), ` +
      `wall ${formatMs(baselineMs)}: medians of ${timing.baselineRuns} samples; ${2 * timing.baselineRuns} imports in ` +
      `${((performance.now() - timingStarted) / 1000).toFixed(0)} s`,
  );

  const misses: Bundle[] = [];
  for (const b of bundles) {
    const { ms, baselineMs, cpuMs, baselineCpuMs } = timing.by.get(b.name)!;
    const sizeOk = b.bytes <= SIZE_BUDGET_BYTES;
    // Judged in CPU time: wall time on a shared 2-core machine swings with whatever else runs,
    // while the CPU an import burns is what a Lambda cold start pays for.
    const initOk = cpuMs / baselineCpuMs <= COLD_INIT_BUDGET;
    if (!sizeOk || !initOk) misses.push(b);
    results.addRow(b.name, [
      {
        section: 'bundle',
        label: 'size',
        name: `size ${b.name}`,
        measured: formatKb(b.bytes),
        baseline: formatKb(baseline!.bytes),
        ratio: b.bytes / baseline!.bytes,
        budget: `≤ ${formatKb(SIZE_BUDGET_BYTES)}`,
        pass: sizeOk,
      },
      {
        section: 'bundle',
        label: 'cold init cpu',
        name: `cold init ${b.name}`,
        measured: formatMs(cpuMs),
        baseline: formatMs(baselineCpuMs),
        ratio: cpuMs / baselineCpuMs,
        budget: `≤ ${formatRatio(COLD_INIT_BUDGET)}`,
        pass: initOk,
        note: `wall ${formatMs(ms)} = ${formatRatio(ms / baselineMs)}${b.note ? `; ${b.note}` : ''}`,
      },
    ]);
  }
  if (misses.length > 0) await explainMisses(results, { misses, baseline: baseline!, metafile }, samples);
  await benchGrowth(results, metafile, bundles);
}

/**
 * A long measurement's progress on stderr (the report itself stays on stdout): one line rewritten
 * in a terminal, else a line now and then for a log.
 */
function showProgress(text: string, last: boolean, since: number): void {
  const line = `  ${text}, ${((performance.now() - since) / 1000).toFixed(0)} s`;
  if (process.stderr.isTTY) process.stderr.write(last ? '\r\u001b[2K' : `\r\u001b[2K${line}`);
  else process.stderr.write(`${line}\n`);
}

/** Bytes with one decimal: growth is a few KB, where formatKb's whole KB hide it. */
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const signedKb = (bytes: number) => `${bytes < 0 ? '−' : '+'}${kb(Math.abs(bytes))}`;

/**
 * Each bundle against bench/reference/bundle-bytes.json: it may have grown since the reference
 * commit only by what Metrics and Tracer add (measured in this build's metafile) and by what the
 * features merged during the step added by the time they had landed (measured at that commit);
 * the rest is printed with the groups that grew most since then. Plus the Tracer's own file that
 * every asset carries beside index.mjs and imports on the first invocation (not at cold init).
 */
async function benchGrowth(results: Results, metafile: Metafile, bundles: Bundle[]): Promise<void> {
  const reference = readReference();
  const before = reference.before.commit.slice(0, 7);
  const landed = reference.featuresLanded.commit.slice(0, 7);
  results.heading(
    `Bundle growth since ${before} (${reference.before.description})`,
    `allowed: Metrics + Tracer (today's metafile: inputs reachable only through them, plus the Powertools commons they grow) + ` +
      `what the features merged since added by ${landed} (${reference.featuresLanded.description}; its own Metrics and Tracer taken out) + ` +
      `z.lazy wrappers in schema modules; rest = growth beyond that, with the groups that grew most since ${landed}. ` +
      `Reference bytes: bench/reference/bundle-bytes.json (${reference.regenerate})`,
  );
  const growths: Growth[] = [];
  for (const b of bundles) {
    const growth = growthOf(
      reference,
      b.name,
      bundleBytes(metafile, ROOT, b),
      lazySchemaAllowance(readFileSync(b.file, 'utf8')),
    );
    if (!growth) {
      results.add({
        section: 'bundle growth',
        name: b.name,
        measured: kb(b.bytes),
        baseline: '',
        budget: 'not in the reference',
        note: reference.regenerate,
      });
      continue;
    }
    growths.push(growth);
    const rest = growth.topRest.map((g) => `${g.group} ${signedKb(g.bytes)}`).join(', ');
    results.add({
      section: 'bundle growth',
      name: b.name,
      measured: kb(growth.now),
      baseline: `${kb(growth.reference)}${growth.existed ? '' : ' (new)'}`,
      budget: `growth ≤ ${kb(growth.metricsTracer + growth.features + growth.lazy)}`,
      pass: growth.pass,
      note:
        `${signedKb(growth.now - growth.reference)}: Metrics+Tracer ${signedKb(growth.metricsTracer)}, features ${signedKb(growth.features)}` +
        `${growth.lazy ? `, z.lazy ${signedKb(growth.lazy)}` : ''}, rest ${signedKb(growth.rest)}${growth.rest > 0 && rest ? ` (${rest})` : ''}`,
    });
  }
  const worst = [...growths].sort((a, b) => b.rest - a.rest)[0];
  const metricsTracer = growths.map((g) => g.metricsTracer).sort((a, b) => a - b);
  const tracerFile = join(OUT_DIR, TRACER_FILE);
  await build(sidecarBundleOptions(TRACER_SIDECAR, tracerFile));
  const otherSidecars = await Promise.all(
    Object.entries(SIDECARS_BY_ENTRY).flatMap(([entry, sidecars]) =>
      sidecars.map(async (sidecar) => {
        const file = join(OUT_DIR, sidecar.file);
        await build(sidecarBundleOptions(sidecar, file));
        return `${sidecar.file} beside ${entry}'s index.mjs: ${formatKb(statSync(file).size)}, imported when first needed, not at cold init`;
      }),
    ),
  );
  results.note(
    `${growths.filter((g) => g.pass).length} of ${growths.length} within "growth ≤ Metrics + Tracer + features"` +
      (worst && worst.rest > 0 ? `; largest rest: ${worst.name} ${signedKb(worst.rest)}` : '') +
      `; Metrics + Tracer add ${kb(median(metricsTracer))} to index.mjs (median; ${kb(metricsTracer[0] ?? 0)}–${kb(metricsTracer.at(-1) ?? 0)}), ` +
      `plus ${TRACER_FILE} beside it: ${formatKb(statSync(tracerFile).size)} (Tracer with the X-Ray SDK), imported on the first invocation, not at cold init` +
      otherSidecars.map((line) => `; ${line}`).join(''),
  );
}

/** Why bundles miss: what the heaviest one adds over the baseline, and what each addition costs alone. */
async function explainMisses(
  results: Results,
  { misses, baseline, metafile }: { misses: Bundle[]; baseline: Bundle; metafile: Metafile },
  samples: number,
): Promise<void> {
  const worst = [...misses].sort((a, b) => b.bytes - a.bytes)[0]!;
  const extra = extraPackages(worst, baseline).slice(0, 6);
  const probed = await probeColdInit(
    extra
      .filter((e) => !e.pkg.startsWith('own code'))
      .slice(0, 3)
      .map((e) => e.pkg),
    baseline,
    samples,
  );
  const empty = probed.get(EMPTY_PROBE)!;
  results.note(
    `why: the heaviest missing bundle, ${worst.name} (${formatKb(worst.bytes)}), adds over the baseline ` +
      `(each package also imported alone; an empty module takes ${formatMs(empty.cpuMs)} of CPU vs the baseline's ${formatMs(empty.baselineCpuMs)}):`,
  );
  for (const { pkg, bytes } of extra) {
    const alone = probed.get(pkg);
    const init = alone
      ? `; alone cpu ${formatMs(alone.cpuMs)} = ${formatRatio(alone.cpuMs / alone.baselineCpuMs)} of baseline (wall ${formatRatio(alone.ms / alone.baselineMs)})`
      : '';
    results.note(`  ${pkg} +${formatKb(bytes)}${init}${importedBy(metafile, worst, pkg)}`);
  }
  results.note(`(${relative(ROOT, OUT_DIR)}/meta.json: drop it on https://esbuild.github.io/analyze/)`);
}
