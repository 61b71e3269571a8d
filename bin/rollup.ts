/**
 * `npm run rollup -- --month YYYY-MM [--practice ODS] [--verify] [--html [file]] [--out dir] [--json]`
 *
 * The scheduled monthly rollup, run locally: the same use case as the Lambda and
 * the POST route, against local mode's DynamoDB. Uses DYNAMODB_ENDPOINT when set; else a DynamoDB
 * Local already answering on 127.0.0.1:${DYNAMODB_PORT:-8000} (a running `npm start`); else starts
 * DynamoDB Local itself on ${DATA_DIR:-.data} for the duration of the run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DescribeTableCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { isToDate } from '../functions/domain/report-figures.ts';
import type { Difference } from '../functions/domain/report-recount.ts';
import { Month } from '../functions/schemas/common.ts';
import * as z from '../functions/schemas/zod.ts';
import type { MonthlyReport } from '../functions/schemas/report.ts';
import { db, setDocumentClient } from '../functions/store/client.ts';
import {
  reportFiles,
  renderStoredReport,
  ROLLUP_CONCURRENCY,
  rollupPractices,
  verifyMonth,
  type RollupResult,
  type Verification,
} from '../functions/usecases/report.ts';
import { mapBounded } from '../functions/usecases/bounded.ts';
import { addMonths, localMonth } from '../functions/domain/time.ts';
import { activityRetentionMonths } from '../functions/store/counters.ts';
import { withPractices } from '../functions/usecases/deps.ts';
import { LOCAL_REGION, LOOPBACK } from '../local/constants.ts';
import { IN_MEMORY, readRunningEndpoint, resolveDataDir } from '../local/data-dir.ts';
import { assertJavaAvailable, localClient, startDynamoDbLocal, waitUntilAnswering } from '../local/dynamodb.ts';
import { LocalModeError } from '../local/errors.ts';
import { DEFAULT_TABLE_NAME } from '../local/local-mode.ts';
import { freePort } from '../local/ports.ts';

const USAGE = `Usage: npm run rollup -- --month YYYY-MM [--practice ODS]... [--verify] [--html [file]] [--out dir] [--json] [--concurrency N]

  --month YYYY-MM   the calendar month (practice time zone); the current month is reported to date
  --practice ODS    only this practice (repeatable); default every practice in the registry
  --verify          recount the month from the activity entries and patient records; exit 1 on any difference
  --html [file]     write the report page (default .data/reports/YYYY-MM/{ODS}.html)
  --out dir         also write what the stack's reports bucket gets: dir/reports/YYYY-MM/…
  --json            print the reports as JSON instead of tables
  --concurrency N   practices rolled up at once (default ${ROLLUP_CONCURRENCY})

Finds the table in: DYNAMODB_ENDPOINT if set; else the DynamoDB Local of a running \`npm start\` with the
same DATA_DIR (it leaves its endpoint there); else 127.0.0.1:\${DYNAMODB_PORT} if set; else starts DynamoDB
Local on DATA_DIR (.data) itself. TABLE_NAME (patient-online).`;

class UsageError extends Error {}

interface Options {
  month: string;
  practices: string[];
  verify: boolean;
  html: { file?: string } | undefined;
  out: string | undefined;
  json: boolean;
  concurrency?: number;
}

/**
 * `--html` takes an optional file, which parseArgs cannot express: it becomes `--html-file FILE`
 * when a value follows it (or is given with =), and stays a bare flag otherwise.
 */
function withHtmlFile(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    if (arg.startsWith('--html=')) out.push('--html-file', arg.slice('--html='.length));
    else if (arg === '--html' && next !== undefined && !next.startsWith('-')) out.push('--html-file', argv[++i]!);
    else out.push(arg);
  }
  return out;
}

