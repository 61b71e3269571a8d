import { readFileSync } from 'node:fs';
import { Stack, type CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { compliancePacks } from '../../lib/compliance.ts';
import { parseDeployConfig, type DeployConfig } from '../../lib/deploy-config.ts';

type Json = Record<string, unknown>;

/** An IAM policy statement as synthesized. */
export interface Statement {
  Action: string | string[];
  Resource: unknown;
  Effect: string;
  Condition?: Json;
}

/** A construct's logical id in its stack's template. */
export const logicalId = (construct: IConstruct) =>
  Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);

/** A statement's actions, always as a list. */
export const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

/** Every statement of the policies attached to `role`, among a template's resources. */
export function roleStatements(resources: Record<string, Json>, role: IConstruct): Statement[] {
  const roleId = logicalId(role);
  return Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy')
    .map((r) => r.Properties as { Roles: unknown[]; PolicyDocument: { Statement: Statement[] } })
    .filter((p) => JSON.stringify(p.Roles).includes(`"${roleId}"`))
    .flatMap((p) => p.PolicyDocument.Statement);
}

/** The `patientOnline` context shipped in cdk.json (so the tests also prove it is valid). */
export function shippedContext(): Json {
  const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Json };
  return structuredClone(cdkJson.context.patientOnline) as Json;
}

/** The shipped configuration with an alarm e-mail, so the subscription is synthesized too. */
export function testDeployConfig(): DeployConfig {
  const result = parseDeployConfig({ ...shippedContext(), alarmEmail: 'ops@example.org' });
  if (!result.ok) throw new Error(`cdk.json context is invalid:\n${result.errors.join('\n')}`);
  return result.config;
}

/** Every Ref / Fn::GetAtt target inside a CloudFormation value. */
export function referencedIds(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) referencedIds(item, into);
  } else if (value !== null && typeof value === 'object') {
    const record = value as Json;
    if (typeof record.Ref === 'string') into.add(record.Ref);
    const getAtt = record['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') into.add(getAtt[0]);
    for (const child of Object.values(record)) referencedIds(child, into);
  }
  return into;
}

/** A dependency cycle between resources (Ref, GetAtt, DependsOn), or undefined. */
export function findCycle(resources: Record<string, Json>): string[] | undefined {
  const edges = new Map<string, string[]>();
  for (const [id, resource] of Object.entries(resources)) {
    const dependsOn = resource.DependsOn;
    const targets = referencedIds(resource.Properties);
    for (const d of Array.isArray(dependsOn) ? dependsOn : dependsOn ? [dependsOn] : []) targets.add(String(d));
    edges.set(
      id,
      [...targets].filter((t) => t in resources),
    );
  }
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string, path: string[]): string[] | undefined => {
    state.set(id, 'open');
    for (const next of edges.get(id) ?? []) {
      if (state.get(next) === 'open') return [...path, next];
      if (!state.has(next)) {
        const cycle = visit(next, [...path, next]);
        if (cycle) return cycle;
      }
    }
    state.set(id, 'done');
    return undefined;
  };
  for (const id of edges.keys()) {
    if (!state.has(id)) {
      const cycle = visit(id, [id]);
      if (cycle) return cycle;
    }
  }
  return undefined;
}

/** Every finding of the AwsSolutions and HIPAA Security packs on a scope, one readable line each. */
export function nagViolations(scope: IConstruct): string[] {
  return compliancePacks().flatMap((pack) =>
    pack
      .validateScope(scope)
      .violations.map(
        (v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
      ),
  );
}
