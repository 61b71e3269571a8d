import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { ProblemError } from './errors.ts';

/**
 * Registration letters and linking a self-created sign-in to a patient: the rules, no I/O.
 *
 * The letter carries the practice's ODS code, an account id and a linkage key, both random:
 * 12 and 16 characters of Crockford base32 (60 and 80 bits), printed in groups of four. The
 * account id only finds the invitation; the linkage key is the secret. With 5 tries per
 * invitation before it locks, a guess at the key succeeds with odds of 5 in 2^80.
 *
 * The key is stored only as an scrypt hash with a per-invitation salt. Its 80 random bits already
 * put an offline search of a stolen table out of reach; scrypt adds a memory-hard cost on top, and
 * needs no secret to provision, rotate or leak (an HMAC would, and would hand the whole scheme to
 * whoever reads that secret and the table).
 */
export const INVITATION_VALID_DAYS = 30;
/** Failed attempts on one account id within LOCKOUT_WINDOW_MS that lock its invitation for good. */
export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Failed attempts one sign-in may make within RATE_WINDOW_MS, whatever account ids it tries. */
export const SIGN_IN_FAILURES = 10;
export const RATE_WINDOW_MS = 60 * 60 * 1000;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function randomCrockford(length: number): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => CROCKFORD[b & 31]).join('');
}

const grouped = (text: string) => text.match(/.{1,4}/g)!.join('-');

/** 409: this sign-in is linked to a patient already (one sign-in, one patient). */
export const alreadyLinked = () => new ProblemError('already-linked', 'This sign-in is already linked to a patient');

/** A new account id and linkage key, as printed: `XXXX-XXXX-XXXX`, `XXXX-XXXX-XXXX-XXXX`. */
export function newLetterDetails(): { accountId: string; linkageKey: string } {
  return { accountId: grouped(randomCrockford(12)), linkageKey: grouped(randomCrockford(16)) };
}

/**
 * What a patient typed, as the letter meant it: case, spaces and hyphens don't matter, and the
 * letters people confuse with digits read as those digits (O → 0, I and L → 1), as Crockford
 * base32 specifies. Anything else is simply a wrong detail.
 */
export function normaliseLetterCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** The stored account id: its normalised form printed in groups (what staff see in lists). */
export function canonicalAccountId(typed: string): string | undefined {
  const code = normaliseLetterCode(typed);
  return /^[0-9A-HJKMNP-TV-Z]{12}$/.test(code) ? grouped(code) : undefined;
}

const SCRYPT = { N: 2 ** 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const HASH_BYTES = 32;

function scryptAsync(secret: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(secret, salt, HASH_BYTES, SCRYPT, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** `scrypt$<salt>$<hash>` (base64url) of the normalised key. */
export async function hashLinkageKey(linkageKey: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(normaliseLetterCode(linkageKey), salt);
  return `scrypt$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/** A hash no key matches, checked when the account id is unknown so that every answer costs the same. */
const NO_INVITATION_HASH = `scrypt$${Buffer.alloc(16).toString('base64url')}$${Buffer.alloc(HASH_BYTES).toString('base64url')}`;

/** Whether `typed` is the key behind `stored`: always one scrypt, whatever is passed. */
export async function linkageKeyMatches(typed: string, stored: string | undefined): Promise<boolean> {
  const [, salt = '', hash = ''] = (stored ?? NO_INVITATION_HASH).split('$');
  const candidate = await scryptAsync(normaliseLetterCode(typed), Buffer.from(salt, 'base64url'));
  const expected = Buffer.from(hash, 'base64url');
  return stored !== undefined && expected.length === candidate.length && timingSafeEqual(expected, candidate);
}

export type InvitationStatus = 'open' | 'used' | 'revoked' | 'expired' | 'locked';

export interface Invitation {
  invitationId: string;
  accountId: string;
  practice: string;
  nhsNumber: string;
  keyHash: string;
  createdAt: string;
  expiresAt: string;
  /** What happened to it (open until then). */
  state: 'open' | 'used' | 'revoked';
  usedAt?: string;
  revokedAt?: string;
  /** When its failed attempts reached the lockout: locked for good. */
  lockedAt?: string;
  /** Failed attempts within the lockout window, oldest first. */
  failures: string[];
  version: number;
}

/** What staff see: open unless used, revoked, locked or past its expiry (in that order). */
export function invitationStatus(invitation: Invitation, now: Date): InvitationStatus {
  if (invitation.state !== 'open') return invitation.state;
  if (invitation.lockedAt) return 'locked';
  if (now.getTime() >= new Date(invitation.expiresAt).getTime()) return 'expired';
  return 'open';
}

/** The instants of `failures` still inside a window ending now. */
export function recentFailures(failures: readonly string[], now: Date, windowMs: number): string[] {
  return failures.filter((at) => now.getTime() - new Date(at).getTime() < windowMs);
}

/** The invitation's failures after one more now, and whether that locks it. */
export function afterInvitationFailure(invitation: Invitation, now: Date): { failures: string[]; locks: boolean } {
  const failures = [...recentFailures(invitation.failures, now, LOCKOUT_WINDOW_MS), now.toISOString()];
  return { failures: failures.slice(-LOCKOUT_FAILURES), locks: failures.length >= LOCKOUT_FAILURES };
}

/** Seconds until a sign-in at its limit may try again (when the oldest counted failure leaves the window). */
export function retryAfterSeconds(recent: readonly string[], now: Date): number {
  const oldest = recent.reduce((a, b) => (a < b ? a : b));
  return Math.max(1, Math.ceil((new Date(oldest).getTime() + RATE_WINDOW_MS - now.getTime()) / 1000));
}
