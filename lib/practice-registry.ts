import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CustomResource, Duration, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { Construct } from 'constructs';
import type { PracticeConfig } from '../functions/schemas/practice-config.ts';
import { ServiceFunction } from './service-function.ts';

export interface PracticeRegistrySeedProps {
  practices: readonly PracticeConfig[];
  table: ITable;
  logKey: IKey;
  /** Alarms on the seed function's errors and throttles, as on every function of the stack. */
  watch?: (fn: ServiceFunction) => void;
}

/**
 * The deploy configuration's practices, written into the registry on every deploy that changes
 * the list: the list goes up as an S3 asset (a file of any length; CloudFormation caps inline
 * properties with the template), and a custom resource whose properties are the asset's
 * location (so its hash) runs the seed function, which adds only the practices the registry
 * lacks. No function's environment carries a practice.
 */
export class PracticeRegistrySeed extends Construct {
  readonly asset: Asset;
  readonly seed: ServiceFunction;
  readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: PracticeRegistrySeedProps) {
    super(scope, id);
    const dir = mkdtempSync(join(tmpdir(), 'practice-registry-'));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'practices.json'), JSON.stringify(props.practices));
    this.asset = new Asset(this, 'Practices', { path: join(dir, 'practices.json') });

    this.seed = new ServiceFunction(this, 'Seed', {
      entry: 'scheduled/seed-registry.ts',
      description: 'Adds the configured practices the registry lacks (on deploy)',
      table: { table: props.table, access: 'read-write' },
      logKey: props.logKey,
      timeout: Duration.minutes(5),
    });
    this.asset.grantRead(this.seed.function);

    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: this.seed.function.functionArn,
      resourceType: 'Custom::PracticeRegistrySeed',
      properties: { Bucket: this.asset.s3BucketName, Key: this.asset.s3ObjectKey },
    });

    Validations.of(this.seed.role.node.findChild('DefaultPolicy')).acknowledge(
      {
        id: 'AwsSolutions-IAM5[Action::s3:GetBucket*]',
        reason: 'Registry/Seed: the CDK asset grant (read the practice list asset from the bootstrap bucket).',
      },
      {
        id: 'AwsSolutions-IAM5[Action::s3:GetObject*]',
        reason: 'Registry/Seed: the CDK asset grant (read the practice list asset from the bootstrap bucket).',
      },
      {
        id: 'AwsSolutions-IAM5[Action::s3:List*]',
        reason: 'Registry/Seed: the CDK asset grant (read the practice list asset from the bootstrap bucket).',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
        reason:
          'Registry/Seed: the CDK asset grant covers the bootstrap assets bucket (the asset key is a content hash known only at synth); read-only.',
      },
    );
    props.watch?.(this.seed);
  }
}
