import * as z from 'zod/mini';
import { en } from 'zod/locales';
import type { SomeType } from 'zod/v4/core';

/**
 * The zod every runtime schema is built with: `zod/mini`, the functional, tree-shakable API over
 * the same core as classic zod (same parsing, issues and JSON Schema), so a Lambda bundle carries
 * only the schema kinds it uses (about 20 KB) rather than all of classic zod (about 440 KB, 0.4× of
 * the cold-init baseline; see `npm run bench`).
 *
 * Unlike classic zod, zod/mini loads no locale, so every issue would read "Invalid input"; English
 * is set here, once, for every module that imports zod through this file. Import it as a
 * namespace (`import * as z from './zod.ts'`): esbuild then keeps only what is used, where a
 * named `{ z }` import of zod/mini's namespace object drags in all of it.
 */
z.config(en());

export * from 'zod/mini';

/*
 * Schemas are built on first use, not at import. Every schema module defines each top-level
 * schema as `z.lazy(() => …)`, the call marked `@__PURE__`. esbuild cannot see that zod's
 * builders are free of side effects across modules, so without this a handler built every schema
 * of every module it reached at import: about 450 zod objects, 20 µs of CPU each (9 ms), mostly
 * for routes and entities it never touches. Marked pure, a schema no code in the bundle reaches is
 * dropped; one it reaches costs one small object at import, and its parts, checks and nested
 * objects are built the first time it parses, renders as JSON Schema or is composed into another.
 * A lazy schema parses, reports issues and renders exactly as its inner one.
 */

/** The schema a lazy one stands for, built now: for composing with its `.shape`, `z.partial`, `z.omit`… */
export function built<T extends SomeType>(schema: z.ZodMiniLazy<T>): T {
  return schema._zod.innerType;
}
