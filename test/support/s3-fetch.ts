import { vi } from 'vitest';

/** One request the code under test sent to S3 through fetch. */
export interface S3Request {
  method: string;
  url: URL;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: Uint8Array;
}

/** What the stub answers: a status (and S3's XML error body for a failure). */
export type S3Answer = { status: number; body?: string; headers?: Record<string, string> } | Error;

/**
 * Replaces the global fetch with a stub that records every request and answers from `answer`
 * (200 by default). Undo with vi.unstubAllGlobals().
 */
export function stubS3(answer: (request: S3Request, index: number) => S3Answer = () => ({ status: 200 })): {
  requests: S3Request[];
} {
  const requests: S3Request[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string | URL, init: RequestInit = {}) => {
      const request: S3Request = {
        method: init.method ?? 'GET',
        url: new URL(input),
        headers: Object.fromEntries(new Headers(init.headers).entries()),
        body: new Uint8Array(await new Response(init.body ?? null).arrayBuffer()),
      };
      requests.push(request);
      const reply = answer(request, requests.length - 1);
      if (reply instanceof Error) throw reply;
      return new Response(reply.body ?? null, { status: reply.status, headers: reply.headers });
    }),
  );
  return { requests };
}

/** S3's XML error body. */
export const s3Error = (code: string, message: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>REQ123</RequestId></Error>`;

export const bodyText = (request: S3Request) => new TextDecoder().decode(request.body);
/** The object key of a virtual-hosted-style request. */
export const objectKey = (request: S3Request) => decodeURIComponent(request.url.pathname.slice(1));
