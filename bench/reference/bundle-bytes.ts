import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Metafile } from 'esbuild';

/**
 * What a Lambda bundle is made of, in bytes, in a form small enough to keep for a past commit
 * (bench/reference/bundle-bytes.json) and to compare with today's bundles: the bench's size
 * verdict and the unit test that guards it both read bundles through this module.
 */

export interface FunctionEntry {
  /** operationId for a route; `scheduled/<file>` and `cognito/pre-token` for the others. */
  name: string;
  /** The entry file, absolute. */
  entry: string;
  note?: string;
}

interface RouteLike {
  operationId: string;
  entry: string;
  localOnly?: boolean;
}

/** Every function of a checkout: each route entry (and the catch-all), the scheduled functions, the Cognito trigger. */
export function functionEntries(functionsDir: string, routes: readonly RouteLike[]): FunctionEntry[] {
  const fromRoutes: FunctionEntry[] = routes.map((r) => ({
    name: r.operationId,
    entry: join(functionsDir, r.entry),
    ...(r.localOnly ? { note: 'local only, not deployed' } : {}),
  }));
  const scheduledDir = join(functionsDir, 'scheduled');
  const scheduled: FunctionEntry[] = existsSync(scheduledDir)
    ? readdirSync(scheduledDir)
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
        .map((f) => ({ name: `scheduled/${f.replace(/\.ts$/, '')}`, entry: join(scheduledDir, f) }))
    : [];
  const preToken = join(functionsDir, 'identity', 'pre-token.ts');
  const trigger: FunctionEntry[] = existsSync(preToken) ? [{ name: 'cognito/pre-token', entry: preToken }] : [];
  return [...fromRoutes, ...scheduled, ...trigger];
}

/** The directory esbuild writes a function to (`<outdir>/<dir>/index.mjs`). */
export const outputDir = (name: string) => name.replace(/[^\w-]/g, '_');

/** Imports into these are what Metrics and Tracer bring: the Powertools packages and our wrappers of them. */
const METRICS_TRACER =
  /(?:node_modules\/@aws-lambda-powertools\/(?:metrics|tracer)\/|functions\/observability\/(?:metrics|tracer)\.ts$)/;
const COMMONS = '@aws-lambda-powertools/commons';

/**
 * Where an input's bytes are counted: its package (the AWS SDK's many packages as one), or our
 * own code by directory under functions/.
 */
export function groupOf(input: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
  if (pkg) return /^@(?:aws-sdk|smithy|aws-crypto|aws)\//.test(pkg) ? 'AWS SDK (@aws-sdk, @smithy)' : pkg;
  const own = /(?:^|\/)functions\/(?:([^/]+)\/)?/.exec(input);
  if (own) return own[1] ? `functions/${own[1]}/` : 'functions/*.ts';
  return input;
}

export interface BundleBytes {
  /** index.mjs, without its source map. */
  bytes: number;
  /**
   * Bytes only Metrics and Tracer bring into index.mjs: the inputs no longer reachable from the
   * entry once imports into them are cut (so whatever only they pull in counts too).
   */
  metricsTracer: number;
  /** Bytes by groupOf(input), for attributing growth. */
  groups: Record<string, number>;
  /** The z.lazy allowance of the bundle's schema modules at the time (lazySchemaAllowance). */
  lazy?: number;
}

/** One function's bytes, from a metafile of a build with esbuildOptions (root: that build's working directory). */
export function bundleBytes(metafile: Metafile, root: string, fn: FunctionEntry): BundleBytes {
  const key = Object.keys(metafile.outputs).find((k) => k.endsWith(`${outputDir(fn.name)}/index.mjs`));
  if (!key) throw new Error(`esbuild wrote no bundle for ${fn.name}`);
  const output = metafile.outputs[key]!;
  const entry = relative(root, fn.entry);
  const reachable = new Set<string>([entry]);
  const queue = [entry];
  while (queue.length > 0) {
    for (const { path } of metafile.inputs[queue.pop()!]?.imports ?? []) {
      // Through every input, not only those with bytes in the output: a re-exporting index has none.
      if (reachable.has(path) || METRICS_TRACER.test(path)) continue;
      reachable.add(path);
      queue.push(path);
    }
  }
  const groups: Record<string, number> = {};
  let metricsTracer = 0;
  for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
    if (bytesInOutput === 0) continue;
    if (!reachable.has(path)) metricsTracer += bytesInOutput;
    const group = groupOf(path);
    groups[group] = (groups[group] ?? 0) + bytesInOutput;
  }
  return { bytes: output.bytes, metricsTracer, groups };
}

export interface Reference {
  commit: string;
  description: string;
  functions: Record<string, BundleBytes>;
}

export interface ReferenceFile {
  about: string;
  regenerate: string;
  esbuild: string;
  /** The last commit before the step: what the rule measures growth from. */
  before: Reference;
  /** Where the features merged during the step had landed: their bytes are allowed too. */
  featuresLanded: Reference;
  /**
   * The sizes last accepted (a commit after the step): no bundle may outgrow them, Metrics and
   * Tracer changes and z.lazy wrappers aside, until they are recorded again on purpose.
   */
  accepted: Reference;
}

