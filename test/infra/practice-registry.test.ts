import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePracticeList } from '../../functions/domain/practices.ts';
import { PatientOnlineStack } from '../../lib/patient-online-stack.ts';
import { testDeployConfig } from './support.ts';

type Json = Record<string, unknown>;

/** All of England: 6,500 practices with full POMI geography (about 190 bytes each). */
const ENGLAND = Array.from({ length: 6_500 }, (_, i) => ({
  ods: `E${String(80_000 + i).padStart(5, '0')}`,
  name: `Practice number ${i} Medical Centre`,
  timeZone: 'Europe/London',
  regionCode: 'Y56',
  regionName: 'London Commissioning Region',
  subIcbCode: '93C',
  subIcbName: 'NHS North Central London ICB - 93C',
}));

let template: Json;
let stack: PatientOnlineStack;
let app: App;

beforeAll(() => {
  // Bundling skipped: this is about the template (environments, properties, assets), not the code.
  app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  stack = new PatientOnlineStack(app, 'England', { config: { ...testDeployConfig(), practices: ENGLAND } });
  template = Template.fromStack(stack).toJSON();
}, 300_000);

const resources = () => Object.values(template.Resources as Record<string, Json>);

describe('a stack for every practice in England', () => {
  it('keeps every function environment under 1 KB and free of practices', () => {
    const functions = resources().filter((r) => r.Type === 'AWS::Lambda::Function');
    expect(functions.length).toBeGreaterThan(50);
    for (const fn of functions) {
      const variables = ((fn.Properties as Json).Environment as { Variables?: Json } | undefined)?.Variables ?? {};
      const size = Buffer.byteLength(JSON.stringify(variables));
      expect(size, JSON.stringify(variables)).toBeLessThan(1024);
      expect(JSON.stringify(variables)).not.toContain('E80000');
    }
  });

  it('hands the list to the registry seed as an S3 asset, not as inline properties', () => {
    const seeds = resources().filter((r) => r.Type === 'Custom::PracticeRegistrySeed');
    expect(seeds).toHaveLength(1);
    const properties = seeds[0]!.Properties as Json;
    expect(Object.keys(properties).sort()).toEqual(['Bucket', 'Key', 'ServiceToken']);
    expect(JSON.stringify(template)).not.toContain('E80000');
    // Far below CloudFormation's 1 MB template limit however many practices there are.
    expect(Buffer.byteLength(JSON.stringify(template))).toBeLessThan(600_000);

    // The asset is the whole list, in the cloud assembly beside the template.
    const file = readFileSync(join(app.outdir, stack.registry.asset.assetPath), 'utf8');
    expect(parsePracticeList(file)).toHaveLength(6_500);
  });

  it('has a Cognito admin group beside the staff group', () => {
    const groups = resources()
      .filter((r) => r.Type === 'AWS::Cognito::UserPoolGroup')
      .map((r) => (r.Properties as Json).GroupName);
    expect(groups.sort()).toEqual(['admin', 'staff']);
  });
});
