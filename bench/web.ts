import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildWebApp, firstLoadScripts } from '../web/build.ts';
import { formatKb, type Results } from './results.ts';

export const FIRST_LOAD_BUDGET_BYTES = 100 * 1024;
/**
 * What the patient home loads before it shows anything (fonts aside: the app ships none): the
 * page, the styles, and the script with the chunks it imports statically (staff screens are a
 * dynamic import, loaded only by staff).
 */
const FIRST_LOAD_OTHER = ['index.html', 'nhsuk.css', 'app.css'];

const gzipped = (body: Buffer | string) => gzipSync(body, { level: 9 }).length;

/**
 * The patient home's first load, compressed, against the NHS.UK frontend's own compiled CSS and
 * JS (what any page on the design system loads as shipped), built in the same run.
 */
export async function benchWeb(results: Results): Promise<void> {
  const bundle = await buildWebApp();
  const measured = [...FIRST_LOAD_OTHER, ...firstLoadScripts(bundle)].reduce((sum, name) => {
    const file = bundle.get(name);
    if (!file) throw new Error(`The web build has no ${name}`);
    return sum + gzipped(file.body);
  }, 0);
  const nhsuk = join(dirname(createRequire(import.meta.url).resolve('nhsuk-frontend/package.json')), 'dist', 'nhsuk');
  const shipped = readdirSync(nhsuk).filter((name) => /^nhsuk-frontend-[\d.]+\.min\.(css|js)$/.test(name));
  const baseline = shipped.reduce((sum, name) => sum + gzipped(readFileSync(join(nhsuk, name))), 0);
  results.heading(
    'Web app',
    'the patient home’s first load (HTML, script, styles), gzip -9, vs nhsuk-frontend’s own min CSS + JS',
  );
  results.add({
    section: 'web',
    name: 'patient home first load',
    measured: formatKb(measured),
    baseline: formatKb(baseline),
    ratio: measured / baseline,
    budget: `≤ ${formatKb(FIRST_LOAD_BUDGET_BYTES)}`,
    pass: measured <= FIRST_LOAD_BUDGET_BYTES,
  });
}
