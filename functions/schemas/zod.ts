import * as z from 'zod/mini';
import { en } from 'zod/locales';

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
