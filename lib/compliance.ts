import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** The cdk-nag rule packs every synth is checked against (a violation stops the synth). */
export function compliancePacks(scope?: IConstruct) {
  return [new AwsSolutionsChecks(scope, { verbose: true }), new HIPAASecurityChecks(scope, { verbose: true })];
}

/** Registers the packs on an app (or stage) so `cdk synth` and `cdk deploy` run them. */
export function addComplianceChecks(app: IConstruct): void {
  Validations.of(app).addPlugins(...compliancePacks(app));
}
