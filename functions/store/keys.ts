import { createHash } from 'node:crypto';
import type { SlotFilter } from './table-definition.ts';
import { timeOrderedId } from '../domain/ids.ts';

/**
 * Every PK/SK/GSI string in the system is built here (README "Single-table design").
 *
 *   entity               PK                          SK                     GSI1 (PK / SK)                    GSI2 (PK / SK)
 *   practice (registry)  PRACTICE#{ods}              REGISTRY               REGISTRY / {ods}
 *                                                    (the practices a stack serves: name, time zone, geography)
 *   practice settings    PRACTICE#{ods}              SETTINGS
 *   settings history     PRACTICE#{ods}              SETTINGS#{at}#{version}
 *                                                    (the settings as set at `at`: one entry per change)
 *   practice counters    PRACTICE#{ods}              MONTH#{yyyy-mm}#{shard}
 *                                                    (shard 0-7: readers sum a month's shards)
 *   month-end figures    PRACTICE#{ods}              MONTH#{yyyy-mm}#END
 *                                                    (a settled month's closing enabled totals)
 *   enabled totals       PRACTICE#{ods}              ENABLED#{shard}
 *                                                    (shard 0-7, summed by the reader; a legacy
 *                                                    unsharded ENABLED item is summed in too)
 *   slot                 PRACTICE#{ods}              SLOT#{slotId}          FREESLOT#{ods} / {start}#{id}     CLINICIAN#{ods}#{clinician key} / {start}#{id}
 *                                                    (ids sort by start)   (only while free; HELDSLOT#{ods}  (withdrawn ones too)
 *                                                                          when not bookable online)
 *                        and, only while free and bookable online, in each FreeBy… index (table-definition.ts):
 *                        Free{T,C,K…}PK = {ods}[#c={channel}][#k={hash of clinician key}][#t={hash of type}]
 *                        FreeSK = {start}#{id}
 *   clinician diary      DIARY#{ods}#{clinician key} MONTH#{yyyy-mm}        (clinician key: normalised name)
 *   patient              PATIENT#{ods}#{nhs}         PROFILE                PATIENTS#{ods} / {nhs}
 *   appointment          PATIENT#{ods}#{nhs}         APPT#{appointmentId}   DAY#{ods}#{date} / {start}#{id}   APPT#{ods}#{appointmentId} / APPT
 *   repeat medication    PATIENT#{ods}#{nhs}         MED#{medicationId}
 *   prescription request PATIENT#{ods}#{nhs}         RX#{prescriptionId}    RXQUEUE#{ods}#{status} / {id}     RX#{ods} / {prescriptionId}
 *                                                    (ids sort by requestedAt)
 *   record section       PATIENT#{ods}#{nhs}         RECORD#{section}
 *   online account       PATIENT#{ods}#{nhs}         ACCOUNT
 *                                                    (the open invitation and the linked sign-in, if any)
 *   proxy grant          PATIENT#{ods}#{nhs}         PROXY#{proxy nhs}      PROXYFOR#{ods}#{proxy nhs} / {nhs}
 *                                                    (the patient's partition: read with the patient's own items)
 *   invitation           LINKAGE#{accountId}         INVITATION             INVITATIONS#{ods}#{nhs} / {createdAt}#{id}  INVITATION#{ods}#{invitationId} / INVITATION
 *   sign-in link         SIGNIN#{sub}                LINK                   (what the pre-token trigger reads)
 *   sign-in link failures SIGNIN#{sub}               LINKFAILS
 *   audit entry          AUDIT#{ods}                 {at}#{auditId}         AUDIT#{ods}#{nhs} / {at}#{auditId}
 *   activity (report)    ACTIVITY#{ods}#{yyyy-mm}    {at}#{ref}#{kind}
 *   monthly report       REPORT#{ods}                MONTH#{yyyy-mm}
 *   all-practices summary REPORTS                    MONTH#{yyyy-mm}
 *   notification prefs   PATIENT#{ods}#{nhs}         SETTINGS#NOTIFICATIONS (sorts after RX#: outside the record view's range)
 *   outbox message       OUTBOX#{messageId}          OUTBOX                 OUTBOX#DUE / {sendAt}#{messageId} (only while waiting)
 *   sent message record  MSG#{messageId}             SENT                   (TTL: kept a year)
 *   local outbox entry   DEVOUTBOX                   {sentAt}#{messageId}#{n} (local mode only: what "was sent")
 *   idempotency record   IDEM#{owner}#{key}          IDEM
 *                        (owner: a fixed-length hash of the caller's whole identity, domain/idempotency.ts)
 */
