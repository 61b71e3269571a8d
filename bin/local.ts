/**
 * `npm start`: local mode. Everything is in local/; this file reads the
 * environment, prints the banner, and turns Ctrl-C / SIGTERM into a clean stop.
 */
import { describeStorage, startupBanner } from '../local/banner.ts';
import { LocalModeError } from '../local/errors.ts';
import { startLocalMode, type LocalMode } from '../local/local-mode.ts';
import { optionsFromEnv } from '../local/options.ts';
import { DEMO_DATA } from '../local/seed.ts';

async function main(): Promise<void> {
  const options = optionsFromEnv(process.env);
  const mode = await startLocalMode({
    ...options,
    onRequest: ({ method, target, status, ms }) => console.log(`${method} ${target} → ${status} (${ms} ms)`),
    onError: (message, error) => console.error(`[local] ${message}`, error ?? ''),
    // DynamoDB Local is restarted on the same data; meanwhile the API answers 503.
    onDynamoEvent: (message) => console.error(`[local] ${message}`),
  });
  if (mode.seed.status === 'failed') console.error(`[local] ${mode.seed.error.message}`);
  console.log((await banner(mode, options.dynamoEndpoint !== undefined)).join('\n'));
  stopOnSignals(mode);
}

async function banner(mode: LocalMode, usedEndpoint: boolean): Promise<string[]> {
  const practice = mode.practices[0]?.ods ?? 'A99001';
  const nhsNumber = DEMO_DATA[practice]?.patients[0]?.nhsNumber ?? '9990000018';
  const tokens = {
    patient: {
      nhsNumber,
      token: await mode.mintToken({ sub: `patient-${nhsNumber}`, role: 'patient', practice, nhs_number: nhsNumber }),
    },
    staff: { practice, token: await mode.mintToken({ sub: `staff-${practice}`, role: 'staff', practice }) },
  };
  return startupBanner(mode, tokens, describeStorage(mode, usedEndpoint));
}

/**
 * Stop the HTTP server, then Java, and exit 0. Later signals are ignored rather than forcing an
 * exit: under `npm start` one Ctrl-C arrives several times (from the terminal and relayed by npm
 * and tsx), and stop() is bounded anyway (in-flight requests get 5 s, Java 10 s before SIGKILL).
 */
function stopOnSignals(mode: LocalMode): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping local mode…`);
    mode.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('[local] could not stop cleanly:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

main().catch((error: unknown) => {
  if (error instanceof LocalModeError) {
    console.error(error.message);
  } else {
    console.error('Local mode failed to start:', error);
  }
  process.exit(1);
});
