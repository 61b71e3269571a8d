import { App } from 'aws-cdk-lib';
import { addComplianceChecks } from '../lib/compliance.ts';
import { CONFIG_FIELDS, parseDeployConfig } from '../lib/deploy-config.ts';
import { PatientOnlineStack } from '../lib/patient-online-stack.ts';

const app = new App();

// cdk.json context `patientOnline`, with any field overridden by `-c field=value`.
const overrides = Object.fromEntries(CONFIG_FIELDS.map((field) => [field, app.node.tryGetContext(field) as unknown]));
const result = parseDeployConfig(app.node.tryGetContext('patientOnline'), overrides);
if (!result.ok) {
  console.error('Invalid deploy configuration (cdk.json context "patientOnline", or -c):');
  for (const error of result.errors) console.error(`  - ${error}`);
  process.exit(1);
}

new PatientOnlineStack(app, 'PatientOnline', {
  description: 'Patient Online: GP online services API (appointments, repeat prescriptions, record access)',
  config: result.config,
});
addComplianceChecks(app);
