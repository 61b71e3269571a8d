/**
 * `npm run rollup -- --month YYYY-MM [--practice ODS] [--verify] [--html [file]] [--out dir] [--json]`
 *
 * The scheduled monthly rollup, run locally: the same use case as the Lambda and
 * the POST route, against local mode's DynamoDB. Uses DYNAMODB_ENDPOINT when set; else a DynamoDB
 * Local already answering on 127.0.0.1:${DYNAMODB_PORT:-8000} (a running `npm start`); else starts
 * DynamoDB Local itself on ${DATA_DIR:-.data} for the duration of the run.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DescribeTableCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { resetConfigCache } from '../functions/config.ts';
import { isToDate, type Difference } from '../functions/domain/report.ts';
import { parsePracticeList, type PracticeConfig } from '../functions/domain/practices.ts';
import { Month } from '../functions/schemas/common.ts';
import * as z from '../functions/schemas/zod.ts';
import type { MonthlyReport } from '../functions/schemas/report.ts';
import { db, setDocumentClient } from '../functions/store/client.ts';
import {
  reportFiles,
  renderStoredReport,
  rollupPractices,
  verifyMonth,
  type RollupResult,
} from '../functions/usecases/report.ts';
import { LOCAL_REGION, LOOPBACK } from '../local/constants.ts';
import { IN_MEMORY, resolveDataDir } from '../local/data-dir.ts';
import { assertJavaAvailable, localClient, startDynamoDbLocal, waitUntilAnswering } from '../local/dynamodb.ts';
import { LocalModeError } from '../local/errors.ts';
import { DEFAULT_TABLE_NAME } from '../local/local-mode.ts';
import { freePort } from '../local/ports.ts';

const USAGE = `Usage: npm run rollup -- --month YYYY-MM [--practice ODS]... [--verify] [--html [file]] [--out dir] [--json]

  --month YYYY-MM   the calendar month (practice time zone); the current month is reported to date
  --practice ODS    only this practice (repeatable); default every practice in cdk.json
  --verify          recount the month from the activity entries and patient records; exit 1 on any difference
  --html [file]     write the report page (default .data/reports/YYYY-MM/{ODS}.html)
  --out dir         also write what the stack's reports bucket gets: dir/reports/YYYY-MM/…
  --json            print the reports as JSON instead of tables

Environment: DYNAMODB_ENDPOINT, DYNAMODB_PORT (8000), DATA_DIR (.data), TABLE_NAME (patient-online), PRACTICES.`;

class UsageError extends Error {}

interface Options {
  month: string;
  practices: string[];
  verify: boolean;
  html: { file?: string } | undefined;
  out: string | undefined;
  json: boolean;
}

export function parseOptions(argv: readonly string[]): Options {
  const options: Options = { month: '', practices: [], verify: false, html: undefined, out: undefined, json: false };
  const value = (i: number, flag: string) => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    switch (flag) {
      case '--month':
        options.month = inline ?? value(i++, flag);
        break;
      case '--practice':
        options.practices.push((inline ?? value(i++, flag)).toUpperCase());
        break;
      case '--verify':
        options.verify = true;
        break;
      case '--json':
        options.json = true;
        break;
      case '--out':
        options.out = inline ?? value(i++, flag);
        break;
      case '--html': {
        const next = argv[i + 1];
        const file = inline ?? (next !== undefined && !next.startsWith('--') ? (i++, next) : undefined);
        options.html = file === undefined ? {} : { file };
        break;
      }
      case '--help':
      case '-h':
        throw new UsageError('');
      default:
        throw new UsageError(`unknown argument ${arg}`);
    }
  }
  if (!options.month) throw new UsageError('--month YYYY-MM is required');
  if (!Month.safeParse(options.month).success) throw new UsageError(`--month must be YYYY-MM, not "${options.month}"`);
  return options;
}

/** PRACTICES (JSON) if set, else cdk.json's context.patientOnline.practices, as local mode does. */
function readPractices(): { raw: string; parsed: PracticeConfig[] } {
  let raw = process.env.PRACTICES;
  if (!raw) {
    const cdk = JSON.parse(readFileSync(new URL('../cdk.json', import.meta.url), 'utf8')) as {
      context?: { patientOnline?: { practices?: unknown } };
    };
    raw = JSON.stringify(cdk.context?.patientOnline?.practices ?? null);
  }
  return { raw, parsed: parsePracticeList(raw) };
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
  const port = process.env.DYNAMODB_PORT?.trim() || '8000';
  const running = `http://${LOOPBACK}:${port}`;
  const answers = await waitUntilAnswering(running, 1_500).then(
    () => true,
    () => false,
  );
  if (answers)
    return { endpoint: running, how: `the DynamoDB Local answering at ${running}`, stop: () => Promise.resolve() };

  const rawDataDir = process.env.DATA_DIR?.trim() || '.data';
  if (rawDataDir === IN_MEMORY) {
    throw new LocalModeError(
      `Nothing answers at ${running} and DATA_DIR=${IN_MEMORY} keeps no data: start local mode (npm start) or set DYNAMODB_ENDPOINT.`,
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
  const practices = readPractices();
  const unknown = options.practices.filter((ods) => !practices.parsed.some((pr) => pr.ods === ods));
  if (unknown.length > 0)
    throw new UsageError(`not a practice this stack serves: ${unknown.join(', ')} (see cdk.json)`);

  const tableName = process.env.TABLE_NAME?.trim() || DEFAULT_TABLE_NAME;
  const connection = await connect();
  try {
    await assertTableExists(connection.endpoint, tableName);
    Object.assign(process.env, {
      TABLE_NAME: tableName,
      PRACTICES: practices.raw,
      DYNAMODB_ENDPOINT: connection.endpoint,
      AWS_REGION: process.env.AWS_REGION || LOCAL_REGION,
    });
    process.env.AWS_ACCESS_KEY_ID ||= 'local';
    process.env.AWS_SECRET_ACCESS_KEY ||= 'local';
    resetConfigCache();
    setDocumentClient(undefined);
    if (!options.json) console.log(`Monthly rollup ${options.month}, table ${tableName} in ${connection.how}\n`);

    const run = await rollupPractices({
      month: options.month,
      ...(options.practices.length ? { practices: options.practices } : {}),
    });
    let failed = run.failures.length > 0;
    for (const failure of run.failures) {
      console.error(
        `${failure.practice} ${failure.month}: rollup failed: ${failure.error instanceof Error ? failure.error.message : String(failure.error)}`,
      );
    }
    const zoneOf = (ods: string) => practices.parsed.find((pr) => pr.ods === ods)?.timeZone ?? 'Europe/London';

    if (options.json)
      console.log(
        JSON.stringify(
          run.results.map((r) => r.report),
          null,
          2,
        ),
      );
    else for (const result of run.results) console.log(`${describe(result, zoneOf(result.report.practice))}\n`);

    if (options.verify) {
      for (const result of run.results) {
        const verification = await verifyMonth(result);
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