export const REFERENCE_FILE = new URL('./bundle-bytes.json', import.meta.url);

export const readReference = (): ReferenceFile => JSON.parse(readFileSync(REFERENCE_FILE, 'utf8')) as ReferenceFile;

/**
 * What `z.lazy(() => …)` around a schema costs in a minified bundle (the wrapper and its arrow):
 * an allowance, so a schema module rewritten that way does not count as growth.
 */
export const LAZY_SCHEMA_BYTES = 16;
/**
 * zod's lazy schema type itself, once per bundle that uses it: a probe importing zod/mini with
 * one object schema, then the same schema inside z.lazy, minified: 17,005 and 17,709 bytes.
 */
export const LAZY_TYPE_BYTES = 704;

/** zod's `lazy` as a minified bundle defines it, whatever name the minifier gave it. */
const LAZY_DEFINITION = /function ([\w$]+)\(([\w$]+)\)\{return new [\w$]+\(\{type:"lazy",getter:\2\}\)\}/;

/**
 * The z.lazy wrappers a minified bundle kept (calls of zod's `lazy` with an arrow, counted in the
 * bundle, so a wrapper tree-shaking dropped costs nothing), times their cost, and the lazy type once.
 */
export function lazySchemaAllowance(bundleText: string): number {
  const lazy = LAZY_DEFINITION.exec(bundleText)?.[1];
  if (!lazy) return 0;
  const wrapper = new RegExp(`(?<![\\w$.])${lazy.replace(/\$/g, '\\$')}\\(\\(\\)=>`, 'g');
  return LAZY_TYPE_BYTES + (bundleText.match(wrapper)?.length ?? 0) * LAZY_SCHEMA_BYTES;
}

export interface Growth {
  name: string;
  /** Size at the reference before the step; for a function added since, its size when the features had landed, less Metrics and Tracer. */
  reference: number;
  /** Whether the function existed at the `before` reference. */
  existed: boolean;
  now: number;
  /** Metrics and Tracer in today's index.mjs, plus the Powertools commons they grow. */
  metricsTracer: number;
  /** What the proxy, registry and notification features (and the logger's context) added by the time they had landed, Metrics and Tracer aside. */
  features: number;
  /** The z.lazy wrappers' allowance. */
  lazy: number;
  /** now − reference − metricsTracer − features − lazy: what else grew (≤ 0 passes). */
  rest: number;
  /** The groups that grew most besides Metrics and Tracer, since the features had landed. */
  topRest: { group: string; bytes: number }[];
  pass: boolean;
}

/** Today's bundle against the references: the size verdict "growth ≤ Metrics + Tracer (+ the features landed since)". */
export function growthOf(ref: ReferenceFile, name: string, now: BundleBytes, lazy: number): Growth | undefined {
  const landed = ref.featuresLanded.functions[name];
  if (!landed) return undefined;
  const before = ref.before.functions[name];
  const commons = (b: BundleBytes) => b.groups[COMMONS] ?? 0;
  // Metrics and Tracer as the features' commit had them, to take them out of the features' share.
  const landedBare =
    landed.bytes - landed.metricsTracer - Math.max(0, commons(landed) - (before ? commons(before) : 0));
  const reference = before?.bytes ?? landedBare;
  // The same commons baseline as `landedBare` took out: before's where the function existed, else none.
  const metricsTracer = now.metricsTracer + Math.max(0, commons(now) - (before ? commons(before) : 0));
  // A feature that shrank a bundle (as moving jose out of pre-token did) tightens nothing.
  const features = Math.max(0, landedBare - reference);
  const rest = now.bytes - reference - metricsTracer - features - lazy;
  const groups = new Set([...Object.keys(now.groups), ...Object.keys(landed.groups)]);
  const topRest = [...groups]
    .filter((g) => g !== COMMONS && !/@aws-lambda-powertools\/(?:metrics|tracer)$/.test(g))
    .map((group) => ({ group, bytes: (now.groups[group] ?? 0) - (landed.groups[group] ?? 0) }))
    .filter((g) => g.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 3);
  return {
    name,
    reference,
    existed: before !== undefined,
    now: now.bytes,
    metricsTracer,
    features,
    lazy,
    rest,
    topRest,
    pass: rest <= 0,
  };
}

/**
 * The ratchet the unit test holds: today's bundle against its accepted size, less any change in
 * Metrics and Tracer bytes and in the z.lazy allowance. Positive: bytes over.
 */
export function overAccepted(ref: ReferenceFile, name: string, now: BundleBytes, lazy: number): number | undefined {
  const accepted = ref.accepted.functions[name];
  if (!accepted) return undefined;
  return now.bytes - now.metricsTracer - (accepted.bytes - accepted.metricsTracer) - (lazy - (accepted.lazy ?? 0));
}
