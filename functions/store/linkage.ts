import type { IdempotencyClaim, IdempotencyRecord } from '../domain/idempotency.ts';
import { alreadyLinked, type Invitation } from '../domain/linkage.ts';
import type { PatientRecord } from '../domain/model.ts';
import * as z from '../schemas/zod.ts';
import { tableName } from './client.ts';
import { onboardingActivityItem, onboardingCounterItem } from './counters.ts';
import { commitChange, idempotencyKey, idempotencyRecordFrom, type KeptAnswer } from './idempotency.ts';
import { keys } from './keys.ts';
import { patientFrom } from './patients.ts';
import { storedItem } from './stored-item.ts';
import { getItem, versionedPut, type Item, type GuardedItem } from './dynamo.ts';
import { linkFrom, type LinkedSignIn } from './link-guard.ts';
import { getItems, queryList, queryPage, type Page } from './read.ts';
import { WriteConflictError } from './write-conflict.ts';

/**
 * Invitations (registration letters) and linked sign-ins. Four kinds of item (store/keys.ts):
 * - the invitation, LINKAGE#{accountId}: found by the letter's account id in one GetItem;
 * - the patient's online account, PATIENT#{ods}#{nhs} / ACCOUNT: the open invitation and the
 *   linked sign-in, versioned, so issuing, linking and unlinking serialise on it;
 * - the sign-in's link, SIGNIN#{sub} / LINK: who a sign-in acts for (the pre-token trigger and
 *   each request of a self-linked sign-in read it);
 * - the sign-in's recent failed attempts, SIGNIN#{sub} / LINKFAILS (versioned).
 */

export interface PatientAccount {
  openInvitation?: { invitationId: string; accountId: string };
  link?: { sub: string; linkedAt: string; invitationId: string };
  /** 0: no account item yet. */
  version: number;
}

export interface SignInFailures {
  failures: string[];
  version: number;
}

const parseInvitation = /* @__PURE__ */ storedItem('invitation', (): z.ZodMiniType<Invitation> =>
  z.object({
    invitationId: z.string(),
    accountId: z.string(),
    practice: z.string(),
    nhsNumber: z.string(),
    keyHash: z.string(),
    createdAt: z.string(),
    expiresAt: z.string(),
    state: z.enum(['open', 'used', 'revoked']),
    usedAt: z.optional(z.string()),
    revokedAt: z.optional(z.string()),
    lockedAt: z.optional(z.string()),
    failures: z._default(z.array(z.string()), () => []),
    version: z._default(z.number(), 0),
  }),
);

const parseAccount = /* @__PURE__ */ storedItem('online account', (): z.ZodMiniType<PatientAccount> =>
  z.object({
    openInvitation: z.optional(z.object({ invitationId: z.string(), accountId: z.string() })),
    link: z.optional(z.object({ sub: z.string(), linkedAt: z.string(), invitationId: z.string() })),
    version: z._default(z.number(), 0),
  }),
);

const parseFailures = /* @__PURE__ */ storedItem('sign-in failures', (): z.ZodMiniType<SignInFailures> =>
  z.object({
    failures: z._default(z.array(z.string()), () => []),
    version: z._default(z.number(), 0),
  }),
);

function invitationFrom(item: Item | undefined): Invitation | undefined {
  if (!item || item.entity !== 'invitation') return undefined;
  return parseInvitation(item);
}

/** A patient's online account (no item yet: none, at version 0). */
const accountFrom = (item: Item | undefined): PatientAccount => parseAccount(item ?? {});

/** A sign-in's recent failed link attempts (no item yet: none, at version 0). */
const failuresFrom = (item: Item | undefined): SignInFailures => parseFailures(item ?? {});

/** A key no invitation has: read in place of an unknown account id's, so every attempt reads alike. */
const NO_ACCOUNT_ID = '-';

/**
 * What a link attempt starts from: the invitation behind the account id, the sign-in's link and
 * its recent failures. One BatchGetItem, whether or not the account id exists.
 */
export async function readLinkAttempt(accountId: string | undefined, sub: string) {
  const [invitation, link, failures] = await getItems([
    keys.invitation(accountId ?? NO_ACCOUNT_ID),
    keys.signInLink(sub),
    keys.signInFailures(sub),
  ]);
  return {
    invitation: invitationFrom(invitation),
    link: linkFrom(link),
    failures: failuresFrom(failures),
  };
}

/**
 * A patient's profile and online account: one BatchGetItem in the patient's partition, with the
 * Idempotency-Key's record alongside when a change is decided on them.
 */