export interface Key {
  PK: string;
  SK: string;
}

/** A slot's values for the GET /slots filters; the clinician by normalised name (schemas/clinician.ts). */
export interface SlotFilterValues {
  type: string;
  channel: string;
  clinicianKey: string;
}
const APPOINTMENT_PREFIX = 'APPT#';
const LOCAL_OUTBOX_PARTITION = 'DEVOUTBOX';

export const keys = {
  /** A practice the stack serves (store/registry.ts); every one is listed on GSI1 by ODS code. */
  practiceRegistry: (ods: string): Key => ({ PK: `PRACTICE#${ods}`, SK: 'REGISTRY' }),
  registryPartition: 'REGISTRY',
  /** The all-practices summary of a month (store/summaries.ts), written once every practice is done. */
  summaryReport: (month: string): Key => ({ PK: 'REPORTS', SK: `MONTH#${month}` }),
  practiceSettings: (ods: string): Key => ({ PK: `PRACTICE#${ods}`, SK: 'SETTINGS' }),
  /**
   * One settings change, kept for good (store/practices.ts): the whole settings as they stood from
   * `at` on. ISO instants of one length sort by time; the zero-padded version orders two changes of
   * the same millisecond.
   */
  settingsHistory: (ods: string, at: string, version: number): Key => ({
    PK: `PRACTICE#${ods}`,
    SK: `SETTINGS#${at}#${String(version).padStart(10, '0')}`,
  }),
  /** The sort-key range of the settings history entries made before `end` (exclusive). */
  settingsHistoryBefore: (end: Date) => ({
    from: 'SETTINGS#',
    to: `SETTINGS#${new Date(end.getTime() - 1).toISOString()}#\uffff`,
  }),
  /** One shard of a practice-month's counters (store/counters.ts draws the shard per transaction). */
  practiceMonth: (ods: string, month: string, shard: number): Key => ({
    PK: `PRACTICE#${ods}`,
    SK: `${monthSort(month)}#${shard}`,
  }),
  /**
   * A settled month's closing figures (store/reports.ts). `END` sorts after the month's shards, so
   * a newest-first Query of the practice's months meets it before them.
   */
  practiceMonthEnd: (ods: string, month: string): Key => ({ PK: `PRACTICE#${ods}`, SK: `${monthSort(month)}#END` }),
  isMonthEndSort: (sk: string) => sk.endsWith('#END'),
  /** One shard of the practice's running enabled totals (bulk registration spreads over them). */
  practiceEnabled: (ods: string, shard: number): Key => ({ PK: `PRACTICE#${ods}`, SK: `ENABLED#${shard}` }),
  /** Every shard of the running enabled totals, and the unsharded item stored before them. */
  practiceEnabledRange: { from: 'ENABLED', to: 'ENABLED#\uffff' },

  slot: (ods: string, slotId: string): Key => ({ PK: `PRACTICE#${ods}`, SK: `SLOT#${slotId}` }),
  freeSlotsPartition: (ods: string) => `FREESLOT#${ods}`,
  /**
   * A FreeBy… index partition: the free slots bookable online of a practice with these filter
   * values. Every free slot carries seven of these, so they are kept short and bounded (a slot
   * item stays within one 1 KB write unit): the clinician (by normalised name) and the type are
   * 96-bit hashes, which never hold the `#` between parts.
   */
  freeSlotsMatching: (ods: string, filters: readonly SlotFilter[], values: SlotFilterValues): string =>
    [
      ods,
      ...(filters.includes('channel') ? [`c=${values.channel}`] : []),
      ...(filters.includes('clinician') ? [`k=${shortHash(values.clinicianKey)}`] : []),
      ...(filters.includes('type') ? [`t=${shortHash(values.type)}`] : []),
    ].join('#'),
  /** GSI1: free slots held back from online booking (only the practice books them). */
  heldSlotsPartition: (ods: string) => `HELDSLOT#${ods}`,
  /** GSI2: a clinician's slots, by the normalised name (schemas/clinician.ts). */
  clinicianPartition: (ods: string, clinicianKey: string) => `CLINICIAN#${ods}#${boundedName(clinicianKey)}`,
  /** A clinician's diary for one UTC month (store/diary.ts): the live slots touching it. */
  diary: (ods: string, clinicianKey: string, month: string): Key => ({
    PK: `DIARY#${ods}#${boundedName(clinicianKey)}`,
    SK: monthSort(month),
  }),
  startSort: (start: string, id: string) => `${start}#${id}`,

  patient: (ods: string, nhsNumber: string): Key => ({ PK: patientPartition(ods, nhsNumber), SK: 'PROFILE' }),
  patientPartition,

  appointment: (ods: string, nhsNumber: string, appointmentId: string): Key => ({
    PK: patientPartition(ods, nhsNumber),
    SK: `${APPOINTMENT_PREFIX}${appointmentId}`,
  }),
  /**
   * A patient's appointments split at `at`: ids begin with the start (domain/ids.ts), so those
   * starting from `at` on sort between `at` and `to`, the earlier ones between `from` and `at`.
   */
  appointmentsAround: (at: Date) => ({
    from: APPOINTMENT_PREFIX,
    at: `${APPOINTMENT_PREFIX}${timeOrderedId(at, '')}`,
    to: `${APPOINTMENT_PREFIX}\uffff`,
  }),
  dayPartition: (ods: string, date: string) => `DAY#${ods}#${date}`,
  appointmentIdPartition: (ods: string, appointmentId: string) => `APPT#${ods}#${appointmentId}`,
  /** GSI2's sort key on an appointment: one item a partition, so a constant. */
  appointmentIdSort: 'APPT',

  // ── Repeat prescriptions (store/prescriptions.ts) ──
  medication: (ods: string, nhsNumber: string, medicationId: string): Key => ({
    PK: patientPartition(ods, nhsNumber),
    SK: `MED#${medicationId}`,
  }),
  medicationPrefix: 'MED#',
  prescription: (ods: string, nhsNumber: string, prescriptionId: string): Key => ({
    PK: patientPartition(ods, nhsNumber),
    SK: `RX#${prescriptionId}`,
  }),
  prescriptionPrefix: 'RX#',
  prescriptionQueuePartition: (ods: string, status: string) => `RXQUEUE#${ods}#${status}`,
  practicePrescriptionsPartition: (ods: string) => `RX#${ods}`,

  // ── Record access and its audit trail (store/record.ts, store/audit.ts) ──
  recordSection: (ods: string, nhsNumber: string, section: string): Key => ({
    PK: patientPartition(ods, nhsNumber),
    SK: `RECORD#${section}`,
  }),
  recordSectionPrefix: 'RECORD#',
  /**
   * One sort-key range of the patient's partition that holds everything a record view shows:
   * MED# (repeat medications) < PROFILE < RECORD# (coded sections). APPT# sorts before it and RX#
   * after it, so neither is read.
   */
  recordViewRange: { from: 'MED#', to: 'RECORD#\uffff' },
  auditPartition: (ods: string) => `AUDIT#${ods}`,
  /** GSI1: one patient's audit entries. */
  auditPatientPartition: (ods: string, nhsNumber: string) => `AUDIT#${ods}#${nhsNumber}`,
  /** Audit entries sort by time; the id keeps two views in the same millisecond apart. */
  auditSort: (at: string, auditId: string) => `${at}#${auditId}`,

  activityPartition,
  /** An activity entry: by time, then the thing acted on and what was done (`at` as ISO). */
  activityEntry: (ods: string, month: string, at: string, ref: string, kind: string): Key => ({
    PK: activityPartition(ods, month),
    SK: `${at}#${ref}#${kind}`,
  }),

  // ── Invitations and linked sign-ins (store/linkage.ts) ──
  /** A patient's online account: the open invitation and the linked sign-in (one item, versioned). */
  patientAccount: (ods: string, nhsNumber: string): Key => ({ PK: patientPartition(ods, nhsNumber), SK: 'ACCOUNT' }),
  // ── Proxy access (store/proxies.ts) ──
  /**
   * A grant letting `proxyNhsNumber` act for the patient: in the patient's own partition, so a
   * record view's Query (MED# < PROFILE < PROXY# < RECORD#) and any BatchGetItem of the patient's
   * items can carry it at no extra round trip.
   */
  proxyGrant: (ods: string, nhsNumber: string, proxyNhsNumber: string): Key => ({
    PK: patientPartition(ods, nhsNumber),
    SK: `PROXY#${proxyNhsNumber}`,
  }),
  proxyGrantPrefix: 'PROXY#',
  /** GSI1: the grants a proxy holds (whom they may act for). */
  proxyForPartition: (ods: string, proxyNhsNumber: string) => `PROXYFOR#${ods}#${proxyNhsNumber}`,
  /** An invitation, found by the account id printed on the registration letter. */
  invitation: (accountId: string): Key => ({ PK: `LINKAGE#${accountId}`, SK: 'INVITATION' }),
  /** GSI1: one patient's invitations, oldest first. */
  patientInvitationsPartition: (ods: string, nhsNumber: string) => `INVITATIONS#${ods}#${nhsNumber}`,
  /** Invitations sort by when they were made; the id keeps two of the same millisecond apart. */
  invitationSort: (createdAt: string, invitationId: string) => `${createdAt}#${invitationId}`,
  /** GSI2: an invitation by its id, within one practice. */
  invitationIdPartition: (ods: string, invitationId: string) => `INVITATION#${ods}#${invitationId}`,
  /** GSI2's sort key on an invitation: one item a partition, so a constant. */
  invitationIdSort: 'INVITATION',
  /** The patient a sign-in is linked to. Its partition prefix is all the pre-token trigger may read. */
  signInLink: (sub: string): Key => ({ PK: `${SIGN_IN_PREFIX}${sub}`, SK: 'LINK' }),
  /** A sign-in's recent failed link attempts (the per-sign-in rate limit). */
  signInFailures: (sub: string): Key => ({ PK: `${SIGN_IN_PREFIX}${sub}`, SK: 'LINKFAILS' }),

  // ── Monthly reports (store/reports.ts) ──
  /** A practice's patient profiles, listed by `rollup --verify` (GSI1). */
  practicePatientsPartition: (ods: string) => `PATIENTS#${ods}`,
  report: (ods: string, month: string): Key => ({ PK: `REPORT#${ods}`, SK: `MONTH#${month}` }),
  /**
   * The practice-month counter shards sort by month, then shard: `MONTH#{yyyy-mm}#{shard}`. This
   * sort-key range holds every shard (and month-end item) of the months `from` (omitted: the
   * first) to `to` inclusive.
   */
  monthSortRange: (from: string | undefined, to: string) => ({
    from: monthSort(from ?? ''),
    to: `${monthSort(to)}#\uffff`,
  }),
  /** The month of a practice-month counter shard, from its sort key. */
  monthOfSort: (sk: string) => sk.slice('MONTH#'.length, 'MONTH#yyyy-mm'.length),

  idempotency: (owner: string, key: string): Key => ({ PK: `IDEM#${owner}#${key}`, SK: 'IDEM' }),

  // ── Notifications (store/notification-preferences.ts, store/outbox.ts) ──
  notificationPreferences: (ods: string, nhsNumber: string): Key => ({
    PK: patientPartition(ods, nhsNumber),
    SK: 'SETTINGS#NOTIFICATIONS',
  }),
  /** A message waiting to go: one item per message id, so a cancel can delete it by key. */
  outboxMessage: (messageId: string): Key => ({ PK: `OUTBOX#${messageId}`, SK: 'OUTBOX' }),
  /** GSI1: every waiting message, by when it may go (the sender's sweep). */
  outboxDuePartition: 'OUTBOX#DUE',
  outboxDueSort: (sendAt: string, messageId: string) => `${sendAt}#${messageId}`,
  /** The record that a message was sent: written with a condition, so it is sent once. */
  sentMessage: (messageId: string): Key => ({ PK: `MSG#${messageId}`, SK: 'SENT' }),
  /** What local mode "sent", in the order it went; every delivery is a new entry, never an overwrite. */
  localOutboxEntry: (sentAt: string, messageId: string, n: string): Key => ({
    PK: LOCAL_OUTBOX_PARTITION,
    SK: `${sentAt}#${messageId}#${n}`,
  }),
  localOutboxPartition: LOCAL_OUTBOX_PARTITION,
};

/** The partition-key prefix of everything kept per sign-in (the pre-token trigger's grant is scoped to it). */
export const SIGN_IN_PREFIX = 'SIGNIN#';

function monthSort(month: string): string {
  return `MONTH#${month}`;
}

/**
 * A normalised clinician name as a key part. Names are at most 100 characters, but Unicode
 * compatibility folding can make one many times longer; past 200 bytes its hash stands in, so a
 * key never nears DynamoDB's 2 KiB limit.
 */
function boundedName(name: string): string {
  return Buffer.byteLength(name, 'utf8') <= 200 ? name : `#${createHash('sha256').update(name).digest('base64url')}`;
}

/** 96 bits of SHA-256 (16 base64url characters): a bounded key part for free text. */
function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 16);
}

function activityPartition(ods: string, month: string): string {
  return `ACTIVITY#${ods}#${month}`;
}

function patientPartition(ods: string, nhsNumber: string): string {
  return `PATIENT#${ods}#${nhsNumber}`;
}
