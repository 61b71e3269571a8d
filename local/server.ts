import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ProblemError } from '../functions/domain/errors.ts';
import { problemResponse } from '../functions/http/problem.ts';
import { LOOPBACK } from './constants.ts';
import type { IncomingRequest } from './event.ts';
import type { Gateway, GatewayResponse } from './gateway.ts';
import { portError } from './ports.ts';

/** API Gateway's own payload limit; the handlers refuse anything over 64 KiB themselves. */
export const MAX_GATEWAY_BODY_BYTES = 10 * 1024 * 1024;
const DRAIN_TIMEOUT_MS = 5_000;

export interface RequestSummary {
  method: string;
  target: string;
  status: number;
  ms: number;
}

export interface ApiServer {
  url: string;
  port: number;
  /** Stops accepting, lets requests in flight finish (a few seconds at most), then closes. */
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

/**
 * Reads the body, refusing anything over API Gateway's 10 MiB without holding more of it in
 * memory: declared by Content-Length up front, or counted as chunks arrive.
 */
function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_GATEWAY_BODY_BYTES) return Promise.reject(new BodyTooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_GATEWAY_BODY_BYTES) {
        // Keep reading but throw the bytes away, so the client can finish sending and read the 413.
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
}

function toIncomingRequest(req: IncomingMessage, body: string): IncomingRequest {
  const address = req.socket.remoteAddress ?? LOOPBACK;
  return {
    method: req.method ?? 'GET',
    target: req.url ?? '/',
    headers: req.headersDistinct,
    body,
    sourceIp: address.replace(/^::ffff:/, ''),
    protocol: `HTTP/${req.httpVersion}`,
  };
}

function send(res: ServerResponse, response: GatewayResponse): void {
  const headers: Record<string, string | string[]> = { ...response.headers };
  if (response.cookies.length > 0) headers['set-cookie'] = response.cookies;
  const hasBody = response.statusCode !== 204 && response.statusCode !== 304;
  if (hasBody) headers['content-length'] = String(response.body.length);
  res.writeHead(response.statusCode, headers);
  res.end(hasBody ? response.body : undefined);
}

function sendTooLarge(res: ServerResponse): void {
  const problem = problemResponse(
    new ProblemError('payload-too-large', `Request bodies are limited to ${MAX_GATEWAY_BODY_BYTES / 1024 / 1024} MiB`),
  );
  res.writeHead(problem.statusCode, problem.headers);
  res.end(problem.body);
}

async function serve(gateway: Gateway, req: IncomingMessage, res: ServerResponse): Promise<number> {
  let body: string;
  try {
    body = await readBody(req);
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      sendTooLarge(res);
      return 413;
    }
    res.destroy();
    return 0;
  }
  const response = await gateway.handle(toIncomingRequest(req, body));
  send(res, response);
  return response.statusCode;
}

/** What Node itself answers to a request it cannot parse (its default 'clientError' behaviour). */
const NODE_CLIENT_ERROR_STATUS: Record<string, string> = {
  ERR_HTTP_REQUEST_TIMEOUT: '408 Request Timeout',
  HPE_CHUNK_EXTENSIONS_OVERFLOW: '413 Payload Too Large',
};

/**
 * Node answers a request whose headers exceed its limit (16 KiB in all) with a bare 431 before any
 * handler runs: answer problem+json instead. Other unparseable requests get Node's own answers.
 */
function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  // As Node does: answer only if no response on this (keep-alive) connection is part-way out.
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (!socket.writable || inFlight?.headersSent) {
    socket.destroy(error);
    return;
  }
  if (error.code !== 'HPE_HEADER_OVERFLOW') {
    const status = NODE_CLIENT_ERROR_STATUS[error.code ?? ''] ?? '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\n\r\n`);
    return;
  }
  const problem = problemResponse(
    new ProblemError('request-header-fields-too-large', 'The request headers are too large (16 KiB at most in all)'),
  );
  const body = Buffer.from(problem.body ?? '');
  const head = [
    `HTTP/1.1 ${problem.statusCode} Request Header Fields Too Large`,
    ...Object.entries(problem.headers).map(([name, value]) => `${name}: ${value}`),
    `content-length: ${body.length}`,
    'connection: close',
  ].join('\r\n');
  socket.end(Buffer.concat([Buffer.from(`${head}\r\n\r\n`), body]));
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error) => reject(portError(port, 'PORT', error)));
    server.listen({ port, host: LOOPBACK }, () => resolve((server.address() as AddressInfo).port));
  });
}

/** The HTTP side of local mode on 127.0.0.1:`port` (0: any free port), keep-alive on. */
export async function startApiServer(
  gateway: Gateway,
  options: { port: number; onResponse?: (summary: RequestSummary) => void; onError?: (error: unknown) => void },
): Promise<ApiServer> {
  const server = createServer({ keepAlive: true }, (req, res) => {
    const started = performance.now();
    serve(gateway, req, res).then(
      (status) =>
        options.onResponse?.({
          method: req.method ?? '',
          target: req.url ?? '',
          status,
          ms: Math.round(performance.now() - started),
        }),
      // Only writing the response can fail here (e.g. a header value Node refuses): drop the connection.
      (error: unknown) => {
        options.onError?.(error);
        res.destroy();
      },
    );
  });
  server.on('clientError', answerClientError);
  const port = await listen(server, options.port);
  return { url: `http://${LOOPBACK}:${port}`, port, close: () => closeServer(server) };
}

async function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), DRAIN_TIMEOUT_MS);
  await closed;
  clearTimeout(timer);
}
