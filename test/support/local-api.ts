import { randomUUID } from 'node:crypto';
import { usePracticesOutsideRequests } from '../../functions/usecases/deps.ts';
import { startLocalMode, type LocalMode, type SeedOutcome } from '../../local/local-mode.ts';
import type { Claims } from '../../functions/schemas/identity.ts';
import type { PatientServices } from '../../functions/schemas/patients.ts';
import { recordedResponses } from './recorded-responses.ts';

/**
 * Integration-test harness: local mode in this process (DynamoDB Local on a free port, the API on
 * another), and real HTTP to it through global fetch. One per test file:
 *
 *   const api = await startTestApi();            // in beforeAll
 *   const res = await api.request('GET', '/me', { token: await api.tokenFor({ role: 'patient', practice: 'A99001', nhsNumber: '9990000018' }) });
 *   await api.stop();                            // in afterAll
 */
export interface TestApiOptions {
  /** Seed the demo data (default false: each suite arranges its own). */
  seed?: boolean;
  /** A directory to persist to (e.g. to test a restart); default in memory. */
  dataDir?: string;
}

export type TokenRequest =
  | { role: 'patient'; practice: string; nhsNumber: string; sub?: string }
  | { role: 'staff'; practice: string; sub?: string }
  | { role: 'admin'; sub?: string };

export interface RequestOptions {
  token?: string;
  /** A string is sent as is (to test invalid JSON); anything else as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  /** The parsed body when the response is JSON (problem+json included); undefined otherwise. */
  json: T;
  text: string;
}

export interface TestApi {
  url: string;
  mode: LocalMode;
  seed: SeedOutcome;
  /** A signed dev token; `sub` defaults to what POST /dev/token would choose. */
  tokenFor(who: TokenRequest): Promise<string>;
  request<T = unknown>(method: string, path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
  /**
   * A write as the README tells clients to make one: with a fresh Idempotency-Key, retried with the
   * same key after `503` (a burst of setup writes to one practice can exhaust its conflict retries).
   */
  write<T = unknown>(method: string, path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
  stop(): Promise<void>;
}

export async function startTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const mode = await startLocalMode({
    port: 0,
    dynamoPort: 0,
    dataDir: options.dataDir ?? ':memory:',
    seed: options.seed ?? false,
    onError: (message, error) => console.error(`[local-api] ${message}`, error ?? ''),
  });
  if (mode.seed.status === 'failed') {
    await mode.stop();
    throw mode.seed.error;
  }
  // Suites also call use cases directly, outside a request: they take the configured practices.
  usePracticesOutsideRequests(mode.practices);
  return {
    url: mode.url,
    mode,
    seed: mode.seed,
    tokenFor: (who) => mode.mintToken(claimsFor(who)),
    request: (method, path, requestOptions) => send(mode.url, method, path, requestOptions),
    write: async (method, path, requestOptions = {}) => {
      const headers = { 'idempotency-key': randomUUID(), ...requestOptions.headers };
      for (let attempt = 1; ; attempt++) {
        const res = await send(mode.url, method, path, { ...requestOptions, headers });
        if (res.status !== 503 || attempt === 5) return res as never;
        await new Promise((resolve) => setTimeout(resolve, 1000 * Number(res.headers.get('retry-after') ?? 1)));
      }
    },
    stop: () => {
      usePracticesOutsideRequests(undefined);
      return mode.stop();
    },
  };
}

/**
 * Registers a patient for online services through the staff API (appointments only unless
 * `services` says otherwise) and returns the patient's token. Throws unless the registration is new.
 */
export async function registeredPatient(
  api: TestApi,
  patient: {
    staff: string;
    practice: string;
    nhsNumber: string;
    name: string;
    dateOfBirth?: string;
    services?: PatientServices;
  },
): Promise<string> {
  const { staff, practice, nhsNumber } = patient;
  const res = await api.write('PUT', `/staff/patients/${nhsNumber}`, {
    token: staff,
    body: {
      name: patient.name,
      dateOfBirth: patient.dateOfBirth ?? '1970-01-01',
      services: patient.services ?? { appointments: true, prescriptions: false, record: 'none' },
    },
  });
  if (res.status !== 201) throw new Error(`registering ${nhsNumber} answered ${res.status}: ${res.text}`);
  return api.tokenFor({ role: 'patient', practice, nhsNumber });
}

function claimsFor(who: TokenRequest): Claims {
  if (who.role === 'admin') return { sub: who.sub ?? 'admin', role: 'admin' };
  return who.role === 'patient'
    ? { sub: who.sub ?? `patient-${who.nhsNumber}`, role: 'patient', practice: who.practice, nhs_number: who.nhsNumber }
    : { sub: who.sub ?? `staff-${who.practice}`, role: 'staff', practice: who.practice };
}

async function send<T>(
  baseUrl: string,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(`${baseUrl}${path}`, { method, headers: { ...headers, ...options.headers }, body });
  const text = await response.text();
  recordedResponses.push({
    method,
    target: path,
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body: text,
  });
  const isJson = /json/i.test(response.headers.get('content-type') ?? '') && text.length > 0;
  return {
    status: response.status,
    headers: response.headers,
    json: (isJson ? JSON.parse(text) : undefined) as T,
    text,
  };
}
