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
 * Schemas are built on first use, not at import. Every schema module wraps each schema it
 * defines at top level in `z.lazy(() => …)`: importing a module then costs one small object a
 * schema, and a schema's parts, checks and nested objects are built the first time it parses,
 * renders as JSON Schema or is composed into another. Building them all at import cost a function
 * about 20 µs of CPU each, some 450 of them (9 ms) for a typical handler, most for routes and
 * entities it never touches: esbuild cannot drop an unused top-level schema (it does not know that
 * zod's builders are free of side effects across modules), so a handler imports every schema of
 * every module it reaches. A lazy schema parses, reports issues and renders exactly as its inner one.
 */

/** The schema a lazy one stands for, built now: for composing with its `.shape`, `z.partial`, `z.omit`… */
export function built<T extends SomeType>(schema: z.ZodMiniLazy<T>): T {
  return schema._zod.innerType;
}
