import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signDevToken } from '../../functions/identity/dev-jwt.ts';
import { freePort } from '../../local/ports.ts';
import { startTestApi, type TestApi } from '../support/local-api.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
/** Not one of the demo patients, so registering answers 201 also in a seeded table. */
const PATIENT = { nhsNumber: '9990000107', name: 'Priya Patel', dateOfBirth: '1988-08-08' };
const REGISTRATION = {
  name: PATIENT.name,
  dateOfBirth: PATIENT.dateOfBirth,
  services: { appointments: true, prescriptions: true, record: 'summary' },
};

const expectProblem = (res: { status: number; headers: Headers; json: unknown }, status: number, code: string) => {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  expect(res.json).toMatchObject({ status, code });
};

describe('local mode API', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ seed: true });
  });
  afterAll(() => api?.stop());

  it('seeds the demo practices through the handlers into an empty table', async () => {
    expect(api.seed).toEqual({ status: 'seeded' });
    const token = await api.tokenFor({ role: 'patient', practice: 'A99001', nhsNumber: '9990000018' });
    expect((await api.request('GET', '/me', { token })).json).toMatchObject({
      name: 'Olivia Bennett',
      services: { record: 'detailed' },
    });
    expect((await api.request('GET', '/practice', { token })).json).toMatchObject({ settings: { listSize: 9000 } });
    const from = new Date(Date.now() + 60_000).toISOString();
    const to = new Date(Date.now() + 14 * 86_400_000).toISOString();
    const slots = await api.request<{ items: { clinician: string }[] }>(
      'GET',
      `/slots?from=${from}&to=${to}&limit=100`,
      { token },
    );
    expect(slots.status).toBe(200);
    expect(new Set(slots.json.items.map((slot) => slot.clinician))).toContain('Dr Amira Shah');
  });

  it('GET /health answers 200 ok', async () => {
    const res = await api.request('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: 'ok' });
  });

  it('answers 404 not-found problem+json for an unknown path', async () => {
    expectProblem(await api.request('GET', '/no-such-route'), 404, 'not-found');
  });

  it('answers 405 method-not-allowed with Allow for a known path with another method', async () => {
    const res = await api.request('DELETE', '/health');
    expectProblem(res, 405, 'method-not-allowed');
    expect(res.headers.get('allow')).toBe('GET');
  });

  it('answers 401 unauthenticated without a token', async () => {
    expectProblem(await api.request('GET', '/me'), 401, 'unauthenticated');
  });

  it('answers 401 unauthenticated for a token signed with another secret', async () => {
    const { token } = await signDevToken({ sub: 'x', role: 'staff', practice: 'A99001' }, 'not-the-local-secret');
    expectProblem(await api.request('GET', '/staff/patients/9990000018', { token }), 401, 'unauthenticated');
  });

  it('answers 401 unauthenticated for an expired token', async () => {
    const yesterday = Math.floor(Date.now() / 1000) - 86_400;
    const { token } = await signDevToken(
      { sub: 'x', role: 'staff', practice: 'A99001' },
      process.env.DEV_TOKEN_SECRET!,
      yesterday,
    );
    expectProblem(await api.request('GET', '/staff/patients/9990000018', { token }), 401, 'unauthenticated');
  });

  it('POST /dev/token answers 400 validation-failed for a patient without an NHS number', async () => {
    const res = await api.request('POST', '/dev/token', { body: { role: 'patient', practice: 'A99001' } });
    expectProblem(res, 400, 'validation-failed');
    expect(res.json).toMatchObject({ errors: [{ path: 'nhsNumber' }] });
  });

  it('POST /dev/token mints a token the authorizer accepts', async () => {
    const staff = await api.tokenFor({ role: 'staff', practice: 'A99001' });
    expect(
      (await api.request('PUT', `/staff/patients/${PATIENT.nhsNumber}`, { token: staff, body: REGISTRATION })).status,
    ).toBe(201);
    const minted = await api.request<{ token: string }>('POST', '/dev/token', {
      body: { role: 'patient', practice: 'A99001', nhsNumber: PATIENT.nhsNumber },
    });
    expect(minted.status).toBe(200);
    const me = await api.request('GET', '/me', { token: minted.json.token });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ nhsNumber: PATIENT.nhsNumber, practice: 'A99001' });
  });

  it('passes bodies over 64 KiB to the handler, which answers 413 payload-too-large', async () => {
    const res = await api.request('POST', '/dev/token', { body: JSON.stringify({ sub: 'x'.repeat(70 * 1024) }) });
    expectProblem(res, 413, 'payload-too-large');
  });

  it('answers 413 payload-too-large itself for bodies over 10 MiB', async () => {
    const res = await api.request('POST', '/dev/token', { body: 'x'.repeat(10 * 1024 * 1024 + 1) });
    expectProblem(res, 413, 'payload-too-large');
    expect(res.json).toMatchObject({ detail: expect.stringContaining('10 MiB') as string });
  });
});

