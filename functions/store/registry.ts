import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { PracticeConfig } from '../schemas/practice-config.ts';
import { db, tableName } from './client.ts';
import { keys } from './keys.ts';
import { entryFrom, type RegistryEntry } from './registry-entry.ts';
import { getItem, type Item, send, versionedPut, type GuardedItem } from './dynamo.ts';
import { queryAll, queryList, type Page } from './read.ts';

/**
 * The practice registry: one item per practice the stack serves (PRACTICE#{ods} / REGISTRY), also
 * on GSI1 under REGISTRY so an admin can list them. The deploy configuration seeds it (adding only
 * what it lacks); `admin` changes it with no deploy. Handlers read a practice's entry on every
 * request (one GetItem, no cache), so a change takes effect on the next request.
 */

function itemOf(
  practice: PracticeConfig,
  source: RegistryEntry['source'],
  version: number,
  createdAt: string,
  at: string,
): Item {
  return {
    ...keys.practiceRegistry(practice.ods),
    GSI1PK: keys.registryPartition,
    GSI1SK: practice.ods,
    entity: 'practice',
    ...practice,
    source,
    version,
    createdAt,
    updatedAt: at,
  };
}

/** A practice's registry entry: one strongly consistent GetItem (undefined: not served). */
export async function getRegistryEntry(ods: string): Promise<RegistryEntry | undefined> {
  return entryFrom(await getItem(keys.practiceRegistry(ods)));
}

/** The practices served, by ODS code, one page (one Query on GSI1). */
export async function listRegistry(limit: number, nextToken?: string): Promise<Page<RegistryEntry>> {
  return queryList(
    {
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :p',
      ExpressionAttributeValues: { ':p': keys.registryPartition },
      Limit: limit,
    },
    { partition: { GSI1PK: keys.registryPartition }, nextToken },
    entryFrom,
  );
}

/** Every practice served (GSI1 pages of up to 1 MB each: 6,500 practices are about two). */
export async function allRegisteredPractices(): Promise<PracticeConfig[]> {
  const items = await queryAll({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :p',
    ExpressionAttributeValues: { ':p': keys.registryPartition },
  });
  return items.flatMap((item) => entryFrom(item)?.practice ?? []);
}

/**
 * An admin's write of a practice, as a transaction item: a new one only if none is there, a
 * change only at the version read (a lost race is a conflict and the use case re-reads).
 */
export function registryWriteItem(
  practice: PracticeConfig,
  current: RegistryEntry | undefined,
  now: Date,
): GuardedItem {
  const at = now.toISOString();
  return versionedPut(
    {
      ...itemOf(practice, 'admin', (current?.version ?? 0) + 1, current?.createdAt ?? at, at),
      // The settings' mirror stays: an admin changes the practice's details, not its settings.
      ...(current?.auditRetentionYears !== undefined ? { auditRetentionYears: current.auditRetentionYears } : {}),
    },
    current ? current.version : 'absent',
  );
}

/**
 * Seeds the registry from the deploy configuration: one conditional PutItem per practice, at
 * most `concurrency` at a time, each adding the practice only if the registry lacks it, so what
 * an admin changed since is never overwritten (and a re-deploy writes nothing). Returns how many
 * were added.
 */
export async function seedRegistry(
  practices: readonly PracticeConfig[],
  now: Date,
  concurrency = 16,
): Promise<{ added: number; present: number }> {
  const at = now.toISOString();
  let added = 0;
  let next = 0;
  const worker = async () => {
    while (next < practices.length) {
      const practice = practices[next++]!;
      try {
        await send(() =>
          db().send(
            new PutCommand({
              TableName: tableName(),
              Item: itemOf(practice, 'config', 1, at, at),
              ConditionExpression: 'attribute_not_exists(PK)',
            }),
          ),
        );
        added++;
      } catch (error) {
        if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, practices.length) }, worker));
  return { added, present: practices.length - added };
}