export async function readPatientAccount(
  practice: string,
  nhsNumber: string,
  claim?: IdempotencyClaim,
): Promise<{ patient: PatientRecord | undefined; account: PatientAccount; idempotency?: IdempotencyRecord }> {
  const [patient, account, idemItem] = await getItems([
    keys.patient(practice, nhsNumber),
    keys.patientAccount(practice, nhsNumber),
    idempotencyKey(claim),
  ]);
  return {
    patient: patientFrom(patient),
    account: accountFrom(account),
    ...(claim ? { idempotency: idempotencyRecordFrom(idemItem) } : {}),
  };
}

/** The patient a sign-in is linked to: one GetItem (the pre-token trigger's one read). */
export async function getSignInLink(sub: string): Promise<LinkedSignIn | undefined> {
  return linkFrom(await getItem(keys.signInLink(sub)));
}

/** One invitation, strongly consistent, by its account id. */
export async function getInvitation(accountId: string): Promise<Invitation | undefined> {
  return invitationFrom(await getItem(keys.invitation(accountId)));
}

/** A patient's invitations, newest first: Query GSI1 INVITATIONS#{ods}#{nhs}. */
export async function queryPatientInvitations(
  practice: string,
  nhsNumber: string,
  limit: number,
  nextToken: string | undefined,
): Promise<Page<Invitation>> {
  const partition = keys.patientInvitationsPartition(practice, nhsNumber);
  return queryList(
    {
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': partition },
      ScanIndexForward: false,
      Limit: limit,
    },
    { partition: { GSI1PK: partition }, nextToken },
    invitationFrom,
  );
}

/** The account id of a practice's invitation, by invitation id: one Query on GSI2. */
export async function findInvitationAccountId(practice: string, invitationId: string): Promise<string | undefined> {
  const { items } = await queryPage({
    IndexName: 'GSI2',
    KeyConditionExpression: 'GSI2PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.invitationIdPartition(practice, invitationId) },
    Limit: 1,
  });
  return invitationFrom(items[0])?.accountId;
}

const conflict = () => new WriteConflictError(0);

/** A new invitation; its account id is random, so a clash is a conflict (a retry draws another). */
function invitationPutItem(invitation: Invitation): GuardedItem {
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: {
          ...keys.invitation(invitation.accountId),
          entity: 'invitation',
          GSI1PK: keys.patientInvitationsPartition(invitation.practice, invitation.nhsNumber),
          GSI1SK: keys.invitationSort(invitation.createdAt, invitation.invitationId),
          GSI2PK: keys.invitationIdPartition(invitation.practice, invitation.invitationId),
          GSI2SK: keys.invitationIdSort,
          ...invitation,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    onConditionFailed: conflict,
  };
}

/** Changes an invitation as it was read (its version): anything else in between is a conflict. */
function invitationUpdateItem(invitation: Invitation, set: Record<string, unknown>): GuardedItem {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':v': invitation.version, ':next': invitation.version + 1 };
  const parts = ['version = :next'];
  Object.entries(set).forEach(([name, value], i) => {
    names[`#f${i}`] = name;
    values[`:f${i}`] = value;
    parts.push(`#f${i} = :f${i}`);
  });
  return {
    item: {
      Update: {
        TableName: tableName(),
        Key: keys.invitation(invitation.accountId),
        UpdateExpression: `SET ${parts.join(', ')}`,
        ConditionExpression: 'version = :v',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
    onConditionFailed: conflict,
  };
}

const invitationRevokeItem = (invitation: Invitation, now: Date) =>
  invitationUpdateItem(invitation, { state: 'revoked', revokedAt: now.toISOString() });

const invitationUseItem = (invitation: Invitation, now: Date) =>
  invitationUpdateItem(invitation, { state: 'used', usedAt: now.toISOString() });

const invitationFailureItem = (invitation: Invitation, failures: string[], lockedAt: string | undefined) =>
  invitationUpdateItem(invitation, { failures, ...(lockedAt ? { lockedAt } : {}) });

/** The patient's online account as a whole, only if still at the version read (0: still absent). */
function accountPutItem(
  practice: string,
  nhsNumber: string,
  next: Omit<PatientAccount, 'version'>,
  readVersion: number,
): GuardedItem {
  return versionedPut(
    { ...keys.patientAccount(practice, nhsNumber), entity: 'account', ...next, version: readVersion + 1 },
    readVersion || 'absent',
  );
}

/** Links a sign-in; one already linked (by a twin request, say) is 409 already-linked. */
function signInLinkPutItem(link: LinkedSignIn & { invitationId: string }): GuardedItem {
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: { ...keys.signInLink(link.sub), entity: 'sign-in-link', ...link },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    onConditionFailed: alreadyLinked,
  };
}

