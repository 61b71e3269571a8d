import { createHash, createHmac } from 'node:crypto';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { putReportFile, ReportBucketError } from '../../functions/store/report-bucket.ts';
import { s3Error, stubS3, type S3Request } from '../support/s3-fetch.ts';
import { useUnitEnv } from '../support/unit-env.ts';

const ACCESS_KEY = 'AKIDEXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const TOKEN = 'session-token-example';
const HOST = 'reports-bucket.s3.eu-west-2.amazonaws.com';
const CSV = {
  key: 'reports/2026-11/A99001.csv',
  contentType: 'text/csv; charset=utf-8',
  body: 'Practice,Month\r\nA99001,2026-11 – £\r\n',
};

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/**
 * The SigV4 signature of what was actually sent, worked out here from the AWS specification with
 * node:crypto alone (not the signer under test): what S3 will compute and compare.
 */
function expectedSignature(request: S3Request, signedHeaders: string[]): string {
  const date = request.headers['x-amz-date']!;
  const scope = `${date.slice(0, 8)}/eu-west-2/s3/aws4_request`;
  const headerValue = (name: string) => (name === 'host' ? request.url.host : request.headers[name]!);
  const canonical = [
    request.method,
    request.url.pathname,
    '',
    ...signedHeaders.map((name) => `${name}:${headerValue(name)}`),
    '',
    signedHeaders.join(';'),
    sha256(request.body),
  ].join('\n');
  const stringToSign = ['AWS4-HMAC-SHA256', date, scope, sha256(canonical)].join('\n');
  const key = ['eu-west-2', 's3', 'aws4_request'].reduce(
    (k, part) => hmac(k, part),
    hmac(`AWS4${SECRET}`, date.slice(0, 8)),
  );
  return createHmac('sha256', key).update(stringToSign).digest('hex');
}

function authorization(request: S3Request) {
  const match = /^AWS4-HMAC-SHA256 Credential=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
    request.headers.authorization ?? '',
  );
  expect(match, request.headers.authorization).not.toBeNull();
  return { credential: match![1]!, signedHeaders: match![2]!.split(';'), signature: match![3]! };
}

describe('putReportFile: one signed PutObject to the reports bucket', () => {
  beforeAll(() => {
    useUnitEnv();
    // As Lambda provides them: the function role's temporary credentials (read once, memoized).
    process.env.AWS_ACCESS_KEY_ID = ACCESS_KEY;
    process.env.AWS_SECRET_ACCESS_KEY = SECRET;
    process.env.AWS_SESSION_TOKEN = TOKEN;
    process.env.REPORTS_BUCKET = 'reports-bucket';
  });
  beforeEach(() => vi.useFakeTimers({ now: new Date('2026-12-01T02:00:00Z'), toFake: ['Date'] }));
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('sends PUT https://{bucket}.s3.{region}.amazonaws.com/{key} with the body bytes, content type and a SigV4 signature S3 will accept', async () => {
    const { requests } = stubS3();
    await putReportFile(CSV);
    expect(requests).toHaveLength(1);
    const request = requests[0]!;
    expect(request.method).toBe('PUT');
    expect(request.url.href).toBe(`https://${HOST}/reports/2026-11/A99001.csv`);
    expect(request.body).toEqual(new TextEncoder().encode(CSV.body));
    expect(request.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(request.headers['x-amz-content-sha256']).toBe(sha256(Buffer.from(CSV.body, 'utf8')));
    expect(request.headers['x-amz-date']).toBe('20261201T020000Z');
    expect(request.headers['x-amz-security-token']).toBe(TOKEN);
    // No SSE header: the bucket's default SSE-KMS applies and its policy asks for none.
    expect(Object.keys(request.headers).filter((h) => h.startsWith('x-amz-server-side-encryption'))).toEqual([]);
    // fetch derives Host from the URL; the signature covers the same value.
    expect(request.headers.host).toBeUndefined();

    expect(request.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
    const auth = authorization(request);
    expect(auth.credential).toBe(`${ACCESS_KEY}/20261201/eu-west-2/s3/aws4_request`);
    expect(auth.signedHeaders).toEqual([
      'content-type',
      'host',
      'x-amz-content-sha256',
      'x-amz-date',
      'x-amz-security-token',
    ]);
    expect(auth.signature).toBe(expectedSignature(request, auth.signedHeaders));
  });

  it('encodes a key as S3 signs it, so keys with spaces and reserved characters still verify', async () => {
    const { requests } = stubS3();
    await putReportFile({ ...CSV, key: "reports/2026-11/all practices+(draft)'s*.csv" });
    const request = requests[0]!;
    expect(request.url.pathname).toBe('/reports/2026-11/all%20practices%2B%28draft%29%27s%2A.csv');
    const auth = authorization(request);
    expect(auth.signature).toBe(expectedSignature(request, auth.signedHeaders));
  });

  it("throws S3's error code, status and request id, but not S3's message or any credential, without retrying a 4xx", async () => {
    const { requests } = stubS3(() => ({
      status: 403,
      body: s3Error('AccessDenied', 'User: arn:aws:sts::123456789012:assumed-role/rollup is not authorized'),
      headers: { 'x-amz-request-id': 'REQ123' },
    }));
    const error = (await putReportFile(CSV).catch((e: unknown) => e)) as ReportBucketError;
    expect(error).toBeInstanceOf(ReportBucketError);
    expect(error).toMatchObject({ status: 403, s3Code: 'AccessDenied', requestId: 'REQ123', key: CSV.key });
    expect(error.message).toBe('S3 PutObject reports/2026-11/A99001.csv failed: 403 AccessDenied (request id REQ123)');
    expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toMatch(
      new RegExp(`${ACCESS_KEY}|${TOKEN}|arn:aws|123456789012|wJalr`),
    );
    expect(requests).toHaveLength(1);
  });

  it('names an unknown error when S3 answers without an XML error body', async () => {
    stubS3(() => ({ status: 400 }));
    await expect(putReportFile(CSV)).rejects.toThrow('failed: 400 UnknownError');
  });

  it('retries a 5xx answer, signing again, and succeeds', async () => {
    const { requests } = stubS3((_, i) =>
      i === 0 ? { status: 503, body: s3Error('SlowDown', 'Please reduce your request rate.') } : { status: 200 },
    );
    await putReportFile(CSV);
    expect(requests).toHaveLength(2);
    for (const request of requests)
      expect(authorization(request).signature).toBe(expectedSignature(request, authorization(request).signedHeaders));
  });

  it('throws after three 5xx answers, so the schedule retries the run', async () => {
    const { requests } = stubS3(() => ({
      status: 500,
      body: s3Error('InternalError', 'We encountered an internal error.'),
    }));
    await expect(putReportFile(CSV)).rejects.toThrow('500 InternalError');
    expect(requests).toHaveLength(3);
  });

  it('retries a network failure and rethrows it when it persists', async () => {
    const failed = new TypeError('fetch failed');
    const once = stubS3((_, i) => (i === 0 ? failed : { status: 200 }));
    await putReportFile(CSV);
    expect(once.requests).toHaveLength(2);
    const always = stubS3(() => failed);
    await expect(putReportFile(CSV)).rejects.toBe(failed);
    expect(always.requests).toHaveLength(3);
  });
});
