import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { requireEnv } from '../config.ts';
import { parsePracticeList } from '../domain/practices.ts';
import { logger } from '../observability/logger.ts';
import { seedRegistry } from '../store/registry.ts';

/**
 * The deploy configuration's practices into the registry, on every deploy: a CloudFormation
 * custom resource whose only property that changes is the hash of the practice list, which CDK
 * uploads as an S3 asset (inline properties are capped by CloudFormation's template size; 6,500
 * practices are about 1.2 MB). Each practice is added only if the registry lacks it, so what an
 * admin changed since is never overwritten, and removing a practice from the configuration
 * removes nothing (an admin does that). Delete does nothing: the registry is data, kept with the table.
 */
export async function handler(event: CloudFormationCustomResourceEvent): Promise<void> {
  const physicalId = 'RegistrySeed';
  try {
    if (event.RequestType !== 'Delete') {
      const { Bucket, Key } = event.ResourceProperties as unknown as { Bucket: string; Key: string };
      const practices = parsePracticeList(await getObject(Bucket, Key));
      const outcome = await seedRegistry(practices, new Date(), 32);
      logger.info('practice registry seeded', { configured: practices.length, ...outcome });
    }
    await respond(event, 'SUCCESS', physicalId);
  } catch (error) {
    logger.error('practice registry seed failed', { error });
    const reason = error instanceof Error ? error.message.slice(0, 500) : 'seed failed';
    await respond(event, 'FAILED', physicalId, reason);
  }
}

async function getObject(bucket: string, key: string): Promise<string> {
  const region = requireEnv('AWS_REGION');
  const signer = new SignatureV4({ service: 's3', region, credentials: defaultProvider(), sha256: Sha256 });
  const hostname = `${bucket}.s3.${region}.amazonaws.com`;
  const path = `/${key.split('/').map(encodeURIComponent).join('/')}`;
  const signed = await signer.sign({
    method: 'GET',
    protocol: 'https:',
    hostname,
    path,
    query: {},
    headers: { host: hostname },
  });
  const headers = Object.fromEntries(Object.entries(signed.headers).filter(([name]) => name.toLowerCase() !== 'host'));
  const response = await fetch(`https://${hostname}${path}`, { headers, signal: AbortSignal.timeout(30_000) });
  if (!response.ok) throw new Error(`S3 GetObject of the practice list answered ${response.status}`);
  return response.text();
}

/** The custom resource's answer, PUT to the pre-signed URL CloudFormation gave. */
async function respond(
  event: CloudFormationCustomResourceEvent,
  status: 'SUCCESS' | 'FAILED',
  physicalId: string,
  reason?: string,
): Promise<void> {
  const body = JSON.stringify({
    Status: status,
    Reason: reason ?? status,
    PhysicalResourceId: physicalId,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
  });
  await fetch(event.ResponseURL, {
    method: 'PUT',
    headers: { 'content-type': '' },
    body,
    signal: AbortSignal.timeout(30_000),
  });
}
