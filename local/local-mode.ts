import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PracticeConfig } from '../functions/schemas/practice-config.ts';
import { parsePracticeList } from '../functions/domain/practices.ts';
import { signDevToken } from '../functions/identity/dev-jwt.ts';
import { ROUTES } from '../functions/routes.ts';
import type { Claims } from '../functions/schemas/identity.ts';
import { db, setDocumentClient } from '../functions/store/client.ts';
import { seedRegistry } from '../functions/store/registry.ts';
import { LOCAL_REGION } from './constants.ts';
import {
  advertiseEndpoint,
  loadOrCreateTokenSecret,
  PAGE_TOKEN_KEY_FILE,
  prepareDataDir,
  resolveDataDir,
} from './data-dir.ts';
import { assertJavaAvailable, localClient, loopbackSupported, waitUntilAnswering } from './dynamodb.ts';
import { superviseDynamoDbLocal, type SupervisedDynamoDbLocal } from './dynamodb-supervisor.ts';
import { LocalModeError } from './errors.ts';
import { callInProcess, createGateway, type Gateway } from './gateway.ts';
import { assertPortFree, freePort } from './ports.ts';
import { DEMO_SEED_STEPS, demoPractices, runSeed } from './seed.ts';
import type { SeedCall, SeedContext, SeedStep } from './seed-step.ts';
import { startApiServer, type ApiServer, type RequestSummary } from './server.ts';
import { ensureTable, isTableEmpty } from './table.ts';
import { withWebApp } from './web-app.ts';
import { buildWebApp } from '../web/build.ts';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startLocalSender, type LocalSender, type LocalSenderOptions } from './notification-sender.ts';

export const DEFAULT_TABLE_NAME = 'patient-online';
const FUNCTIONS_DIR = fileURLToPath(new URL('../functions/', import.meta.url));
const CDK_JSON = fileURLToPath(new URL('../cdk.json', import.meta.url));
const ENDPOINT_TIMEOUT_MS = 10_000;

export interface LocalModeOptions {
  /** API port on 127.0.0.1; 0 picks a free one. */
  port: number;
  /** DynamoDB Local port; 0 (the default) picks a free one. Unused with `dynamoEndpoint`. */
  dynamoPort?: number;
  /** A DynamoDB already running (DYNAMODB_ENDPOINT): nothing is spawned. */
  dynamoEndpoint?: string;
  /** Where DynamoDB Local and the dev-token secret persist (relative to the working directory), or ':memory:'. */
  dataDir: string;
  tableName?: string;
  /** Seed the demo data if the table is empty. */
  seed: boolean;
  /** Replaces the demo seed steps (e.g. to add a feature's own). */
  seedSteps?: readonly SeedStep[];
  /** Where the practice list comes from: cdk.json context.patientOnline.practices. */
  cdkJsonPath?: string;
  onRequest?: (summary: RequestSummary) => void;
  /** Unexpected failures: a handler that threw, a response that could not be written. */
  onError?: (message: string, error?: unknown) => void;
  /**
   * DynamoDB Local exited on its own, is being restarted, or is back: one line each (default:
   * reported through onError). The API keeps running and answers 503 meanwhile.
   */
  onDynamoEvent?: (message: string) => void;
  /** The in-process notification sender's settings (tests: a failing channel, a short backoff). */
  notifications?: LocalSenderOptions;
}

export type SeedOutcome =
  | { status: 'seeded' }
  | { status: 'skipped'; reason: 'disabled' | 'table-not-empty' }
  | { status: 'failed'; error: Error };

export interface LocalMode {
  url: string;
  dynamoEndpoint: string;
  /** The DynamoDB Local that local mode started and restarts (undefined with DYNAMODB_ENDPOINT). */
  dynamoDbLocal: SupervisedDynamoDbLocal | undefined;
  /** Absolute data directory, or undefined when in memory. */
  dataDir: string | undefined;
  tableName: string;
  practices: readonly PracticeConfig[];
  seed: SeedOutcome;
  /** The in-process route dispatcher behind the HTTP server (see callInProcess). */
  gateway: Gateway;
  /** A dev token, as POST /dev/token would mint it. */
  mintToken(claims: Claims): Promise<string>;
  /** The in-process notification sender (delivering to GET /dev/outbox). */
  notificationSender: {
    /** Stops it, as if its process died (what it had claimed waits for its lease to run out). */
    stop(): Promise<void>;
    /** Stops it if running and starts a new one. */
    restart(options?: LocalSenderOptions): Promise<void>;
    /** The running sender's own DynamoDB client (tests inject faults into it). */
    client(): DynamoDBDocumentClient | undefined;
  };
  /** Stops the HTTP server, then DynamoDB Local. Safe to call twice. */
  stop(): Promise<void>;
}

