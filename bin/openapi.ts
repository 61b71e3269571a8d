import { writeFileSync } from 'node:fs';
import { buildOpenApi } from '../functions/http/openapi.ts';
import { ROUTES } from '../functions/routes.ts';

/** `npm run openapi`: writes docs/openapi.json (the deployed API's document) for the README to link. */
const target = new URL('../docs/openapi.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(buildOpenApi(ROUTES, { includeLocalOnly: false }), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
