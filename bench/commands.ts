import type { DynamoDBDocumentClient, ServiceInputTypes, ServiceOutputTypes } from '@aws-sdk/lib-dynamodb';
// The SDK's own middleware types (a dependency of @aws-sdk/lib-dynamodb), for types only.
import type { FinalizeRequestMiddleware } from '@smithy/types';

/**
 * Counts what really goes over the wire to DynamoDB: a middleware on the document client the
 * handlers use (functions/store/client.ts `db()`), placed after the SDK's retry middleware so each
 * attempt is one round trip. Local mode runs the handlers in this process, so every request's
 * commands pass through it.
 */
export interface CommandRecord {
  /** Low-level operation, e.g. BatchGetItemCommand, TransactWriteItemsCommand, QueryCommand. */
  command: string;
  ms: number;
  ok: boolean;
  count?: number;
  scannedCount?: number;
}

export class CommandLog {
  private records: CommandRecord[] = [];
  private readonly attachedTo = new WeakSet<object>();

  /** Idempotent per client. */
  attach(client: DynamoDBDocumentClient): void {
    if (this.attachedTo.has(client)) return;
    this.attachedTo.add(client);
    const middleware: FinalizeRequestMiddleware<ServiceInputTypes, ServiceOutputTypes> =
      (next, context) => async (args) => {
        const started = performance.now();
        try {
          const result = await next(args);
          const output = result.output as { Count?: number; ScannedCount?: number };
          this.records.push({
            command: context.commandName ?? 'unknown',
            ms: performance.now() - started,
            ok: true,
            ...(output.Count !== undefined ? { count: output.Count, scannedCount: output.ScannedCount } : {}),
          });
          return result;
        } catch (error) {
          this.records.push({ command: context.commandName ?? 'unknown', ms: performance.now() - started, ok: false });
          throw error;
        }
      };
    client.middlewareStack.add(middleware, { step: 'finalizeRequest', priority: 'low', name: 'benchCommandLog' });
  }

  /** The commands since the last take(). */
  take(): CommandRecord[] {
    const taken = this.records;
    this.records = [];
    return taken;
  }
}

/** "1 BatchGetItem + 1 TransactWriteItems". */
export function describeCommands(records: readonly CommandRecord[]): string {
  const counts = new Map<string, number>();
  for (const r of records) counts.set(r.command, (counts.get(r.command) ?? 0) + 1);
  return [...counts].map(([command, n]) => `${n} ${command.replace(/Command$/, '')}`).join(' + ') || 'none';
}