/** Unlinks a sign-in, only the link that was read (a re-link in between is a conflict). */
function signInLinkDeleteItem(sub: string, linkedAt: string): GuardedItem {
  return {
    item: {
      Delete: {
        TableName: tableName(),
        Key: keys.signInLink(sub),
        ConditionExpression: 'attribute_not_exists(PK) OR linkedAt = :linkedAt',
        ExpressionAttributeValues: { ':linkedAt': linkedAt },
      },
    },
    onConditionFailed: conflict,
  };
}

/** The sign-in's failures as the attempt read them (version) plus its own. */
function signInFailuresItem(sub: string, failures: string[], readVersion: number): GuardedItem {
  return versionedPut(
    { ...keys.signInFailures(sub), entity: 'link-failures', failures, version: readVersion + 1 },
    readVersion || 'absent',
  );
}

// ── Commits ───────────────────────────────────────────────────────────────────────────────────

/** The account with what it should point at, on the version read (a racing change re-reads). */
export interface AccountWrite {
  practice: string;
  nhsNumber: string;
  next: Omit<PatientAccount, 'version'>;
  readVersion: number;
}

const accountItem = (a: AccountWrite) => accountPutItem(a.practice, a.nhsNumber, a.next, a.readVersion);

/**
 * A new registration letter in one TransactWriteItems with the kept answer: the invitation, the
 * patient's account pointing at it, the older unused invitation it replaces revoked, and this
 * month's `invitationsIssued` counter and activity entry.
 */
export async function commitInvitation(
  change: {
    invitation: Invitation;
    account: AccountWrite;
    replaces?: Invitation;
    month: string;
    timeZone: string;
    now: Date;
  },
  kept: KeptAnswer | undefined,
): Promise<void> {
  const { invitation, now } = change;
  await commitChange(kept, [
    invitationPutItem(invitation),
    accountItem(change.account),
    ...(change.replaces ? [invitationRevokeItem(change.replaces, now)] : []),
    onboardingCounterItem(invitation.practice, change.month, 'invitationsIssued'),
    onboardingActivityItem(invitation.practice, change.timeZone, {
      kind: 'invitation-issued',
      at: now,
      ref: invitation.invitationId,
    }),
  ]);
}

/**
 * An invitation revoked and/or an account changed (its link ended, its open invitation dropped):
 * one TransactWriteItems with the kept answer, none when there is nothing to write.
 */
export async function commitAccountChange(
  change: { revoke?: Invitation; unlink?: { sub: string; linkedAt: string }; account?: AccountWrite; now: Date },
  kept: KeptAnswer | undefined,
): Promise<void> {
  await commitChange(kept, [
    ...(change.unlink ? [signInLinkDeleteItem(change.unlink.sub, change.unlink.linkedAt)] : []),
    ...(change.revoke ? [invitationRevokeItem(change.revoke, change.now)] : []),
    ...(change.account ? [accountItem(change.account)] : []),
  ]);
}

/**
 * A wrong detail, counted before it is answered: the sign-in's failures on the version read and,
 * for an open invitation, its failures (it locks at the limit). One TransactWriteItems, no kept
 * answer: a refusal is not kept under the key.
 */
export async function commitLinkFailure(change: {
  sub: string;
  failures: string[];
  readVersion: number;
  invitation?: { invitation: Invitation; failures: string[]; lockedAt?: string };
}): Promise<void> {
  const counted = change.invitation;
  await commitChange(undefined, [
    signInFailuresItem(change.sub, change.failures, change.readVersion),
    ...(counted ? [invitationFailureItem(counted.invitation, counted.failures, counted.lockedAt)] : []),
  ]);
}

/**
 * A sign-in linked, in one TransactWriteItems with the kept answer: the link, the invitation used,
 * the patient's account on the version read, and this month's `accountsLinked` counter and
 * activity entry. Of two racing links of one invitation exactly one commits.
 */
export async function commitLink(
  change: {
    link: LinkedSignIn & { invitationId: string };
    invitation: Invitation;
    accountVersion: number;
    month: string;
    timeZone: string;
    now: Date;
  },
  kept: KeptAnswer | undefined,
): Promise<void> {
  const { link, invitation, now } = change;
  await commitChange(kept, [
    signInLinkPutItem(link),
    invitationUseItem(invitation, now),
    accountPutItem(
      invitation.practice,
      invitation.nhsNumber,
      { link: { sub: link.sub, linkedAt: link.linkedAt, invitationId: invitation.invitationId } },
      change.accountVersion,
    ),
    onboardingCounterItem(invitation.practice, change.month, 'accountsLinked'),
    onboardingActivityItem(invitation.practice, change.timeZone, {
      kind: 'account-linked',
      at: now,
      ref: invitation.invitationId,
    }),
  ]);
}
