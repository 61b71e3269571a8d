import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** The environment of a machine that has never seen AWS: no credentials, no profile, no region. */
function withoutAws(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(
    Object.entries(env).filter(([name]) => !name.startsWith('AWS_') && !name.startsWith('CDK_')),
  );
  return { ...clean, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };
}

describe('npx cdk synth', () => {
  const out = mkdtempSync(join(tmpdir(), 'cdk-out-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('synthesizes the stack with no AWS credentials, through both cdk-nag packs, with no findings', () => {
    const run = spawnSync('npx', ['cdk', 'synth', '--quiet', '--output', out], {
      cwd: new URL('../..', import.meta.url).pathname,
      env: withoutAws(process.env),
      encoding: 'utf8',
      timeout: 240_000,
    });
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.status, output).toBe(0);
    expect(output).not.toMatch(/AwsSolutions-|HIPAA\.Security-/);
    const template = JSON.parse(readFileSync(join(out, 'PatientOnline.template.json'), 'utf8')) as {
      Resources: Record<string, { Type: string; Properties?: { RouteKey?: string } }>;
    };
    const routeKeys = Object.values(template.Resources)
      .filter((r) => r.Type === 'AWS::ApiGatewayV2::Route')
      .map((r) => r.Properties?.RouteKey);
    expect(routeKeys).toContain('POST /appointments');
    expect(routeKeys).not.toContain('POST /dev/token');
  }, 300_000);
});