/** The handlers read their configuration from the environment, once, so only one instance per process. */
let running = false;

/**
 * Local mode: DynamoDB Local (or DYNAMODB_ENDPOINT), the table from the stack's definition, the
 * demo seed, and the route table served over HTTP as API Gateway would. Fails with a
 * LocalModeError before spawning anything when Java, a port or the data dir is not usable.
 */
export async function startLocalMode(options: LocalModeOptions): Promise<LocalMode> {
  if (running)
    throw new LocalModeError('Local mode is already running in this process: stop it before starting another.');
  running = true;
  const cleanups: (() => Promise<void>)[] = [];
  const cleanUp = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    running = false;
  };
  try {
    const mode = await start(options, cleanups);
    let stopped: Promise<void> | undefined;
    return { ...mode, stop: () => (stopped ??= cleanUp()) };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

async function start(options: LocalModeOptions, cleanups: (() => Promise<void>)[]): Promise<Omit<LocalMode, 'stop'>> {
  const dataDir = resolveDataDir(options.dataDir, process.cwd());
  const tableName = options.tableName ?? DEFAULT_TABLE_NAME;
  const practiceList = readPractices(options.cdkJsonPath ?? CDK_JSON);

  // Every check that can fail with a plain answer comes before anything is spawned.
  if (!options.dynamoEndpoint) assertJavaAvailable();
  await assertPortFree(options.port, 'PORT');
  const dynamoPort = options.dynamoEndpoint ? undefined : await chooseDynamoPort(options.dynamoPort ?? 0);
  if (dataDir) prepareDataDir(dataDir);
  const tokenSecret = loadOrCreateTokenSecret(dataDir);
  const pageTokenKey = loadOrCreateTokenSecret(dataDir, PAGE_TOKEN_KEY_FILE);

  const dynamoDbLocal =
    dynamoPort === undefined ? undefined : await launchDynamoDbLocal(dynamoPort, dataDir, tableName, options, cleanups);
  const dynamoEndpoint = dynamoDbLocal?.endpoint ?? (await checkEndpoint(options.dynamoEndpoint ?? ''));
  const client = localClient(dynamoEndpoint);
  cleanups.push(() => Promise.resolve(client.destroy()));
  const withdraw = advertiseEndpoint(dataDir, dynamoEndpoint);
  cleanups.push(() => Promise.resolve(withdraw()));
  await ensureTable(client, tableName);
  const tableWasEmpty = await isTableEmpty(client, tableName);

  const restoreEnvironment = configureHandlerEnvironment({
    tableName,
    dynamoEndpoint,
    tokenSecret,
    pageTokenKey,
  });
  cleanups.push(() => Promise.resolve(restoreEnvironment()));
  // The configured practices join the registry on every start (as a deploy does), with or without
  // the demo seed; what an admin changed since is never overwritten.
  await seedRegistry(practiceList.parsed, new Date());

  const gateway = createGateway({
    routes: ROUTES,
    functionsDir: FUNCTIONS_DIR,
    tokenSecret,
    logError: (message, error) => options.onError?.(message, error),
  });
  const mintToken = async (claims: Claims) => (await signDevToken(claims, tokenSecret)).token;

  const seed = await seedIfWanted(options, tableWasEmpty, {
    call: seedCall(gateway, mintToken),
    practices: demoPractices(practiceList.parsed),
    now: new Date(),
  });

  // The web app on the same origin as the API (no CORS), built afresh on each start.
  const site = withWebApp(gateway, await buildWebApp(), {
    signIn: 'local',
    practices: practiceList.parsed.map((practice) => practice.ods),
  });
  let sender: LocalSender | undefined;
  const notificationSender = {
    stop: async () => {
      await sender?.stop();
      sender = undefined;
    },
    restart: async (senderOptions?: LocalSenderOptions) => {
      await sender?.stop();
      sender = startLocalSender({ onError: options.onError, ...(senderOptions ?? options.notifications) });
    },
    client: () => sender?.client,
  };
  await notificationSender.restart();
  cleanups.push(() => notificationSender.stop());

  const server: ApiServer = await startApiServer(site, {
    port: options.port,
    onResponse: options.onRequest,
    onError: (error) => options.onError?.('could not answer a request', error),
  });
  cleanups.push(() => server.close());

  return {
    url: server.url,
    dynamoEndpoint,
    dynamoDbLocal,
    dataDir,
    tableName,
    practices: practiceList.parsed,
    seed,
    gateway,
    mintToken,
    notificationSender,
  };
}

/** cdk.json is the single source of the practice list, for the stack and for local mode alike. */
function readPractices(cdkJsonPath: string): { raw: unknown; parsed: PracticeConfig[] } {
  let raw: unknown;
  try {
    const cdk = JSON.parse(readFileSync(cdkJsonPath, 'utf8')) as {
      context?: { patientOnline?: { practices?: unknown } };
    };
    raw = cdk.context?.patientOnline?.practices;
  } catch (error) {
    throw new LocalModeError(`Cannot read the practice list from ${cdkJsonPath}: ${(error as Error).message}.`, {
      cause: error,
    });
  }
  try {
    return { raw, parsed: parsePracticeList(JSON.stringify(raw ?? null)) };
  } catch (error) {
    throw new LocalModeError(`${cdkJsonPath} context.patientOnline.practices: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

async function chooseDynamoPort(requested: number): Promise<number> {
  if (requested === 0) return freePort();
  await assertPortFree(requested, 'DYNAMODB_PORT');
  return requested;
}

/** DYNAMODB_ENDPOINT: someone else's DynamoDB, which must already answer. */
async function checkEndpoint(endpoint: string): Promise<string> {
  try {
    await waitUntilAnswering(endpoint, ENDPOINT_TIMEOUT_MS);
  } catch (error) {
    throw new LocalModeError(
      `Nothing answers at DYNAMODB_ENDPOINT=${endpoint}: start DynamoDB there or unset DYNAMODB_ENDPOINT.`,
      { cause: error },
    );
  }
  return endpoint;
}

/**
 * Starts DynamoDB Local, stopped by the cleanups. Exiting on its own is reported, and it is
 * restarted on the same port and data (the table re-created if it was in memory).
 */
async function launchDynamoDbLocal(
  port: number,
  dataDir: string | undefined,
  tableName: string,
  options: Pick<LocalModeOptions, 'onDynamoEvent' | 'onError'>,
  cleanups: (() => Promise<void>)[],
): Promise<SupervisedDynamoDbLocal> {
  const dynamo = await superviseDynamoDbLocal({
    port,
    dataDir,
    loopbackOnly: loopbackSupported(),
    afterRestart: async (endpoint) => {
      const client = localClient(endpoint);
      try {
        await ensureTable(client, tableName);
      } finally {
        client.destroy();
      }
    },
    log: (message) => (options.onDynamoEvent ?? options.onError)?.(message),
  });
  cleanups.push(() => dynamo.stop());
  return dynamo;
}

/**
 * What the handlers read, set before the first handler module is imported. Dummy credentials only
 * when none are set: DynamoDB Local accepts any, and -sharedDb keeps one database regardless.
 * Returns a function that puts the environment back, so a stopped instance leaks nothing into
 * child processes or a later start.
 */
function configureHandlerEnvironment(values: {
  tableName: string;
  dynamoEndpoint: string;
  tokenSecret: string;
  pageTokenKey: string;
}): () => void {
  const settings: Record<string, string> = {
    TABLE_NAME: values.tableName,
    DYNAMODB_ENDPOINT: values.dynamoEndpoint,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID || 'local',
    AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY || 'local',
    DEV_TOKEN_SECRET: values.tokenSecret,
    PAGE_TOKEN_KEY: values.pageTokenKey,
    LOCAL_MODE: '1',
    // No CloudWatch to read EMF lines here: metrics stay off unless asked for (=false prints them).
    POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
  };
  const previous = Object.fromEntries(Object.keys(settings).map((name) => [name, process.env[name]]));
  Object.assign(process.env, settings);
  resetHandlerClients();
  return () => {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetHandlerClients();
  };
}

/** Drops the handlers' cached document client, so a restart in-process reconnects. */
function resetHandlerClients(): void {
  db().destroy();
  setDocumentClient(undefined);
}

async function seedIfWanted(
  options: LocalModeOptions,
  tableWasEmpty: boolean,
  context: SeedContext,
): Promise<SeedOutcome> {
  if (!options.seed) return { status: 'skipped', reason: 'disabled' };
  if (!tableWasEmpty) return { status: 'skipped', reason: 'table-not-empty' };
  try {
    await runSeed(context, options.seedSteps ?? DEMO_SEED_STEPS);
    return { status: 'seeded' };
  } catch (error) {
    return { status: 'failed', error: error instanceof Error ? error : new Error(String(error)) };
  }
}

/** The seed's way in: the gateway, with a staff token of the practice it is writing for. */
function seedCall(gateway: Gateway, mintToken: (claims: Claims) => Promise<string>): SeedCall {
  return async ({ method, path, staffOf, body }) => {
    const token = await mintToken({ sub: `seed-${staffOf.toLowerCase()}`, role: 'staff', practice: staffOf });
    const response = await callInProcess(gateway, { method, path, token, body });
    if (response.status >= 300) {
      const detail = (response.json as { code?: string; detail?: string } | undefined) ?? {};
      throw new Error(
        `${method} ${path} answered ${response.status} ${detail.code ?? ''}${detail.detail ? `: ${detail.detail}` : ''}`,
      );
    }
    return response.json;
  };
}
