import { describe, expect, it } from 'vitest';
import { retryingFetch } from '../../web/src/api/client.ts';

function recorder(answers: (Response | Error)[]) {
  const sent: { method: string; key: string | null; body: string }[] = [];
  const send = async (input: Request) => {
    const request = input;
    sent.push({ method: request.method, key: request.headers.get('idempotency-key'), body: await request.text() });
    const answer = answers.shift() ?? new Response('{}', { status: 200 });
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { sent, fetch: retryingFetch(send as unknown as typeof fetch) };
}

const write = () => new Request('http://127.0.0.1/appointments', { method: 'POST', body: '{"slotId":"s1"}' });

describe('the web app API client', () => {
  it('sends every write with a fresh Idempotency-Key', async () => {
    const { sent, fetch } = recorder([]);
    await fetch(write());
    await fetch(write());
    expect(sent[0]?.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent[1]?.key).not.toBe(sent[0]?.key);
  });

  it('retries a write once after a 503, with the same key and body', async () => {
    const { sent, fetch } = recorder([new Response('{}', { status: 503 }), new Response('{}', { status: 201 })]);
    expect((await fetch(write())).status).toBe(201);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual(sent[0]);
  });

  it('retries once after a lost connection, and only once', async () => {
    const { sent, fetch } = recorder([new TypeError('network'), new Response('{}', { status: 503 })]);
    expect((await fetch(write())).status).toBe(503);
    expect(sent).toHaveLength(2);
    expect(sent[1]?.key).toBe(sent[0]?.key);
  });

  it('sends reads without a key and does not retry a refusal', async () => {
    const { sent, fetch } = recorder([new Response('{}', { status: 409 })]);
    expect((await fetch(new Request('http://127.0.0.1/me'))).status).toBe(409);
    expect(sent).toEqual([{ method: 'GET', key: null, body: '' }]);
  });
});
