import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as me } from '../../functions/api/patients/me.ts';
import { ProblemError } from '../../functions/domain/errors.ts';
import { setDocumentClient } from '../../functions/store/client.ts';
import { REQUEST_DEADLINE_MS, withDeadline } from '../../functions/store/deadline.ts';
import { keys } from '../../functions/store/keys.ts';
import { getItem, isUnavailable } from '../../functions/store/dynamo.ts';
import { apiEvent, invoke, PATIENT_CLAIMS } from '../support/events.ts';
import { useUnitEnv } from '../support/unit-env.ts';

/**
 * A database that accepts connections and never answers (what a paused or overloaded DynamoDB
 * looks like from the client): a TCP server on loopback that reads requests and says nothing.
 */
let silent: Server;
const sockets = new Set<Socket>();

beforeAll(async () => {
  useUnitEnv();
  silent = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.resume();
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const { port } = silent.address() as { port: number };
  process.env.DYNAMODB_ENDPOINT = `http://127.0.0.1:${port}`;
  setDocumentClient(undefined);
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
  delete process.env.DYNAMODB_ENDPOINT;
  setDocumentClient(undefined);
});

const elapsed = async (work: () => Promise<unknown>): Promise<{ value?: unknown; error?: unknown; ms: number }> => {
  const started = Date.now();
  try {
    return { value: await work(), ms: Date.now() - started };
  } catch (error) {
    return { error, ms: Date.now() - started };
  }
};

describe('a DynamoDB that does not answer', () => {
  it('fails a call with 503 unavailable once its deadline has passed', async () => {
    const { error, ms } = await elapsed(() => withDeadline(300, () => getItem(keys.patient('A99001', '9990000018'))));
    expect(error).toBeInstanceOf(ProblemError);
    expect(error).toMatchObject({ code: 'unavailable', status: 503, headers: { 'retry-after': '1' } });
    expect(ms).toBeLessThan(1_000);
  });

  it('fails calls queued behind a full socket pool by the same deadline (60 at once, 50 sockets)', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        elapsed(() => withDeadline(400, () => getItem(keys.patient('A99001', String(9990000000 + i))))),
      ),
    );
    for (const { error, ms } of outcomes) {
      expect(error).toMatchObject({ code: 'unavailable' });
      expect(ms).toBeLessThan(1_500);
    }
  });

  it('never lets an inner deadline extend an outer one', async () => {
    const { error, ms } = await elapsed(() =>
      withDeadline(200, () => withDeadline(5_000, () => getItem(keys.patient('A99001', '9990000018')))),
    );
    expect(error).toMatchObject({ code: 'unavailable' });
    expect(ms).toBeLessThan(1_000);
  });

  it(
    'makes GET /me answer 503 unavailable with Retry-After within 5 s',
    { timeout: REQUEST_DEADLINE_MS + 5_000 },
    async () => {
      const { value, ms } = await elapsed(() =>
        invoke(me, apiEvent({ method: 'GET', path: '/me', claims: PATIENT_CLAIMS })),
      );
      expect(value).toMatchObject({
        statusCode: 503,
        headers: { 'content-type': 'application/problem+json', 'retry-after': '1' },
        json: { code: 'unavailable' },
      });
      expect(ms).toBeLessThan(5_000);
    },
  );
});

describe('isUnavailable', () => {
  const named = (name: string, code?: string) => Object.assign(new Error('x'), { name, ...(code ? { code } : {}) });

  it.each([
    ['a per-attempt timeout', named('TimeoutError')],
    ['an aborted call (the deadline passed)', named('AbortError')],
    ['a refused connection (DynamoDB Local restarting)', named('Error', 'ECONNREFUSED')],
    ['a reset connection', named('Error', 'ECONNRESET')],
    ['throttling', named('ThrottlingException')],
  ])('treats %s as unavailable', (_what, error) => {
    expect(isUnavailable(error)).toBe(true);
  });

  it('leaves other errors alone (they are bugs: 500)', () => {
    expect(isUnavailable(new TypeError('x'))).toBe(false);
    expect(isUnavailable(named('ValidationException'))).toBe(false);
  });
});
