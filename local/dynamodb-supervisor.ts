import { startDynamoDbLocal, type DynamoDbLocal, type ExitStatus } from './dynamodb.ts';

/** Backoff between restart attempts: 250 ms, doubling, at most 30 s. */
const FIRST_RESTART_DELAY_MS = 250;
const MAX_RESTART_DELAY_MS = 30_000;
/** A run this long resets the backoff: the next exit is a new incident, not part of a crash loop. */
const STABLE_RUN_MS = 60_000;

export interface SupervisedDynamoDbLocal {
  endpoint: string;
  /** True when it listens on 127.0.0.1 only; false when on every interface. */
  loopbackOnly: boolean;
  /** Java's pid while DynamoDB Local runs; undefined between an exit and its restart. */
  pid(): number | undefined;
  /** How many times it has been restarted after exiting on its own. */
  restarts(): number;
  /** Stops it (and any restart in progress) for good. */
  stop(): Promise<void>;
}

export interface SuperviseOptions {
  port: number;
  dataDir: string | undefined;
  loopbackOnly: boolean;
  /** Runs against each restarted instance before it counts as back (e.g. re-create the table). */
  afterRestart?: (endpoint: string) => Promise<void>;
  /** One line per event: an unexpected exit, each restart attempt and its outcome. */
  log: (message: string) => void;
}

/**
 * DynamoDB Local that comes back by itself: when it exits on its own (killed, crashed) it is
 * started again on the same port and the same data directory, with backoff, until it answers.
 * Meanwhile the API stays up and its requests fail fast with 503 (the connection is refused).
 */
export async function superviseDynamoDbLocal(options: SuperviseOptions): Promise<SupervisedDynamoDbLocal> {
  const first = await startDynamoDbLocal(options);
  let current: DynamoDbLocal | undefined = first;
  let startedAt = Date.now();
  let failures = 0;
  let restarts = 0;
  let stopping = false;
  let restarting: Promise<void> | undefined;
  const stopped = new AbortController();
  const where = `port ${options.port}, ${options.dataDir ? `data in ${options.dataDir}` : 'in memory (its data is lost)'}`;

  const watch = (instance: DynamoDbLocal) => {
    void instance.exited.then((status) => {
      if (stopping) return;
      current = undefined;
      if (Date.now() - startedAt >= STABLE_RUN_MS) failures = 0;
      options.log(
        `DynamoDB Local stopped unexpectedly (${describeExit(status)})${lastWords(instance, status)}; the API answers 503 unavailable until it is back.`,
      );
      restarting = restartUntilRunning();
    });
  };

  const restartUntilRunning = async () => {
    while (!stopping) {
      const delay = Math.min(FIRST_RESTART_DELAY_MS * 2 ** failures, MAX_RESTART_DELAY_MS);
      failures++;
      options.log(`Restarting DynamoDB Local in ${delay} ms (${where}).`);
      await sleep(delay, stopped.signal);
      if (stopping) return;
      let instance: DynamoDbLocal | undefined;
      try {
        instance = await startDynamoDbLocal(options);
        await options.afterRestart?.(instance.endpoint);
      } catch (error) {
        await instance?.stop();
        options.log(`DynamoDB Local did not come back: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      if (stopping) {
        await instance.stop();
        return;
      }
      current = instance;
      startedAt = Date.now();
      restarts++;
      options.log(`DynamoDB Local is back (pid ${instance.pid() ?? 'unknown'}, ${where}).`);
      watch(instance);
      return;
    }
  };

  watch(first);
  return {
    endpoint: first.endpoint,
    loopbackOnly: first.loopbackOnly,
    pid: () => current?.pid(),
    restarts: () => restarts,
    stop: async () => {
      stopping = true;
      stopped.abort();
      await restarting;
      await current?.stop();
    },
  };
}

export function describeExit(status: ExitStatus): string {
  if (status.error) return status.error.message;
  return status.signal ?? `exit code ${status.code}`;
}

/** What Java printed last, when it ended by itself (a signal's victim has nothing to say). */
function lastWords(instance: DynamoDbLocal, status: ExitStatus): string {
  if (status.signal || status.code === null || status.code >= 128) return '';
  const line = instance.output().trim().split('\n').at(-1) ?? '';
  return line ? `: ${line}` : '';
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
