import { writeFileSync } from 'node:fs';
import { buildOpenApi } from '../functions/http/openapi.ts';
import { ROUTES } from '../functions/routes.ts';
import { API_TYPES_FILE, generateApiTypes } from '../web/api-types.ts';

/**
 * `npm run openapi`: writes docs/openapi.json (the deployed API's document) for the README to link,
 * and the web app's API types generated from it, so the two never disagree.
 */
const target = new URL('../docs/openapi.json', import.meta.url);
const document = buildOpenApi(ROUTES, { includeLocalOnly: false });
writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
writeFileSync(API_TYPES_FILE, await generateApiTypes(document));
console.log(`wrote ${API_TYPES_FILE.pathname}`);
