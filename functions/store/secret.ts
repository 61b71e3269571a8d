import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import { requireEnv } from '../config.ts';
import { unavailable } from '../domain/errors.ts';

/*
 * One signed Secrets Manager GetSecretValue over fetch, for the same reason as report-bucket.ts:
 * the SDK's Secrets Manager client would add its weight to every list function's cold start,
 * while the SigV4 signer, SHA-256 and credential chain are already in every bundle through the
 * DynamoDB client. Bounded like a table call: a couple of short attempts, then 503 unavailable.
 */

const MAX_ATTEMPTS = 2;
const ATTEMPT_TIMEOUT_MS = 1_500;

let signer: SignatureV4 | undefined;

/** The SecretString of a secret (the function's role may read that one secret only). */
export async function readSecretString(secretId: string): Promise<string> {
  const region = requireEnv('AWS_REGION');
  signer ??= new SignatureV4({ service: 'secretsmanager', region, credentials: defaultProvider(), sha256: Sha256 });
  const hostname = `secretsmanager.${region}.amazonaws.com`;
  const body = JSON.stringify({ SecretId: secretId });
  for (let attempt = 1; ; attempt++) {
    const signed = await signer.sign({
      method: 'POST',
      protocol: 'https:',
      hostname,
      path: '/',
      query: {},
      headers: {
        host: hostname,
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'secretsmanager.GetSecretValue',
      },
      body,
    });
    const headers = Object.fromEntries(
      Object.entries(signed.headers).filter(([name]) => name.toLowerCase() !== 'host'),
    );
    let response: Response | undefined;
    try {
      response = await fetch(`https://${hostname}/`, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
      });
    } catch {
      response = undefined;
    }
    if (response?.ok) {
      const answer = (await response.json()) as { SecretString?: unknown };
      if (typeof answer.SecretString !== 'string' || answer.SecretString === '') {
        throw new Error('Secrets Manager returned no SecretString');
      }
      return answer.SecretString;
    }
    if (response && response.status < 500 && response.status !== 429) {
      // A 4xx (no such secret, access denied) is a deployment fault, not an outage; only the
      // error type is kept (the message may name the role).
      const type = ((await response.json().catch(() => ({}))) as { __type?: unknown }).__type;
      const code = typeof type === 'string' ? type : 'UnknownError';
      throw new Error(`Secrets Manager GetSecretValue failed: ${response.status} ${code}`);
    }
    await response?.body?.cancel();
    if (attempt >= MAX_ATTEMPTS) throw unavailable();
  }
}
