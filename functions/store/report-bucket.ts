import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { requireEnv } from '../config.ts';
import type { ReportFile } from '../usecases/report.ts';

let client: S3Client | undefined;

/**
 * The reports bucket (REPORTS_BUCKET): one PutObject per file, encrypted with the bucket's key.
 * Writing the same run twice leaves the same objects (a new version each, the bucket is versioned).
 */
export async function putReportFile(file: ReportFile): Promise<void> {
  client ??= new S3Client({});
  await client.send(
    new PutObjectCommand({
      Bucket: requireEnv('REPORTS_BUCKET'),
      Key: file.key,
      Body: file.body,
      ContentType: file.contentType,
    }),
  );
}
