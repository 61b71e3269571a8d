import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, buildSync, type BuildOptions, type OutputFile } from 'esbuild';

/** One file of the built web app, served under /app/. */
export interface WebFile {
  body: Buffer;
  contentType: string;
}

/** The built app: path under /app/ (e.g. `main.js`) to file; `index.html` answers every deep link. */
export type WebBundle = ReadonlyMap<string, WebFile>;

const WEB_DIR = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const NHSUK_DIR = join(dirname(require.resolve('nhsuk-frontend/package.json')), 'dist', 'nhsuk');

const ESBUILD_OPTIONS = {
  entryPoints: [join(WEB_DIR, 'src', 'main.ts')],
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  write: false,
  // Staff screens load on demand (a dynamic import), so the patient home never downloads them.
  splitting: true,
  outdir: join(WEB_DIR, 'out'),
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  legalComments: 'none',
  logLevel: 'silent',
} satisfies BuildOptions;

/**
 * Builds the app in memory: the script bundled and minified by esbuild, the NHS.UK frontend's
 * compiled styles, its icons, the app's own few styles and the page. Takes well under a second,
 * so local mode builds on every start and a fresh clone needs no build step.
 */
export async function buildWebApp(): Promise<WebBundle> {
  return assemble((await build(ESBUILD_OPTIONS)).outputFiles);
}

/** The same build, synchronously: CDK constructs are built synchronously, so `cdk synth` uses this. */
export function buildWebAppSync(): WebBundle {
  return assemble(buildSync(ESBUILD_OPTIONS).outputFiles);
}

function assemble(outputFiles: readonly OutputFile[]): WebBundle {
  const files = new Map<string, WebFile>();
  for (const output of outputFiles) {
    files.set(output.path.split(/[\\/]/).pop() ?? 'main.js', {
      body: Buffer.from(output.contents),
      contentType: 'text/javascript; charset=utf-8',
    });
  }
  files.set('nhsuk.css', { body: Buffer.from(nhsukStyles()), contentType: 'text/css; charset=utf-8' });
  files.set('app.css', { body: readFileSync(join(WEB_DIR, 'app.css')), contentType: 'text/css; charset=utf-8' });
  files.set('index.html', {
    body: readFileSync(join(WEB_DIR, 'index.html')),
    contentType: 'text/html; charset=utf-8',
  });
  const images = join(NHSUK_DIR, 'assets', 'images');
  for (const name of readdirSync(images).filter((file) => file.endsWith('.svg'))) {
    files.set(`assets/images/${name}`, { body: readFileSync(join(images, name)), contentType: 'image/svg+xml' });
  }
  return files;
}

/**
 * `main.js` and the chunks it imports statically: what any page loads before it shows anything
 * (the chunks only a dynamic import reaches are not among them).
 */
export function firstLoadScripts(bundle: WebBundle): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    const file = bundle.get(name);
    if (!file || seen.has(name)) return;
    seen.add(name);
    const source = file.body.toString('utf8');
    for (const match of source.matchAll(
      /(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{},\s]*?from\s*)?"\.\/([\w.-]+\.js)"/g,
    ))
      visit(match[1] ?? '');
  };
  visit('main.js');
  return [...seen];
}

/**
 * The frontend's compiled CSS, with its icons moved under /app/ and without the Frutiger web
 * fonts: those are licensed for nhs.uk hosts only, and the font stack falls back to Arial.
 */
function nhsukStyles(): string {
  const file = readdirSync(NHSUK_DIR).find((name) => /^nhsuk-frontend-[\d.]+\.min\.css$/.test(name));
  if (!file) throw new Error(`No compiled nhsuk-frontend CSS in ${NHSUK_DIR}`);
  return readFileSync(join(NHSUK_DIR, file), 'utf8')
    .replace(/@font-face\{[^}]*\}/g, '')
    .replaceAll('url(/assets/', 'url(/app/assets/');
}
