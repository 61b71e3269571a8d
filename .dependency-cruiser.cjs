// @ts-check
/**
 * The layering of functions/, checked by `npm run deps:check` (part of `npm test`).
 *
 * A request travels down one way: an entry (api/, scheduled/, identity/, notifications/) calls
 * http/ (middleware), which calls a use case, which reads and writes through store/; domain/ holds
 * the rules and schemas/ the contract's shapes and codes at the bottom. Each layer may import the
 * layers listed under it and nothing above it, and no module may reach itself again through its
 * imports. Type-only imports count (tsPreCompilationDeps): a cycle through types is still one a
 * reader has to follow.
 */

/** @type {Record<string, { path: string, uses: string[] }>} */
const LAYERS = {
  schemas: { path: '^functions/schemas/', uses: [] },
  config: { path: '^functions/config[.]ts$', uses: [] },
  observability: { path: '^functions/observability/', uses: [] },
  domain: { path: '^functions/domain/', uses: ['schemas'] },
  // Presentations of domain figures (the report's HTML page): pure, read by use cases and entries.
  render: { path: '^functions/render/', uses: ['domain', 'schemas'] },
  store: { path: '^functions/store/', uses: ['domain', 'schemas', 'config', 'observability'] },
  usecases: { path: '^functions/usecases/', uses: ['store', 'render', 'domain', 'schemas', 'config', 'observability'] },
  // The route declarations (routes/, with the shape they share in routes/route-spec.ts) and the
  // table that lists them (routes.ts), read by http/, lib/ and local mode.
  routes: { path: '^functions/routes([.]ts$|/)', uses: ['domain', 'schemas'] },
  // http/ wraps each request in the store's request guards (deadline, link, proxy), so it may reach
  // store/ as well as the use cases.
  http: {
    path: '^functions/http/',
    uses: ['routes', 'usecases', 'render', 'store', 'domain', 'schemas', 'config', 'observability'],
  },
  // Lambda entries and the adapters only they use (the notification channels, dev tokens).
  entries: {
    path: '^functions/(api|scheduled|identity|notifications)/',
    uses: ['entries', 'http', 'routes', 'usecases', 'render', 'store', 'domain', 'schemas', 'config', 'observability'],
  },
};

const anyOf = (/** @type {string[]} */ names) => names.map((name) => `(${LAYERS[name].path})`).join('|');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...Object.entries(LAYERS).map(([name, layer]) => ({
      name: `layer-${name}`,
      comment: `functions/ ${name} may import ${layer.uses.length ? layer.uses.join(', ') : 'no other layer'}`,
      severity: /** @type {const} */ ('error'),
      from: { path: layer.path },
      to: { path: '^functions/', pathNot: anyOf([name, ...layer.uses]) },
    })),
    {
      name: 'functions-stand-alone',
      comment: 'Lambda code never imports the CDK app, local mode, scripts, tests or the web app',
      severity: 'error',
      from: { path: '^functions/' },
      to: { path: '^(bin|lib|local|bench|test|web)/' },
    },
    {
      name: 'layer-unknown',
      comment: 'every module under functions/ belongs to a layer above (add a new folder to LAYERS)',
      severity: 'error',
      from: { path: '^functions/', pathNot: anyOf(Object.keys(LAYERS)) },
      to: {},
    },
    {
      name: 'no-circular',
      comment: 'no module reaches itself again through its imports, type-only ones included',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|cdk[.]out)/' },
  },
};
