import type { LocalMode } from './local-mode.ts';

const DAY_MS = 86_400_000;

/** Fresh tokens for the curl examples: the first demo patient and staff of the first practice. */
export interface BannerTokens {
  patient: { token: string; nhsNumber: string };
  staff: { token: string; practice: string };
}

/** Where the data lives, in words: the printed banner and the README say the same. */
export function describeStorage(
  mode: Pick<LocalMode, 'dataDir' | 'dynamoEndpoint' | 'tableName'>,
  usedEndpoint: boolean,
): string {
  if (usedEndpoint) return `table ${mode.tableName} in the DynamoDB at ${mode.dynamoEndpoint} (DYNAMODB_ENDPOINT)`;
  if (!mode.dataDir) return `table ${mode.tableName} in memory (DATA_DIR=:memory:): nothing is kept after exit`;
  return `table ${mode.tableName} in ${mode.dataDir} (DATA_DIR), kept across restarts; delete it to start again`;
}

/** The lines printed once local mode is ready: URL, data, and curl lines to paste. */
export function startupBanner(mode: LocalMode, tokens: BannerTokens, storage: string, now = new Date()): string[] {
  const from = new Date(now.getTime() + 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const to = new Date(now.getTime() + 7 * DAY_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const bearer = (token: string) => `-H "Authorization: Bearer ${token}"`;
  return [
    `Patient Online local API listening on ${mode.url}   pid: ${process.pid}`,
    `Web app: ${mode.url}/app/ (sign in with a test NHS number, e.g. 9990000018, or as staff)`,
    `Data: ${storage}`,
    `Seed: ${seedLine(mode)}`,
    `DynamoDB: ${dynamoLine(mode)}`,
    ...(mode.dynamoDbLocal?.loopbackOnly === false ? [EXPOSED_WARNING] : []),
    '',
    'Try it (tokens valid 12 h; mint more with POST /dev/token):',
    `  curl ${mode.url}/health`,
    `  curl ${bearer(tokens.patient.token)} "${mode.url}/slots?from=${from}&to=${to}"`,
    `  curl ${bearer(tokens.patient.token)} ${mode.url}/me`,
    `  curl ${bearer(tokens.staff.token)} ${mode.url}/staff/patients/${tokens.patient.nhsNumber}`,
    `  curl ${mode.url}/dev/outbox?nhsNumber=${tokens.patient.nhsNumber}   (the e-mails and texts local mode sent)`,
    `  curl -X POST -H "Content-Type: application/json" -d '{"role":"patient","practice":"${tokens.staff.practice}","nhsNumber":"${tokens.patient.nhsNumber}"}' ${mode.url}/dev/token`,
    '',
    'Ctrl-C stops the API and DynamoDB Local.',
  ];
}

/**
 * Shown when this Java cannot run the loopback launcher (it lacks the jdk.compiler module): then
 * DynamoDB Local's own server listens on every interface, and anyone who can reach this machine
 * can read and change the local data.
 */
export const EXPOSED_WARNING =
  'WARNING: DynamoDB Local listens on every network interface (this Java cannot bind it to 127.0.0.1: it lacks the jdk.compiler module); use a full JDK or a firewall if this machine is reachable from a network.';

function dynamoLine(mode: Pick<LocalMode, 'dynamoEndpoint' | 'dynamoDbLocal'>): string {
  if (!mode.dynamoDbLocal) return `${mode.dynamoEndpoint} (DYNAMODB_ENDPOINT)`;
  const pid = mode.dynamoDbLocal.pid();
  return `${mode.dynamoEndpoint}   pid: ${pid ?? 'not running'}${mode.dynamoDbLocal.loopbackOnly ? '   (127.0.0.1 only)' : ''}`;
}

function seedLine(mode: LocalMode): string {
  switch (mode.seed.status) {
    case 'seeded':
      return 'demo practices, patients and a fortnight of slots written';
    case 'skipped':
      return mode.seed.reason === 'disabled' ? 'none (SEED=none)' : 'skipped: the table already has data';
    case 'failed':
      return `FAILED, the API runs with partial demo data (${mode.seed.error.message}); delete the data dir to seed again`;
  }
}
