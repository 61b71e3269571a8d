import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { db } from '../../functions/store/client.ts';

const FAULTS = 'test-faults';

/**
 * From the `after`-th TransactWriteItems on, every DynamoDB call of the handlers' client (or of
 * `client`, e.g. local mode's notification sender's) fails with a timeout, as if the process died
 * there; `reviveDatabase()` ends it for the handlers' client.
 */
export function dieAfterTransactions(after: number, client: DynamoDBDocumentClient = db()): void {
  let transactions = 0;
  let dead = false;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'TransactWriteItemsCommand' && ++transactions > after) dead = true;
      if (dead) throw Object.assign(new Error('connection lost'), { name: 'TimeoutError' });
      return next(args);
    },
    { step: 'initialize', name: FAULTS },
  );
}

export function reviveDatabase(): void {
  db().middlewareStack.remove(FAULTS);
}
