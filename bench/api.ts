import { Agent, request } from 'node:http';
import { startLocalMode, type LocalMode } from '../local/local-mode.ts';
import { optionsFromEnv } from '../local/options.ts';
import { isValidNhsNumber } from '../functions/schemas/common.ts';
import type { Slot } from '../functions/schemas/slots.ts';

/**
 * Local mode in this process (DynamoDB Local in memory, the API on 127.0.0.1) and a lean HTTP
 * client for it: node:http with keep-alive, so the client's own cost stays small next to the
 * server's (client, server and DynamoDB Local share the same cores).
 */
export const PRACTICE = 'A99001';
/** The second demo practice: the rollup section's big month (PRACTICE has the small one). */
export const ROLLUP_PRACTICE = 'A99002';

export interface Response {
  status: number;
  json: unknown;
}

export interface BenchApi {
  mode: LocalMode;
  staffToken: string;
  patientToken(nhsNumber: string): Promise<string>;
  call(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * The bench's ports: `PORT` and `DYNAMODB_PORT` as `npm start` reads them (same checks, same
 * messages), but unset means a free port, not 3000 and 8000, so the bench runs beside a local mode
 * that is already up on its defaults.
 */
export function benchPorts(env: NodeJS.ProcessEnv): { port: number; dynamoPort: number } {
  const { port, dynamoPort } = optionsFromEnv({
    PORT: env.PORT?.trim() || '0',
    DYNAMODB_PORT: env.DYNAMODB_PORT?.trim() || '0',
  });
  return { port, dynamoPort: dynamoPort ?? 0 };
}

export async function startBenchApi(): Promise<BenchApi> {
  const mode = await startLocalMode({
    ...benchPorts(process.env),
    dataDir: ':memory:',
    seed: false,
    onError: (message, error) => console.error(`[local mode] ${message}`, error ?? ''),
  });
  // The notification sender runs in this process: its work on the same DynamoDB Local would weigh
  // on one side of the throughput comparison. The messages are written (and measured) all the same.
  await mode.notificationSender.stop();
  const url = new URL(mode.url);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const staffToken = await mode.mintToken({ sub: 'bench-staff', role: 'staff', practice: PRACTICE });

  const call: BenchApi['call'] = (method, path, options = {}) =>
    new Promise((resolve, reject) => {
      const body = options.body === undefined ? undefined : JSON.stringify(options.body);
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          method,
          path,
          agent,
          headers: {
            ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
            ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}),
            ...options.headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({
              status: res.statusCode ?? 0,
              json: text && /json/.test(res.headers['content-type'] ?? '') ? (JSON.parse(text) as unknown) : undefined,
            });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  return {
    mode,
    staffToken,
    patientToken: (nhsNumber) =>
      mode.mintToken({ sub: `bench-patient-${nhsNumber}`, role: 'patient', practice: PRACTICE, nhs_number: nhsNumber }),
    call,
    stop: async () => {
      agent.destroy();
      await mode.stop();
    },
  };
}

/** Throws with the problem's code unless the response has the expected status. */
export function expectStatus(response: Response, status: number, what: string): void {
  if (response.status !== status) {
    const problem = response.json as { code?: string; detail?: string } | undefined;
    throw new Error(
      `${what}: expected ${status}, got ${response.status} ${problem?.code ?? ''} ${problem?.detail ?? ''}`,
    );
  }
}

/** Valid test NHS numbers (999…, Modulus 11), none of them the demo seed's. */
export function* nhsNumbers(): Generator<string> {
  for (let n = 100_000; ; n++) {
    for (let check = 0; check <= 9; check++) {
      const candidate = `999${n}${check}`;
      if (isValidNhsNumber(candidate)) {
        yield candidate;
        break;
      }
    }
  }
}

/** Registers `count` patients with appointments enabled, through PUT /staff/patients/{nhsNumber}. */
export async function registerPatients(api: BenchApi, ids: Generator<string>, count: number): Promise<string[]> {
  const registered: string[] = [];
  for (let i = 0; i < count; i++) {
    const nhsNumber = ids.next().value as string;
    const response = await api.call('PUT', `/staff/patients/${nhsNumber}`, {
      token: api.staffToken,
      body: {
        name: `Bench Patient ${i}`,
        dateOfBirth: '1980-01-01',
        services: { appointments: true, prescriptions: false, record: 'none' },
      },
    });
    expectStatus(response, 201, 'register patient');
    registered.push(nhsNumber);
  }
  return registered;
}

/**
 * Publishes `count` 5-minute slots starting tomorrow (UTC), spread over clinicians so no two
 * overlap, through POST /staff/slots (250 per request: 500 of these would pass the 64 KiB body limit).
 */
const SLOTS_PER_REQUEST = 250;

export async function publishSlots(api: BenchApi, count: number, firstClinician = 0): Promise<Slot[]> {
  const perClinician = 100;
  const day = new Date();
  day.setUTCHours(24, 0, 0, 0);
  const wanted = Array.from({ length: count }, (_, i) => {
    const clinician = firstClinician + Math.floor(i / perClinician);
    const start = new Date(day.getTime() + (i % perClinician) * 5 * 60_000);
    return {
      start: start.toISOString(),
      end: new Date(start.getTime() + 5 * 60_000).toISOString(),
      clinician: `Bench Clinician ${clinician}`,
      type: 'GP',
      channel: 'in-person' as const,
    };
  });
  const slots: Slot[] = [];
  for (let i = 0; i < wanted.length; i += SLOTS_PER_REQUEST) {
    const body = { slots: wanted.slice(i, i + SLOTS_PER_REQUEST) };
    const response = await api.call('POST', '/staff/slots', { token: api.staffToken, body });
    expectStatus(response, 201, 'publish slots');
    slots.push(...(response.json as { items: Slot[] }).items);
  }
  return slots;
}

/** Clinicians used by `publishSlots` for `count` slots (so a later call can continue after them). */
export const cliniciansFor = (count: number) => Math.ceil(count / 100);
