import { AsyncLocalStorage } from 'node:async_hooks';
import { ProblemError } from '../domain/errors.ts';
import { tableName } from './client.ts';
import { keys } from './keys.ts';
import * as z from '../schemas/zod.ts';
import { getItem, type GuardedItem, type Item } from './dynamo.ts';
import { storedItem } from './stored-item.ts';

/**
 * A sign-in the patient linked themselves acts for that patient only while its link stands: staff
 * can unlink it at any time, and its tokens must reach nothing from the next request on, not at
 * their expiry. Each request of such a sign-in checks the link twice over, neither in front of
 * the route's own work:
 * - its reads: the link item is read alongside the route (http/route-handler.ts), and the answer
 *   is withheld (403) if the link has gone;
 * - its writes: every transaction the request commits carries a ConditionCheck on the link
 *   (`transact` adds it), so a write after an unlink commits nothing.
 */
export interface LinkedSignIn {
  sub: string;
  practice: string;
  nhsNumber: string;
  linkedAt: string;
}

const parseLink = /* @__PURE__ */ storedItem('sign-in link', (): z.ZodMiniType<LinkedSignIn> =>
  z.object({
    sub: z.string(),
    practice: z.string(),
    nhsNumber: z.string(),
    linkedAt: z.string(),
  }),
);

/** A stored sign-in link (SIGNIN#{sub} / LINK), beside the guard that reads one on every request of a linked sign-in. */
export const linkFrom = (item: Item | undefined): LinkedSignIn | undefined => item && parseLink(item);

const current = new AsyncLocalStorage<LinkedSignIn>();

/** Runs a request's work with its link guarded (see above). */
export function withLinkGuard<T>(signIn: LinkedSignIn, work: () => Promise<T>): Promise<T> {
  return current.run(signIn, work);
}

/** The answer once the sign-in was unlinked (or linked anew): its token reaches nothing. */
export function linkGone(): ProblemError {
  return new ProblemError('forbidden', 'This sign-in is no longer linked to a patient: sign in again');
}

const linkConditions = (signIn: LinkedSignIn) => ({
  ConditionExpression: 'practice = :practice AND nhsNumber = :nhs AND linkedAt = :linkedAt',
  ExpressionAttributeValues: { ':practice': signIn.practice, ':nhs': signIn.nhsNumber, ':linkedAt': signIn.linkedAt },
});

/** The ConditionCheck a guarded request's transactions carry (none outside one). */
export function linkGuardItems(): GuardedItem[] {
  const signIn = current.getStore();
  if (!signIn) return [];
  return [
    {
      item: { ConditionCheck: { TableName: tableName(), Key: keys.signInLink(signIn.sub), ...linkConditions(signIn) } },
      onConditionFailed: () => linkGone(),
    },
  ];
}

/** Whether the sign-in's link still stands as its token says: one GetItem of SIGNIN#{sub} / LINK. */
export async function linkStands(signIn: LinkedSignIn): Promise<boolean> {
  const link = linkFrom(await getItem(keys.signInLink(signIn.sub)));
  return (
    link !== undefined &&
    link.practice === signIn.practice &&
    link.nhsNumber === signIn.nhsNumber &&
    link.linkedAt === signIn.linkedAt
  );
}
