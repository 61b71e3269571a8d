import { systemClock, type Clock } from '../functions/domain/clock.ts';
import { localChannels } from '../functions/notifications/local-outbox.ts';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, withDocumentClient } from '../functions/store/client.ts';
import { sweepOnce, type ChannelProviders, type SenderOptions } from '../functions/notifications/sender.ts';

/**
 * Local mode's sender: the deployed sender's sweep (functions/notifications/sender.ts), run in
 * this process every `intervalMs`, delivering to the local outbox (`GET /dev/outbox`). A sweep
 * every second keeps each message within a couple of seconds of its time.
 */
export interface LocalSenderOptions {
  intervalMs?: number;
  /** Replaces a channel (tests: a failing one). */
  channels?: Partial<ChannelProviders>;
  retryBaseMs?: number;
  leaseMs?: number;
  clock?: Clock;
  onError?: (message: string, error?: unknown) => void;
}

export interface LocalSender {
  /** Its own DynamoDB client (tests inject faults into it). */
  client: DynamoDBDocumentClient;
  /** Stops sweeping; waits for a sweep under way to end. */
  stop(): Promise<void>;
}

export function startLocalSender(options: LocalSenderOptions = {}): LocalSender {
  const sender: SenderOptions = {
    providers: { ...localChannels, ...options.channels },
    clock: options.clock ?? systemClock,
    leaseMs: options.leaseMs ?? 10_000,
    retryBaseMs: options.retryBaseMs ?? 2_000,
    batchSize: 100,
  };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let failing = false;
  // Its own client: the requests' socket pool and command counts stay theirs, as deployed.
  const client = createDocumentClient();
  const tick = () => {
    running = withDocumentClient(client, () => sweepOnce(sender)).then(
      (result) => {
        if (result.errors > 0 && !failing) options.onError?.(`notification sender: ${result.errors} messages failed`);
        failing = result.errors > 0;
      },
      (error: unknown) => {
        // The database is away (it is restarted by local mode): say so once, keep sweeping.
        if (!failing) options.onError?.('notification sender: sweep failed; retrying', error);
        failing = true;
      },
    );
    void running.then(() => {
      if (!stopped) timer = setTimeout(tick, options.intervalMs ?? 1_000);
    });
  };
  timer = setTimeout(tick, 0);
  return {
    client,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
      client.destroy();
    },
  };
}
