import openapiTS, { astToString } from 'openapi-typescript';

/** Where the browser's API types live: generated, committed, and checked for drift by a test. */
export const API_TYPES_FILE = new URL('./src/api/openapi.ts', import.meta.url);

const BANNER = '/* Generated from docs/openapi.json by `npm run openapi`. Do not edit. */\n';

/** The TypeScript declarations openapi-fetch needs (`paths`, `components`), from the OpenAPI document. */
export async function generateApiTypes(document: object): Promise<string> {
  const ast = await openapiTS(JSON.stringify(document), { alphabetize: false, exportType: true });
  return `${BANNER}/* eslint-disable */\n${astToString(ast)}`;
}
