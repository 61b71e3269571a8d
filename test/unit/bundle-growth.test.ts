import { describe, expect, it } from 'vitest';
import {
  growthOf,
  LAZY_SCHEMA_BYTES,
  LAZY_TYPE_BYTES,
  lazySchemaAllowance,
  type BundleBytes,
  type ReferenceFile,
} from '../../bench/reference/bundle-bytes.ts';

const COMMONS = '@aws-lambda-powertools/commons';
const bundle = (bytes: number, metricsTracer: number, commons: number): BundleBytes => ({
  bytes,
  metricsTracer,
  groups: { [COMMONS]: commons, 'functions/store': bytes - metricsTracer - commons },
});
const reference = (before: Record<string, BundleBytes>, landed: Record<string, BundleBytes>): ReferenceFile => ({
  about: '',
  regenerate: '',
  esbuild: '',
  before: { commit: 'b', description: '', functions: before },
  featuresLanded: { commit: 'l', description: '', functions: landed },
  accepted: { commit: 'a', description: '', functions: landed },
});

describe('bundle growth since the step', () => {
  it('allows what Metrics and Tracer add, with the Powertools commons they grow, and the features', () => {
    const ref = reference({ f: bundle(400_000, 0, 2_000) }, { f: bundle(415_000, 10_000, 4_000) });
    const growth = growthOf(ref, 'f', bundle(415_000, 10_000, 4_000), 0)!;
    expect(growth).toMatchObject({ reference: 400_000, metricsTracer: 12_000, features: 3_000, rest: 0, pass: true });
    expect(growthOf(ref, 'f', bundle(415_001, 10_000, 4_000), 0)!.pass).toBe(false);
  });

  it('measures a function added during the step from its size when the features landed, Powertools taken out once', () => {
    const ref = reference({}, { g: bundle(430_000, 10_000, 4_000) });
    // The same bundle as when the features landed: no growth at all.
    expect(growthOf(ref, 'g', bundle(430_000, 10_000, 4_000), 0)).toMatchObject({
      reference: 416_000,
      rest: 0,
      pass: true,
    });
    // Smaller than then: passes with room to spare.
    expect(growthOf(ref, 'g', bundle(427_000, 10_000, 4_000), 0)).toMatchObject({ rest: -3_000, pass: true });
  });
});

describe('the z.lazy allowance', () => {
  it('counts the wrappers a minified bundle kept, not those tree-shaking dropped', () => {
    const bundle =
      'function ue(t){return new XM({type:"lazy",getter:t})}var A=ue(()=>k({a:j()})),B=ue(()=>k({b:A}));' +
      'function f(){const ue=q;return ue(1)}';
    expect(lazySchemaAllowance(bundle)).toBe(LAZY_TYPE_BYTES + 2 * LAZY_SCHEMA_BYTES);
    expect(lazySchemaAllowance('var A=k({a:j()});')).toBe(0);
  });
});
