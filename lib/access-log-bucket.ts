import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

export interface AccessLogBucketProps {
  /** Who owns the bucket, as the compliance notes name it ("MonthlyReport"). */
  owner: string;
  /** What the compliance notes call the bucket whose access it logs ("the reports bucket"). */
  logsOf: string;
  /** Why the logs need no replica in another region (they are the bucket's own concern). */
  noReplicaBecause: string;
  /**
   * Delivered with the log-delivery ACL grant: ACLs stay usable (bucket owner preferred). Unset:
   * ACLs off, and delivery is granted by the bucket policy CDK adds.
   */
  aclDelivery?: boolean;
}

/**
 * The `AccessLogs` bucket in `scope` that takes a bucket's S3 server access logs: SSE-S3 (log
 * delivery cannot use a KMS key), private, TLS only, versioned, each log kept 400 days, and kept
 * on teardown, like the other access logs: they are audit material.
 */
export function accessLogBucket(scope: Construct, props: AccessLogBucketProps): Bucket {
  const bucket = new Bucket(scope, 'AccessLogs', {
    encryption: BucketEncryption.S3_MANAGED,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    ...(props.aclDelivery ? { objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED } : {}),
    enforceSSL: true,
    versioned: true,
    lifecycleRules: [{ expiration: Duration.days(400), noncurrentVersionExpiration: Duration.days(30) }],
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const path = `${props.owner}/AccessLogs`;
  const noSelfLogging = `${path}: this is the access-log bucket of ${props.logsOf}; logging it into itself would loop.`;
  Validations.of(bucket).acknowledge(
    { id: 'AwsSolutions-S1', reason: noSelfLogging },
    { id: 'HIPAA.Security-S3BucketLoggingEnabled', reason: noSelfLogging },
    {
      id: 'HIPAA.Security-S3DefaultEncryptionKMS',
      reason: `${path}: S3 server access log delivery supports only SSE-S3 on the target bucket, not SSE-KMS.`,
    },
    { id: 'HIPAA.Security-S3BucketReplicationEnabled', reason: `${path}: ${props.noReplicaBecause}` },
  );
  return bucket;
}
