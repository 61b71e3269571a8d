import { requireEnv } from '../config.ts';
import { systemClock } from '../domain/clock.ts';
import { logger } from '../observability/logger.ts';
import { deployedChannels, loadAwsChannels } from '../notifications/deployed-channels.ts';
import { sweepOnce, type SenderOptions, type SweepResult } from '../notifications/sender.ts';

/**
 * The deployed sender, run by EventBridge Scheduler every minute: sweeps the outbox until nothing
 * more is due or its time is nearly up. Each message's outcome is kept in the table (sent, retry
 * later with backoff, or given up after five attempts), so one failing message or channel never
 * holds up another. A message given up on is also put on the dead-letter queue (id, kind and
 * channel only: no address, no content), whose alarm tells the operators.
 *
 * Why a sweep and not DynamoDB Streams: reminders need a clock anyway (a stream only sees writes,
 * and TTL deletion can lag by days), so a scheduled sweep is the one path for every message, the
 * same code local mode runs. Its cost, measured by counting: when nothing is due, one Query that
 * reads nothing (0.5 RCU) per minute, 43,800 invocations a month, well inside the free tiers; the
 * price is that a confirmation waits up to a minute, which patients do not notice in an e-mail or
 * a text. A stream would cut that to about a second at the cost of a second trigger, a second
 * retry path and a stream on the whole single table.
 */
const RUN_FOR_MS = 45_000;

export async function handler(): Promise<SweepResult> {
  const started = Date.now();
  const deadLetterQueueUrl = requireEnv('DEAD_LETTER_QUEUE_URL');
  const options: SenderOptions = {
    providers: deployedChannels(),
    clock: systemClock,
    // Longer than this function's timeout (60 s), so an unfinished claim is never taken twice.
    leaseMs: 5 * 60_000,
    retryBaseMs: 60_000,
    batchSize: 100,
    onFailure: (messageId, error) => logger.warn('message not sent; will retry', { messageId, error }),
    onDeadLetter: async (message) => {
      await (await loadAwsChannels()).sendToDeadLetterQueue(deadLetterQueueUrl, message);
    },
  };
  const total: SweepResult = {
    due: 0,
    outcomes: { sent: 0, skipped: 0, 'already-sent': 0, retry: 0, dead: 0, 'not-claimed': 0 },
    errors: 0,
  };
  for (;;) {
    const run = await sweepOnce(options);
    total.due += run.due;
    total.errors += run.errors;
    for (const [k, v] of Object.entries(run.outcomes)) total.outcomes[k as keyof SweepResult['outcomes']] += v;
    const progressed = run.outcomes.sent + run.outcomes.skipped + run.outcomes['already-sent'] + run.outcomes.dead;
    if (run.due < options.batchSize || progressed === 0 || Date.now() - started > RUN_FOR_MS) break;
  }
  logger.info('notification sweep', { ...total.outcomes, due: total.due, errors: total.errors });
  // Messages whose outcome could not be written stay claimed and are swept again after the lease;
  // failing the run makes the function's error alarm say so.
  if (total.errors > 0) throw new Error(`${total.errors} messages could not be processed`);
  return total;
}