describe('local mode restart on the same DATA_DIR', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'po-local-restart-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps registered patients, and tokens minted before the restart still work', async () => {
    const first = await startTestApi({ dataDir });
    const staff = await first.tokenFor({ role: 'staff', practice: 'A99001' });
    try {
      expect(
        (await first.request('PUT', `/staff/patients/${PATIENT.nhsNumber}`, { token: staff, body: REGISTRATION }))
          .status,
      ).toBe(201);
    } finally {
      await first.stop();
    }

    const second = await startTestApi({ dataDir, seed: true });
    try {
      expect(second.seed).toEqual({ status: 'skipped', reason: 'table-not-empty' });
      const res = await second.request('GET', `/staff/patients/${PATIENT.nhsNumber}`, { token: staff });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ nhsNumber: PATIENT.nhsNumber, name: PATIENT.name });
    } finally {
      await second.stop();
    }
  });
});

/** `npx tsx bin/local.ts` as a child process, its output collected. */
interface LocalProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const children: ChildProcess[] = [];

function spawnLocal(env: Record<string, string>): LocalProcess {
  // Detached: its own process group, so cleanup can reach npx, tsx and node together.
  const child = spawn('npx', ['tsx', 'bin/local.ts'], {
    cwd: REPO,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => resolve(Boolean(socket.destroy())));
    socket.once('error', () => resolve(false));
  });
}

/** Pids of DynamoDB Local JVMs started with `-port <port>` (Linux /proc; empty elsewhere). */
function dynamoJavaPids(port: number): string[] {
  if (!existsSync('/proc')) return [];
  return readdirSync('/proc').filter((pid) => {
    if (!/^\d+$/.test(pid)) return false;
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      const isDynamoJvm = args[0]?.endsWith('java') === true && args.some((arg) => arg.includes('DynamoDBLocal.jar'));
      return isDynamoJvm && args[args.indexOf('-port') + 1] === String(port);
    } catch {
      return false;
    }
  });
}

function holdPort(port: number): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

/** A PATH where node, npx and sh resolve but java does not. */
function pathWithoutJava(): string {
  const bin = mkdtempSync(join(tmpdir(), 'po-no-java-'));
  symlinkSync(process.execPath, join(bin, 'node'));
  symlinkSync('/bin/sh', join(bin, 'sh'));
  const npx = (process.env.PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, 'npx'))
    .find((file) => existsSync(file));
  if (npx) symlinkSync(npx, join(bin, 'npx'));
  return bin;
}

describe('local mode process (npx tsx bin/local.ts)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'po-local-process-'));
  afterEach(() => {
    for (const child of children.splice(0)) {
      try {
        if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('leaves no DynamoDB Local behind when node is killed with SIGKILL', { timeout: 90_000 }, async () => {
    const [port, dynamoPort] = [await freePort(), await freePort()];
    const local = spawnLocal({
      PORT: String(port),
      DYNAMODB_PORT: String(dynamoPort),
      DATA_DIR: dataDir,
      SEED: 'none',
    });
    const pid = await waitFor(
      () => /listening on http:\/\/[\d.:]+\s+pid: (\d+)/.exec(local.output())?.[1],
      60_000,
      `the URL line in:\n${local.output()}`,
    );
    expect(await isListening(dynamoPort)).toBe(true);

    process.kill(Number(pid), 'SIGKILL');

    await waitFor(
      async () => ((await isListening(dynamoPort)) ? undefined : true),
      5_000,
      `port ${dynamoPort} to close`,
    );
    await waitFor(() => (dynamoJavaPids(dynamoPort).length === 0 ? true : undefined), 5_000, 'the JVM to exit');
  });

  it.each([
    ['PORT', 'DYNAMODB_PORT'],
    ['DYNAMODB_PORT', 'PORT'],
  ])('exits 1 with a one-sentence message when %s is busy', { timeout: 60_000 }, async (busyVar, otherVar) => {
    const [busy, other] = [await freePort(), await freePort()];
    const holder = await holdPort(busy);
    try {
      const local = spawnLocal({ [busyVar]: String(busy), [otherVar]: String(other), DATA_DIR: ':memory:' });
      expect(await local.exited).toBe(1);
      expect(local.output().trim()).toBe(
        `Port ${busy} is already in use: stop whatever is listening on it or choose another port with ${busyVar}=<port>.`,
      );
    } finally {
      holder.close();
    }
  });

  it.skipIf(!existsSync('/proc/self'))(
    'exits 1 with a one-sentence message when DATA_DIR is inside /proc',
    { timeout: 60_000 },
    async () => {
      const local = spawnLocal({ PORT: '0', DYNAMODB_PORT: '0', DATA_DIR: '/proc/self/patient-online' });
      expect(await local.exited).toBe(1);
      expect(local.output().trim()).toBe(
        'The data directory /proc/self/patient-online is inside /proc, which cannot hold files: choose another with DATA_DIR=<path> (or DATA_DIR=:memory:).',
      );
    },
  );

  it('exits 1 with a one-sentence message when java is missing', { timeout: 60_000 }, async () => {
    const bin = pathWithoutJava();
    try {
      const local = spawnLocal({ PATH: bin, PORT: '0', DATA_DIR: ':memory:' });
      expect(await local.exited).toBe(1);
      expect(local.output().trim()).toBe(
        'DynamoDB Local needs Java 17 or later: install a JRE (e.g. apt-get install openjdk-17-jre-headless) or set DYNAMODB_ENDPOINT.',
      );
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });
});
