import { LocalModeError } from './errors.ts';
import { DEFAULT_TABLE_NAME, type LocalModeOptions } from './local-mode.ts';

/** `npm start`'s environment → local mode options. */
export function optionsFromEnv(env: NodeJS.ProcessEnv): LocalModeOptions {
  const dynamoEndpoint = env.DYNAMODB_ENDPOINT?.trim() || undefined;
  return {
    port: portFrom(env, 'PORT', 3000),
    dynamoPort: portFrom(env, 'DYNAMODB_PORT', 8000),
    ...(dynamoEndpoint ? { dynamoEndpoint } : {}),
    dataDir: env.DATA_DIR?.trim() || '.data',
    tableName: env.TABLE_NAME?.trim() || DEFAULT_TABLE_NAME,
    seed: env.SEED?.trim().toLowerCase() !== 'none',
  };
}

function portFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65_535) {
    throw new LocalModeError(`${name} must be a port number from 0 to 65535, not "${raw}".`);
  }
  return port;
}
