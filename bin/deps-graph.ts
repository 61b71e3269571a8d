import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * `npm run deps:graph`: draws how the modules under functions/ depend on each other, one box per
 * folder (api, http, usecases, domain, store, …), with dependency-cruiser and the options of the
 * layer rule `npm run deps:check` enforces (.dependency-cruiser.cjs): type-only imports count, as
 * a dependency through types is still one a reader has to follow. Writes docs/module-graph.mmd
 * (Mermaid, which GitHub renders; top to bottom, so the layers read downwards), and
 * docs/module-graph.svg as well when Graphviz's `dot` is installed.
 */
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DEPCRUISE = fileURLToPath(new URL('../node_modules/.bin/depcruise', import.meta.url));

function cruise(outputType: 'mermaid' | 'dot'): string {
  const run = spawnSync(
    DEPCRUISE,
    [
      'functions',
      '--config',
      '.dependency-cruiser.cjs',
      '--include-only',
      '^functions',
      '--collapse',
      '^functions/[^/]+/',
      '--output-type',
      outputType,
    ],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  if (run.status !== 0) throw new Error(`dependency-cruiser failed: ${run.stderr}`);
  return run.stdout;
}

/** A collapsed folder comes out as a box holding one blank node: draw it as one node named after the folder. */
const folderNodes = (graph: string) =>
  graph.replace(
    /subgraph \w+\["([^"]+)"\]\n(\w+)\[" "\]\nend/g,
    (_all, folder: string, node: string) => `${node}["${folder}/"]`,
  );

const topToBottom = (graph: string) => graph.replace(/^flowchart LR$/m, 'flowchart TB');

const mermaid = new URL('../docs/module-graph.mmd', import.meta.url);
writeFileSync(mermaid, topToBottom(folderNodes(cruise('mermaid'))));
console.log(`wrote ${mermaid.pathname}`);

if (spawnSync('dot', ['-V']).status === 0) {
  const svg = spawnSync('dot', ['-T', 'svg'], { input: cruise('dot'), encoding: 'utf8' });
  if (svg.status !== 0) throw new Error(`dot failed: ${svg.stderr}`);
  const file = new URL('../docs/module-graph.svg', import.meta.url);
  writeFileSync(file, svg.stdout);
  console.log(`wrote ${file.pathname}`);
} else {
  console.log('Graphviz (dot) is not installed: Mermaid only');
}
