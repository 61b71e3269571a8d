import { patientNotFound, ProblemError } from '../domain/errors.ts';
import type { Completed, IdempotencyClaim } from '../domain/idempotency.ts';
import {
  INVITATION_VALID_DAYS,
  SIGN_IN_FAILURES,
  RATE_WINDOW_MS,
  afterInvitationFailure,
  alreadyLinked,
  canonicalAccountId,
  hashLinkageKey,
  invitationStatus,
  linkageKeyMatches,
  newLetterDetails,
  recentFailures,
  retryAfterSeconds,
  type Invitation,
} from '../domain/linkage.ts';
import { toPatient } from '../domain/model.ts';
import { localMonth } from '../domain/time.ts';
import type { PatientSignIn, StaffCaller } from '../schemas/identity.ts';
import type {
  InvitationSummary,
  IssuedInvitation,
  LinkAccountBody,
  LinkedAccount,
  StaffPatient,
} from '../schemas/linkage.ts';
import {
  findInvitationAccountId,
  getInvitation,
  commitAccountChange,
  commitInvitation,
  commitLink,
  commitLinkFailure,
  queryPatientInvitations,
  readLinkAttempt,
  readPatientAccount,
  type PatientAccount,
} from '../store/linkage.ts';
import { mapPage, type Page } from '../store/read.ts';
import { defaultDeps, practiceOf, servedPractice, type Deps } from './deps.ts';
import { idempotentChange } from './idempotency.ts';
import { endGrantsOf } from './proxies.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * POST /staff/patients/{nhsNumber}/invitations: a new registration letter's details. One
 * TransactWriteItems: the invitation, the patient's account (which now points at it, conditioned
 * on the version read), the revocation of the older unused invitation it replaces, this month's
 * `invitationsIssued` counter and the idempotency record. The linkage key is in this answer only:
 * the invitation keeps its hash, and the idempotency record keeps the answer without it.
 */
export async function issueInvitation(
  caller: StaffCaller,
  nhsNumber: string,
  claim: IdempotencyClaim | undefined,
  deps: Deps = defaultDeps,
): Promise<Completed<IssuedInvitation>> {
  const letter = newLetterDetails();
  const keyHash = await hashLinkageKey(letter.linkageKey);
  return idempotentChange({
    claim,
    clock: deps.clock,
    read: async () => {
      const { patient, account, idempotency } = await readPatientAccount(caller.practice, nhsNumber, claim);
      // The practice's registry entry rode along with that read.
      const { timeZone } = await practiceOf(caller.practice);
      if (!patient) throw patientNotFound();
      if (account.link) throw alreadyLinkedPatient();
      const previous = account.openInvitation ? await getInvitation(account.openInvitation.accountId) : undefined;
      return { account, previous, timeZone, idempotency };
    },
    decide: ({ account, previous, timeZone }, now) => {
      const invitation: Invitation = {
        invitationId: deps.ids.next(),
        accountId: letter.accountId,
        practice: caller.practice,
        nhsNumber,
        keyHash,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + INVITATION_VALID_DAYS * DAY_MS).toISOString(),
        state: 'open',
        failures: [],
        version: 1,
      };
      const stored: IssuedInvitation = {
        invitationId: invitation.invitationId,
        accountId: invitation.accountId,
        practice: invitation.practice,
        expiresAt: invitation.expiresAt,
      };
      return {
        value: { ...stored, linkageKey: letter.linkageKey },
        // The key's record keeps the answer without the linkage key.
        kept: stored,
        status: 201,
        change: {
          invitation,
          account: {
            practice: caller.practice,
            nhsNumber,
            next: { openInvitation: { invitationId: invitation.invitationId, accountId: invitation.accountId } },
            readVersion: account.version,
          },
          ...(previous?.state === 'open' ? { replaces: previous } : {}),
          month: localMonth(now, timeZone),
          timeZone,
          now,
        },
      };
    },
    commit: commitInvitation,
  });
}

const alreadyLinkedPatient = () =>
  new ProblemError(
    'already-linked',
    'A sign-in is already linked to this patient: unlink it (DELETE /staff/patients/{nhsNumber}/account) before inviting again',
  );

function summaryOf(invitation: Invitation, now: Date): InvitationSummary {
  return {
    invitationId: invitation.invitationId,
    accountId: invitation.accountId,
    createdAt: invitation.createdAt,
    expiresAt: invitation.expiresAt,
    status: invitationStatus(invitation, now),
  };
}

