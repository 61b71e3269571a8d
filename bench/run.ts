import { cpus, loadavg } from 'node:os';
import { db } from '../functions/store/client.ts';
import { LocalModeError } from '../local/errors.ts';
import {
  cliniciansFor,
  expectStatus,
  nhsNumbers,
  publishSlots,
  registerPatients,
  startBenchApi,
  type BenchApi,
} from './api.ts';
import { benchBundles, COLD_INIT_SAMPLES } from './bundles.ts';
import { CommandLog } from './commands.ts';
import { Results, dim, red } from './results.ts';
import { benchFanOut } from './fanout.ts';
import { benchRollup } from './rollup.ts';
import { benchRoundTrips } from './round-trips.ts';
import { benchSlotFilters } from './slot-filters.ts';
import {
  benchThroughput,
  BOOKINGS_PER_PATIENT,
  CONCURRENCY_LEVELS,
  patientsPerSide,
  slotsPerSide,
  type ThroughputPlan,
} from './throughput.ts';
import { benchWeb } from './web.ts';

/**
 * `npm run bench`: every performance budget from the issues, each printed as measured vs a
 * baseline measured in the same run. Misses are loud but never fail the run (exit code 0).
 *
 *   npm run bench                          everything (about 8 minutes on 2 idle cores, cold init 4 of them)
 *   npm run bench -- --only=bundles        some sections: bundles, web, throughput, round-trips, rollup, fan-out
 *   npm run bench -- --quick               fewer runs, for trying the bench itself (it says where verdicts are indicative)
 *   PORT=4000 DYNAMODB_PORT=8100 npm run bench   fixed ports for its local mode (unset: free ports)
 */
const SECTIONS = ['bundles', 'web', 'throughput', 'round-trips', 'rollup', 'fan-out'] as const;
type Section = (typeof SECTIONS)[number];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyArg = args.find((a) => a.startsWith('--only='));
const requested = onlyArg ? onlyArg.slice('--only='.length).split(',') : [...SECTIONS];
const unknown = requested.filter((s) => !(SECTIONS as readonly string[]).includes(s));
if (unknown.length > 0) throw new Error(`Unknown section ${unknown.join(', ')}: choose from ${SECTIONS.join(', ')}`);
const only = new Set(requested as Section[]);

const plan: ThroughputPlan = { requests: quick ? 160 : 480, warmup: quick ? 32 : 64, levels: CONCURRENCY_LEVELS };
/** Cold-init samples of each function, each after a baseline sample (--quick: fewer, and says so). */
const coldInitSamples = quick ? 5 : COLD_INIT_SAMPLES;
const rollup = { big: 10_000, small: 100, runs: quick ? 7 : 21 };
/** The rollup over the registry: 50 practices, then all of England (--quick: 50 then 650). */
const fanOut = { sizes: quick ? [50, 650] : [50, 6_500], actionsEach: 8 };
/** Free slots left in the window for GET /slots to list, besides the three the round trips book. */
const EXTRA_FREE_SLOTS = 200;

const results = new Results();
const load = loadavg()[0]!;
console.log(
  `Patient Online benchmarks · Node ${process.version} · ${cpus().length} cores · load average ${load.toFixed(1)}` +
    (load > cpus().length ? ' (busy machine: wall-clock timings are noisy; the cpu ratios are steadier)' : ''),
);

if (only.has('bundles')) await benchBundles(results, { samples: coldInitSamples });
if (only.has('web')) await benchWeb(results);

if (only.has('throughput') || only.has('round-trips') || only.has('rollup') || only.has('fan-out')) {
  const api = await startBenchApi().catch((error: unknown) => {
    // A busy or invalid PORT / DYNAMODB_PORT: the one sentence `npm start` gives, not a stack.
    if (!(error instanceof LocalModeError)) throw error;
    console.error(red(error.message));
    process.exit(1);
  });
  console.log(
    dim(
      `\nLocal mode for the bench: API ${api.mode.url}, DynamoDB Local ${api.mode.dynamoEndpoint} (PORT, DYNAMODB_PORT; unset: free ports)`,
    ),
  );
  try {
    await dynamoSections(api);
  } finally {
    await api.stop();
  }
}

results.summary();
// A miss is reported, not failed (STYLE.md §11).
process.exitCode = 0;

async function dynamoSections(api: BenchApi): Promise<void> {
  const log = new CommandLog();
  // The handlers' own client (local mode runs them in this process), also used by the direct side.
  log.attach(db());

  const started = performance.now();
  const settings = await api.call('PUT', '/staff/practice/settings', {
    token: api.staffToken,
    body: { maxActiveAppointments: BOOKINGS_PER_PATIENT + 5 },
  });
  expectStatus(settings, 200, 'raise maxActiveAppointments');
  const ids = nhsNumbers();
  const perSide = only.has('throughput') ? slotsPerSide(plan) : 0;
  const patientsEach = only.has('throughput') ? patientsPerSide(plan) : 0;
  const [httpPatients, directPatients, [roundTripPatient, roundTripProxy]] = [
    await registerPatients(api, ids, patientsEach),
    await registerPatients(api, ids, patientsEach),
    await registerPatients(api, ids, 2),
  ];
  const slots = await publishSlots(api, 2 * perSide + 3 + EXTRA_FREE_SLOTS);
  console.log(
    dim(
      `\nLocal mode (DynamoDB Local in memory): ${slots.length} slots over ${cliniciansFor(slots.length)} clinicians and ` +
        `${httpPatients.length + directPatients.length + 1} patients set up in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    ),
  );

  if (only.has('throughput')) {
    await benchThroughput(results, api, log, plan, {
      httpSlots: slots.slice(0, perSide),
      directSlots: slots.slice(perSide, 2 * perSide),
      httpPatients,
      directPatients,
    });
  }
  if (only.has('round-trips')) {
    await benchRoundTrips(results, api, log, {
      patient: roundTripPatient!,
      proxy: roundTripProxy!,
      freeSlots: slots.slice(2 * perSide),
      publishedInWindow: slots.length,
    });
  }
  if (only.has('round-trips')) await benchSlotFilters(results, api, log, roundTripPatient!);
  if (only.has('rollup')) await benchRollup(results, rollup);
  // Last: it fills the registry with thousands of practices.
  if (only.has('fan-out')) await benchFanOut(results, fanOut);
}
