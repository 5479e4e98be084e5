// Every Redis key of the BFF and its TTL. A change's keys share its applicant's hash tag, so a Lua script or MULTI over
// them stays on one cluster slot; the only per-change tag is the owner pointer used by review callbacks.
import { createHash } from 'node:crypto';
import { ORDER_STEP_TTL_DAYS } from '../../../shared/domain/status';

const DAY = 24 * 3600;

export const TTL = {
  /** A draft (and everything hanging off it) lives 45 days after its last write. */
  change: ORDER_STEP_TTL_DAYS * DAY,
  /**
   * The keys hanging off a draft (index, open-change and owner pointers, timeline) live two days longer and are
   * refreshed by the first write of each UTC day only, not by every autosave: refreshed at most a day before the draft's
   * last write, they still outlive it (one spare day covers clock skew between instances).
   */
  changeKeys: (ORDER_STEP_TTL_DAYS + 2) * DAY,
  /** An SMS code is valid for 5 minutes. */
  smsCode: 5 * 60,
  /** At most one code per phone per 60 s. */
  smsCooldown: 60,
  /** The daily cap counter lives a little over a day. */
  smsDaily: DAY + 3600,
  /** The answer of a submit is replayed for the same Idempotency-Key for a day. */
  idempotency: DAY,
  /** Review-callback event ids already seen (the sender retries for hours at most). */
  seenEvent: 7 * DAY,
  /** A change's verification tasks live as long as the change itself may (45 days after the last write). */
  verifications: ORDER_STEP_TTL_DAYS * DAY,
  /** While a notification is being sent (a crashed sender's lock lapses after this). */
  notificationLock: 120,
  /** A sent notification is remembered so a retried job never sends it twice. */
  notificationSent: 30 * DAY,
  /** Window of the per-address login attempt counter. */
  loginWindow: 60,
  /** SMS budgets: a Beijing day (plus slack for the clock), an hour and a minute, each a fixed window keyed by its start. */
  smsBudgetDay: DAY + 3600,
  smsBudgetHour: 3600 + 60,
  smsBudgetMinute: 60 + 60,
  /**
   * A photo's recognition (OCR) lives as long as a draft: written just after the upload that wrote the draft, it expires
   * with it (a few seconds later at most); a new upload of the slot overwrites it, a closed change deletes it.
   */
  recognition: ORDER_STEP_TTL_DAYS * DAY,
} as const;

/** Tokens and phones are hashed before they become part of a key (a key listing must not leak them). */
export function digest(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 32);
}

const applicant = (applicantId: string) => `{applicant:${applicantId}}`;

/** Sessions are the keys under this prefix (each instance is told when one changes: stores/keyTracking.ts). */
export const SESSION_KEY_PREFIX = 'session:';

export const keys = {
  session: (token: string) => `${SESSION_KEY_PREFIX}${digest(token)}`,
  filingsCache: (applicantId: string) => `${applicant(applicantId)}:filings`,
  /** Set of the applicant's change ids. */
  changeIndex: (applicantId: string) => `${applicant(applicantId)}:changes`,
  change: (applicantId: string, changeId: string) => `${applicant(applicantId)}:change:${changeId}`,
  /** Prefix from which Lua derives sibling change keys (same hash tag). */
  changePrefix: (applicantId: string) => `${applicant(applicantId)}:change:`,
  /** The open change of a website (one at a time). */
  openChange: (applicantId: string, websiteId: string) => `${applicant(applicantId)}:website:${websiteId}:open`,
  timeline: (applicantId: string, changeId: string) => `${applicant(applicantId)}:change:${changeId}:timeline`,
  /** Hash: review submission id → last applied sequence; `current` → the review submission id now in flight. */
  relay: (applicantId: string, changeId: string) => `${applicant(applicantId)}:change:${changeId}:relay`,
  seenEvents: (applicantId: string, changeId: string) => `${applicant(applicantId)}:change:${changeId}:events`,
  /** Hash role → the change's verification task for that principal (JSON, stores/verificationStore.ts). */
  verifications: (applicantId: string, changeId: string) => `${applicant(applicantId)}:change:${changeId}:verifications`,
  /** Verification-callback event ids already applied or ignored (replays are acknowledged, never applied twice). */
  seenVerificationEvents: (applicantId: string, changeId: string) => `${applicant(applicantId)}:change:${changeId}:verification-events`,
  idempotency: (applicantId: string, changeId: string, key: string) => `${applicant(applicantId)}:change:${changeId}:idem:${digest(key)}`,
  /** List of subscribe-message template ids the applicant granted (one grant = one message). */
  grants: (applicantId: string, changeId: string) => `${applicant(applicantId)}:change:${changeId}:grants`,
  smsCode: (applicantId: string, changeId: string, phone: string) => `${applicant(applicantId)}:change:${changeId}:sms:${digest(phone)}`,
  smsCooldown: (phone: string) => `{phone:${digest(phone)}}:sms:cooldown`,
  smsDaily: (phone: string, day: string) => `{phone:${digest(phone)}}:sms:day:${day}`,
  /** Set of the (hashed) numbers one change sent codes to on one Beijing day. */
  smsChangeNumbers: (applicantId: string, changeId: string, day: string) => `${applicant(applicantId)}:change:${changeId}:sms:numbers:${day}`,
  /** Codes one applicant had sent on one Beijing day, all changes together. */
  smsApplicantDaily: (applicantId: string, day: string) => `${applicant(applicantId)}:sms:day:${day}`,
  /** Codes sent for one client address in one clock hour (`hour` = hours since the epoch). */
  smsAddressHourly: (clientAddress: string, hour: number) => `{client:${digest(clientAddress)}}:sms:hour:${hour}`,
  /** Codes sent by the whole service in one minute, and the marker that its alert was logged (one slot). */
  smsGlobalMinute: (minute: number) => `{sms-global}:minute:${minute}`,
  smsGlobalAlerted: (minute: number) => `{sms-global}:minute:${minute}:alerted`,
  /** Hash: the recognition (OCR) of the photo in one material slot — fileId, status, startedAt, attempts, result. */
  recognition: (applicantId: string, changeId: string, slot: string) => `${applicant(applicantId)}:change:${changeId}:ocr:${slot}`,
  /** changeId → applicantId, for review callbacks that only know the change. */
  changeOwner: (changeId: string) => `{change:${changeId}}:owner`,
  notification: (jobId: string) => `notification:${digest(jobId)}`,
  /** Hash of the applicant's notification settings (channel → '1'/'0'); kept without expiry, like an account setting. */
  notificationSettings: (applicantId: string) => `${applicant(applicantId)}:settings:notifications`,
  /** Hash `applicantId/changeId/submissionNo` → ms: accepted submissions whose relay job may not be enqueued yet. */
  relayPending: () => 'relay:pending',
  /**
   * Hash fileId → `{applicantId, changeId, at}` of every stored photo: how the retention sweep finds the files of a
   * change whose keys Redis has already expired (the draft's TTL is the only clock a draft's expiry has).
   */
  materialIndex: () => 'materials:index',
  /** Login attempts from one client address in the current window. */
  loginAttempts: (clientAddress: string) => `login:${digest(clientAddress)}`,
} as const;

/** BullMQ key prefix (a hash tag, so a queue's keys share a slot). */
export const QUEUE_PREFIX = '{bff-jobs}';