/** GET /staff/patients/{nhsNumber}/invitations: newest first (the patient's profile read alongside). */
export async function listInvitations(
  caller: StaffCaller,
  nhsNumber: string,
  query: { limit: number; nextToken?: string },
  deps: Deps = defaultDeps,
): Promise<Page<InvitationSummary>> {
  const [{ patient }, page] = await Promise.all([
    readPatientAccount(caller.practice, nhsNumber),
    queryPatientInvitations(caller.practice, nhsNumber, query.limit, query.nextToken),
  ]);
  if (!patient) throw patientNotFound();
  const now = deps.clock.now();
  return mapPage(page, (i) => summaryOf(i, now));
}

/**
 * DELETE /staff/invitations/{invitationId}: an unused invitation can no longer be used (204);
 * one already used or revoked stays as it is (204 too). Another practice's id is 404.
 */
export async function revokeInvitation(
  caller: StaffCaller,
  invitationId: string,
  claim: IdempotencyClaim | undefined,
  deps: Deps = defaultDeps,
): Promise<Completed<null>> {
  return idempotentChange({
    claim,
    clock: deps.clock,
    read: async () => {
      const accountId = await findInvitationAccountId(caller.practice, invitationId);
      const invitation = accountId ? await getInvitation(accountId) : undefined;
      if (!invitation || invitation.practice !== caller.practice) {
        throw new ProblemError('not-found', 'No invitation with that id at this practice');
      }
      const { account } = await readPatientAccount(invitation.practice, invitation.nhsNumber);
      return { invitation, account };
    },
    decide: ({ invitation, account }, now) => {
      const stillOpen = invitation.state === 'open';
      const pointsHere = account.openInvitation?.invitationId === invitation.invitationId;
      const change = {
        ...(stillOpen ? { revoke: invitation } : {}),
        ...(pointsHere
          ? {
              account: {
                practice: invitation.practice,
                nhsNumber: invitation.nhsNumber,
                next: withoutOpen(account),
                readVersion: account.version,
              },
            }
          : {}),
        now,
      };
      return { value: null, status: 204, ...(stillOpen || claim ? { change } : {}) };
    },
    commit: commitAccountChange,
  });
}

const withoutOpen = ({ link }: PatientAccount): Omit<PatientAccount, 'version'> => (link ? { link } : {});

/**
 * DELETE /staff/patients/{nhsNumber}/account: the linked sign-in's link is deleted, so its next
 * request reaches nothing (each request of a self-linked sign-in checks its link) and its next
 * token carries no patient. 204 also when nothing is linked.
 */
export async function unlinkAccount(
  caller: StaffCaller,
  nhsNumber: string,
  claim: IdempotencyClaim | undefined,
  deps: Deps = defaultDeps,
): Promise<Completed<null>> {
  return idempotentChange({
    claim,
    clock: deps.clock,
    // A retry of an unlink already done replays it (the record is read with the account), and
    // ends no grant made since.
    read: () => readPatientAccount(caller.practice, nhsNumber, claim),
    decide: ({ patient, account }, now) => {
      if (!patient) throw patientNotFound();
      const change = {
        ...(account.link
          ? {
              unlink: account.link,
              account: {
                practice: caller.practice,
                nhsNumber,
                next: account.openInvitation ? { openInvitation: account.openInvitation } : {},
                readVersion: account.version,
              },
            }
          : {}),
        now,
      };
      return { value: null, status: 204, change };
    },
    commit: async (change: Parameters<typeof commitAccountChange>[0], kept) => {
      // Proxy access ends with the link, both ways, before it (each grant ended on its own, so a
      // retry after a crash finds what is left and the unlink's own record is written last).
      await endGrantsOf(caller, nhsNumber, deps);
      await commitAccountChange(change, kept);
    },
  });
}

/** GET /staff/patients/{nhsNumber}: the profile and the account, one BatchGetItem. */
export async function describePatientForStaff(caller: StaffCaller, nhsNumber: string): Promise<StaffPatient> {
  const { patient, account } = await readPatientAccount(caller.practice, nhsNumber);
  if (!patient) throw patientNotFound();
  return {
    ...toPatient(patient),
    account: account.link ? { linked: true, linkedAt: account.link.linkedAt } : { linked: false },
  };
}

const linkageFailed = () =>
  new ProblemError(
    'linkage-failed',
    'These details do not match an open invitation: check the practice code, account ID, linkage key and date of birth on your letter',
  );