export function parseOptions(argv: readonly string[]): Options {
  let values;
  try {
    ({ values } = parseArgs({
      args: withHtmlFile(argv),
      strict: true,
      allowPositionals: false,
      options: {
        month: { type: 'string' },
        practice: { type: 'string', multiple: true },
        verify: { type: 'boolean' },
        json: { type: 'boolean' },
        out: { type: 'string' },
        html: { type: 'boolean' },
        'html-file': { type: 'string' },
        concurrency: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    const option = /'(-[^' ]+)/.exec(message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown argument ${option}`);
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw new UsageError(message);
    if (/does not take an argument/.test(message)) throw new UsageError(`${option} takes no value`);
    throw new UsageError(`${option} needs a value`);
  }
  if (values.help) throw new UsageError('');
  const month = values.month ?? '';
  if (!month) throw new UsageError('--month YYYY-MM is required');
  if (!Month.safeParse(month).success) throw new UsageError(`--month must be YYYY-MM, not "${month}"`);
  let concurrency: number | undefined;
  if (values.concurrency !== undefined) {
    concurrency = Number(values.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) {
      throw new UsageError(`--concurrency must be a whole number from 1 to 256, not "${values.concurrency}"`);
    }
  }
  return {
    month,
    practices: (values.practice ?? []).map((ods) => ods.toUpperCase()),
    verify: values.verify ?? false,
    html: values['html-file'] !== undefined ? { file: values['html-file'] } : values.html ? {} : undefined,
    out: values.out,
    json: values.json ?? false,
    ...(concurrency !== undefined ? { concurrency } : {}),
  };
}

interface Connection {
  endpoint: string;
  how: string;
  stop(): Promise<void>;
}

/** DYNAMODB_ENDPOINT, or a running local mode's DynamoDB, or our own DynamoDB Local on DATA_DIR. */
async function connect(): Promise<Connection> {
  const explicit = process.env.DYNAMODB_ENDPOINT?.trim();
  if (explicit) {
    await waitUntilAnswering(explicit, 10_000).catch((error: unknown) => {
      throw new LocalModeError(`Nothing answers at DYNAMODB_ENDPOINT=${explicit}: start DynamoDB there or unset it.`, {
        cause: error,
      });
    });
    return { endpoint: explicit, how: `DYNAMODB_ENDPOINT ${explicit}`, stop: () => Promise.resolve() };
  }
  const rawDataDir = process.env.DATA_DIR?.trim() || '.data';
  const answers = (endpoint: string) =>
    waitUntilAnswering(endpoint, 1_500).then(
      () => true,
      () => false,
    );
  // A running `npm start` on this data directory says where its DynamoDB Local listens.
  const advertised = rawDataDir === IN_MEMORY ? undefined : readRunningEndpoint(resolve(rawDataDir));
  if (advertised && (await answers(advertised))) {
    return {
      endpoint: advertised,
      how: `the DynamoDB Local of the running local mode (${advertised})`,
      stop: () => Promise.resolve(),
    };
  }
  const port = process.env.DYNAMODB_PORT?.trim() || '8000';
  const running = `http://${LOOPBACK}:${port}`;
  if (await answers(running))
    return { endpoint: running, how: `the DynamoDB Local answering at ${running}`, stop: () => Promise.resolve() };

  if (rawDataDir === IN_MEMORY) {
    throw new LocalModeError(
      `Nothing answers at ${running} and DATA_DIR=${IN_MEMORY} keeps no data: start local mode (npm start), or give its DynamoDB's port as DYNAMODB_PORT (or DYNAMODB_ENDPOINT).`,
    );
  }
  assertJavaAvailable();
  const dataDir = resolveDataDir(rawDataDir, process.cwd());
  const dynamo = await startDynamoDbLocal({ port: await freePort(), dataDir });
  return {
    endpoint: dynamo.endpoint,
    how: `DynamoDB Local on ${dataDir} (started for this run)`,
    stop: () => dynamo.stop(),
  };
}

async function assertTableExists(endpoint: string, tableName: string): Promise<void> {
  const client = localClient(endpoint);
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
  } catch (error) {
    if (error instanceof ResourceNotFoundException) {
      throw new LocalModeError(
        `There is no table ${tableName} there yet: start local mode once (npm start) so it is created and seeded.`,
      );
    }
    throw error;
  } finally {
    client.destroy();
  }
}

const n = (x: number) => x.toLocaleString('en-GB');
const p = (x: number | null) => (x === null ? '—' : `${x}%`);

function describe(result: RollupResult, timeZone: string): string {
  const r: MonthlyReport = result.report;
  const status = isToDate(r, timeZone) ? `to date, generated ${r.generatedAt}` : `generated ${r.generatedAt}`;
  const row = (label: string, value: string, extra = '') =>
    `  ${label.padEnd(30)}${value.padStart(10)}${extra ? `  ${extra}` : ''}`;
  return [
    `${r.practice} ${result.context.practice.name}: ${r.month} (${status})`,
    row('list size', n(r.listSize)),
    row('enabled: appointments', n(r.enabled.appointments), p(r.enabledPct.appointments)),
    row('enabled: prescriptions', n(r.enabled.prescriptions), p(r.enabledPct.prescriptions)),
    row('enabled: detailed record', n(r.enabled.detailedRecord), p(r.enabledPct.detailedRecord)),
    row('enabled: any service', n(r.enabled.anyService), p(r.enabledPct.anyService)),
    row('newly enabled in month', n(r.enabled.newInMonth)),
    row('appointments booked', n(r.use.appointmentsBooked)),
    row('appointments cancelled', n(r.use.appointmentsCancelled)),
    row('prescriptions ordered', n(r.use.prescriptionsOrdered), `${n(r.use.prescriptionItemsOrdered)} items`),
    row('record views', n(r.use.recordViews)),
    row('total use', n(r.use.total)),
    row('growth month on month', p(r.growth.monthOnMonthPct)),
    row('growth year on year', p(r.growth.yearOnYearPct)),
    row(
      'on track for target',
      r.target.onTrack === null ? 'unknown' : r.target.onTrack ? 'yes' : 'no',
      `target ${r.target.annualGrowthTarget * 100}% a year`,
    ),
  ].join('\n');
}

function describeDifferences(differences: readonly Difference[]): string {
  const width = Math.max(...differences.map((d) => d.field.length), 5);
  return [
    `  ${'field'.padEnd(width)}  ${'report'.padStart(8)}  ${'recount'.padStart(8)}  ${'diff'.padStart(6)}`,
    ...differences.map(
      (d) =>
        `  ${d.field.padEnd(width)}  ${String(d.reported).padStart(8)}  ${String(d.recounted).padStart(8)}  ${(typeof d.reported === 'number' && typeof d.recounted === 'number' ? String(d.reported - d.recounted) : '').padStart(6)}`,
    ),
  ].join('\n');
}

function write(file: string, body: string): string {
  const path = resolve(file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, body);
  return path;
}

async function main(argv: readonly string[]): Promise<number> {
  const options = parseOptions(argv);
  const tableName = process.env.TABLE_NAME?.trim() || DEFAULT_TABLE_NAME;
  const connection = await connect();
  try {
    await assertTableExists(connection.endpoint, tableName);
    Object.assign(process.env, {
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: connection.endpoint,
      AWS_REGION: process.env.AWS_REGION || LOCAL_REGION,
    });
    process.env.AWS_ACCESS_KEY_ID ||= 'local';
    process.env.AWS_SECRET_ACCESS_KEY ||= 'local';
    setDocumentClient(undefined);
    if (!options.json) console.log(`Monthly rollup ${options.month}, table ${tableName} in ${connection.how}\n`);

    const started = performance.now();
    const run = await rollupPractices({
      month: options.month,
      ...(options.practices.length ? { practices: options.practices } : {}),
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    });
    const rollupMs = performance.now() - started;
    const done = new Set([...run.results.map((r) => r.report.practice), ...run.failures.map((f) => f.practice)]);
    const unknown = options.practices.filter((ods) => !done.has(ods));
    if (unknown.length > 0) throw new UsageError(`not a practice in the registry: ${unknown.join(', ')}`);
    let failed = run.failures.length > 0;
    for (const failure of run.failures) {
      console.error(
        `${failure.practice} ${failure.month}: rollup failed: ${failure.error instanceof Error ? failure.error.message : String(failure.error)}`,
      );
    }
    const zoneOf = (ods: string) => run.results.find((r) => r.report.practice === ods)?.timeZone ?? 'Europe/London';

    if (options.json)
      console.log(
        JSON.stringify(
          run.results.map((r) => r.report),
          null,
          2,
        ),
      );
    else for (const result of run.results) console.log(`${describe(result, zoneOf(result.report.practice))}\n`);

    console.error(
      `rolled up ${n(run.results.length)} practice(s) in ${(rollupMs / 1000).toFixed(1)} s` +
        (run.summaries.length ? `; all-practices summary stored for ${run.summaries.join(', ')}` : ''),
    );

    const oldest = addMonths(localMonth(new Date(), 'Europe/London'), -activityRetentionMonths());
    if (options.verify && options.month < oldest) {
      failed = true;
      console.error(
        `verify ${options.month}: NOT POSSIBLE: the month is older than the activity retention ` +
          `(${activityRetentionMonths()} months, ACTIVITY_RETENTION_MONTHS), so its activity entries may have ` +
          `expired and a recount would be wrong; the stored reports (from the counters) stand. The oldest month ` +
          `--verify can recount now is ${oldest}.`,
      );
    } else if (options.verify) {
      const verifyStarted = performance.now();
      const verifications: Verification[] = [];
      await mapBounded(run.results, options.concurrency ?? ROLLUP_CONCURRENCY, async (result) => {
        const { practice } = result.context;
        const config = { ods: practice.ods, name: practice.name, timeZone: result.timeZone };
        try {
          verifications.push(await withPractices([config], () => verifyMonth(result)));
        } catch (error) {
          failed = true;
          console.error(
            `verify ${practice.ods} ${result.report.month}: could not recount: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      });
      verifications.sort((a, b) => a.practice.localeCompare(b.practice));
      for (const verification of verifications) {
        const counted = `${n(verification.recounted.activityEntries)} activity entries, ${n(verification.recounted.patients)} patient records, ${n(verification.recounted.laterChanges)} later changes of services`;
        if (verification.differences.length === 0) {
          console.error(
            `verify ${verification.practice} ${verification.month}: OK, the report equals the recount (${counted})`,
          );
        } else {
          failed = true;
          console.error(
            `verify ${verification.practice} ${verification.month}: ${verification.differences.length} DIFFERENCE(S) (${counted})`,
          );
          console.error(describeDifferences(verification.differences));
        }
      }
      console.error(
        `verified ${n(verifications.length)} practice(s) in ${((performance.now() - verifyStarted) / 1000).toFixed(1)} s`,
      );
    }

    if (options.html) {
      const single = run.results.length === 1;
      const defaultDir = process.env.DATA_DIR && process.env.DATA_DIR !== IN_MEMORY ? process.env.DATA_DIR : '.data';
      for (const result of run.results) {
        const { practice, month } = result.report;
        const wanted = options.html.file;
        const file =
          wanted === undefined
            ? join(defaultDir, 'reports', month, `${practice}.html`)
            : single
              ? wanted
              : wanted.replace(/(\.html?)?$/i, (ext) => `-${practice}${ext || '.html'}`);
        console.error(`wrote ${write(file, renderStoredReport(result, 'html', zoneOf(practice)).body)}`);
      }
    }
    if (options.out) {
      for (const file of reportFiles(run.results, new Date()))
        console.error(`wrote ${write(join(options.out, file.key), file.body)}`);
    }
    return failed ? 1 : 0;
  } finally {
    db().destroy();
    await connection.stop();
  }
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname);
if (isMain) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof UsageError) {
        if (!error.message) {
          console.log(USAGE);
          process.exit(0);
        }
        console.error(`rollup: ${error.message}\n\n${USAGE}`);
        process.exit(2);
      }
      if (error instanceof LocalModeError || error instanceof z.core.$ZodError) console.error(error.message);
      else console.error('rollup failed:', error);
      process.exit(1);
    },
  );
}
