import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import { requireEnv } from '../config.ts';

/*
 * One signed S3 PutObject over fetch, hand-written because measurably better: @aws-sdk/client-s3
 * took the rollup's cold init to 1.30× the bare DynamoDB client's (over the 1.25× budget; the S3
 * client alone ~0.22×, and a lazy import() would not help since the bundle is one file), and
 * this brings it to ~1.1×. It is built only from pieces every bundle already carries through the
 * DynamoDB client: the SDK's SigV4 signer, its SHA-256 and its default credential chain (in
 * Lambda: the function role's AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN).
 * What the SDK client did and this keeps: SigV4 with the payload hash header, a few retries of
 * S3's 5xx answers and network errors, an error naming S3's code. The bucket (lib/monthly-report.ts)
 * encrypts with its default SSE-KMS key and its policy only denies non-TLS requests, so no
 * encryption header is sent.
 */

/** One object of the reports bucket, as the rollup files a month's reports there. */
export interface ReportFile {
  /** `reports/YYYY-MM/{ODS}.json|csv|html`, `reports/YYYY-MM/all-practices.csv`, `reports/YYYY-MM/summary.json`. */
  key: string;
  contentType: string;
  body: string;
}

/** Attempts per file (the SDK's standard retry mode makes 3), then the run throws and is retried. */
const MAX_ATTEMPTS = 3;
const RETRY_BASE_MS = 100;
/** Each attempt's bound (the function's timeout is 15 minutes for the whole run). */
const ATTEMPT_TIMEOUT_MS = 30_000;

let signer: SignatureV4 | undefined;

/** An S3 answer other than 2xx: its error code, status and request id, never its message (it may name the role). */
export class ReportBucketError extends Error {
  constructor(
    readonly key: string,
    readonly status: number,
    readonly s3Code: string,
    readonly requestId: string | undefined,
  ) {
    super(
      `S3 PutObject ${key} failed: ${status} ${s3Code}${requestId === undefined ? '' : ` (request id ${requestId})`}`,
    );
    this.name = 'ReportBucketError';
  }
}

/**
 * The reports bucket (REPORTS_BUCKET): one PutObject per file, encrypted with the bucket's key.
 * Writing the same run twice leaves the same objects (a new version each, the bucket is versioned).
 * Throws when S3 will not take the file, so the schedule retries the (idempotent) run.
 */
export async function putReportFile(file: ReportFile): Promise<void> {
  const bucket = requireEnv('REPORTS_BUCKET');
  const region = requireEnv('AWS_REGION');
  signer ??= new SignatureV4({
    service: 's3',
    region,
    credentials: defaultProvider(),
    sha256: Sha256,
    uriEscapePath: false,
    applyChecksum: true,
  });
  const hostname = `${bucket}.s3.${region}.amazonaws.com`;
  const path = `/${objectKeyPath(file.key)}`;
  const body = new TextEncoder().encode(file.body);

  for (let attempt = 1; ; attempt++) {
    // Signed afresh each attempt: the signature carries its time.
    const signed = await signer.sign({
      method: 'PUT',
      protocol: 'https:',
      hostname,
      path,
      query: {},
      headers: { host: hostname, 'content-type': file.contentType },
      body,
    });
    // fetch sets Host (the same value, from the URL) and Content-Length itself.
    const headers = Object.fromEntries(
      Object.entries(signed.headers).filter(([name]) => name.toLowerCase() !== 'host'),
    );
    let response: Response;
    try {
      response = await fetch(`https://${hostname}${path}`, {
        method: 'PUT',
        headers,
        body,
        signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
      });
    } catch (error) {
      if (attempt < MAX_ATTEMPTS) {
        await backOff(attempt);
        continue;
      }
      throw error;
    }
    if (response.ok) {
      await response.body?.cancel();
      return;
    }
    const s3Code = /<Code>([^<]*)<\/Code>/.exec(await response.text())?.[1] ?? 'UnknownError';
    if (response.status >= 500 && attempt < MAX_ATTEMPTS) {
      await backOff(attempt);
      continue;
    }
    throw new ReportBucketError(
      file.key,
      response.status,
      s3Code,
      response.headers.get('x-amz-request-id') ?? undefined,
    );
  }
}

/** An object key as S3 signs and routes it: each segment URI-encoded (RFC 3986 unreserved kept), slashes kept. */
function objectKeyPath(key: string): string {
  return key
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
    )
    .join('/');
}

function backOff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, RETRY_BASE_MS * 2 ** (attempt - 1)));
}