/**
 * POST /me/link: links the caller's sign-in to the patient of a registration letter.
 *
 * Every attempt does the same work whichever detail is wrong, so neither the answer nor its
 * timing tells which: one BatchGetItem (invitation, the sign-in's link and failures), one scrypt
 * (against a dummy hash for an unknown account id), one BatchGetItem of the patient's profile and
 * account (a key no patient has, for an unknown account id), one TransactWriteItems.
 *
 * A wrong detail is answered only once its failure is recorded, conditioned on the versions read,
 * so concurrent guesses are counted one by one: at most 5 answered guesses per account id before
 * it locks, at most 10 failures per sign-in an hour. The link, the invitation's use, the patient's
 * account, the `accountsLinked` counter and the idempotency record are one TransactWriteItems:
 * of two racing links of one invitation exactly one commits.
 */
export async function linkAccount(
  signIn: PatientSignIn,
  body: LinkAccountBody,
  claim: IdempotencyClaim | undefined,
  deps: Deps = defaultDeps,
): Promise<Completed<LinkedAccount>> {
  if (signIn.practice !== undefined) throw alreadyLinked();
  return idempotentChange({
    claim,
    clock: deps.clock,
    read: async () => {
      const now = deps.clock.now();
      const accountId = canonicalAccountId(body.accountId);
      const attempt = await readLinkAttempt(accountId, signIn.sub);
      if (attempt.link) throw alreadyLinked();
      const recent = recentFailures(attempt.failures.failures, now, RATE_WINDOW_MS);
      if (recent.length >= SIGN_IN_FAILURES) {
        throw new ProblemError(
          'too-many-requests',
          'Too many failed attempts to link this sign-in: try again later, or ask your practice',
          undefined,
          { 'retry-after': String(retryAfterSeconds(recent, now)) },
        );
      }
      const invitation = attempt.invitation;
      const keyMatches = await linkageKeyMatches(body.linkageKey, invitation?.keyHash);
      const { patient, account } = await readPatientAccount(
        invitation?.practice ?? body.practice,
        invitation?.nhsNumber ?? '0000000000',
      );
      return { invitation, keyMatches, patient, account, recent, failuresVersion: attempt.failures.version };
    },
    decide: ({ invitation, keyMatches, patient, account, recent, failuresVersion }, now) => {
      const status = invitation ? invitationStatus(invitation, now) : undefined;
      const matches =
        invitation !== undefined &&
        status === 'open' &&
        invitation.practice === body.practice &&
        keyMatches &&
        patient !== undefined &&
        patient.dateOfBirth === body.dateOfBirth;
      if (!matches) {
        const failures = [...recent, now.toISOString()];
        const counted = invitation && status === 'open' ? afterInvitationFailure(invitation, now) : undefined;
        const failure = {
          sub: signIn.sub,
          failures,
          readVersion: failuresVersion,
          ...(invitation && counted && status !== 'locked'
            ? {
                invitation: {
                  invitation,
                  failures: counted.failures,
                  ...(counted.locks ? { lockedAt: now.toISOString() } : {}),
                },
              }
            : {}),
        };
        // A wrong detail is answered only once its failure is recorded (commit, then refused).
        return { value: undefined, status: 422, change: { failure, locked: status === 'locked' } };
      }
      const value: LinkedAccount = { practice: invitation.practice, nhsNumber: invitation.nhsNumber };
      const link = { sub: signIn.sub, ...value, linkedAt: now.toISOString(), invitationId: invitation.invitationId };
      return { value, status: 200, change: { link, invitation, accountVersion: account.version, now } };
    },
    commit: async (change: LinkChange, kept) => {
      if ('failure' in change) {
        await commitLinkFailure(change.failure);
        if (change.locked) {
          throw new ProblemError(
            'linkage-locked',
            'This account ID is locked after too many failed attempts: ask your practice for a new registration letter',
          );
        }
        throw linkageFailed();
      }
      // The sign-in is not linked yet, so its request read no practice: read the invitation's now.
      const practice = await servedPractice(change.invitation.practice);
      if (!practice) throw linkageFailed();
      const { timeZone } = practice;
      await commitLink({ ...change, month: localMonth(change.now, timeZone), timeZone }, kept);
    },
    // A failure's decision has no answer: its commit records the failure and refuses.
  }) as Promise<Completed<LinkedAccount>>;
}

/** What a link attempt decided: the link, or the failure to record before refusing. */
type LinkChange =
  | {
      failure: Parameters<typeof commitLinkFailure>[0];
      locked: boolean;
    }
  | Omit<Parameters<typeof commitLink>[0], 'month' | 'timeZone'>;
