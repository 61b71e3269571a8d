import { db } from '../../functions/store/client.ts';

const FAULTS = 'test-faults';

/**
 * From the `after`-th TransactWriteItems on, every DynamoDB call of the handlers' client fails with
 * a timeout, as if the process died there; `reviveDatabase()` ends it.
 */
export function dieAfterTransactions(after: number): void {
  let transactions = 0;
  let dead = false;
  db().middlewareStack.add(
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
