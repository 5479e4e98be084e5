// The sandbox's whole state as one JSON document, written atomically (temp file + fsync + rename) after every change.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { MailOutboxEntry } from '../shared/contracts/mail';
import type { DomainFacts, ProgressEvent, ReviewApplicant, SubmissionDiffEntry, SubmissionStatus } from '../shared/contracts/reviewSystem';
import type { SmsOutboxEntry } from '../shared/contracts/sms';
import type { WechatOutboxEntry } from '../shared/contracts/wechat';
import type { CreateVerificationTaskRequest, SubmittedVerification, VerificationEvent, VerificationFailureReason, VerificationTaskStatus } from '../shared/contracts/verification';
import type { ReviewReason, WebsiteForm } from '../shared/domain/change';
import type { Filing } from '../shared/domain/filing';

export const STATE_FILE = 'state.json';
export const STATE_VERSION = 1;

/** How the sandbox draws a seeded material image (rendered on first request, then cached as a file). */
export interface ImageSpec {
  kind: 'id_front' | 'id_back' | 'verification_form';
  name: string;
  idNumber: string;
  idValidUntil: string | null;
  /** verification_form only. */
  websiteName?: string;
  domains?: string[];
  entityName?: string;
}

/** A seeded website the sandbox serves by Host header. */
export interface SiteRecord {
  filingId: string;
  websiteId: string;
  /** false = the homepage footer lacks the filing number (a broken site for the demo). */
  footerShowsFilingNumber: boolean;
}

export interface StoredMaterial {
  slot: string;
  kind: string;
  subject: string;
  /** Id of the stored JPEG under files/. */
  imageId: string;
  bytes: number;
  /** null when the image could not be decoded. */
  width: number | null;
  height: number | null;
}

export type ReviewStage = 'initial' | 'authority';

export interface StoredSubmission {
  submissionId: string;
  changeId: string;
  applicantId: string;
  filingId: string;
  websiteId: string;
  filingRevision: number;
  status: SubmissionStatus;
  receivedAt: string;
  updatedAt: string;
  reasons: ReviewReason[];
  miitCheck: { deadline: string } | null;
  events: ProgressEvent[];
  form: WebsiteForm;
  diff: SubmissionDiffEntry[];
  materials: StoredMaterial[];
  callbackUrl: string | null;
  /** The identity verifications the submission names (absent in state saved before they existed). */
  verifications?: SubmittedVerification[];
  /** When the automatic reviewer takes the next step (ISO), null when nothing is scheduled. */
  autoStepAt: string | null;
}

export interface IdempotencyRecord {
  requestHash: string;
  status: number;
  body: unknown;
  createdAt: string;
}

export interface Delivery {
  id: string;
  eventId: string;
  submissionId: string;
  sequence: number;
  url: string;
  /** Exact JSON sent (signed anew at each attempt). */
  body: string;
  attempts: number;
  nextAttemptAt: string;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  /** Which headers sign it: the review system's progress events (default) or the verification service's. */
  signing?: 'review' | 'verification';
}

/** A verification task (电子化核验) as the sandbox keeps it; `token` is the credential in its link. */
export interface StoredVerificationTask extends Omit<CreateVerificationTaskRequest, 'callbackUrl'> {
  taskId: string;
  token: string;
  status: VerificationTaskStatus;
  reason: VerificationFailureReason | null;
  createdAt: string;
  expiresAt: string;
  completedAt: string | null;
  callbackUrl: string | null;
  events: VerificationEvent[];
}

export interface SandboxState {
  version: number;
  seededAt: string;
  applicants: ReviewApplicant[];
  filings: Filing[];
  domains: Record<string, DomainFacts>;
  sites: Record<string, SiteRecord>;
  images: Record<string, ImageSpec>;
  submissions: StoredSubmission[];
  idempotency: Record<string, IdempotencyRecord>;
  deliveries: Delivery[];
  verificationTasks: StoredVerificationTask[];
  outbox: { sms: SmsOutboxEntry[]; mail: MailOutboxEntry[]; wechat: WechatOutboxEntry[] };
  wechat: {
    usedCodes: string[];
    tokens: { token: string; expiresAt: string }[];
    /** Openids (or `openid:templateId`) whose subscribe sends answer 43101. */
    refusals: string[];
  };
}

export class StateStore {
  readonly file: string;
  readonly filesDir: string;
  state: SandboxState;

  constructor(
    readonly dataDir: string,
    private readonly seed: () => SandboxState,
  ) {
    this.file = join(dataDir, STATE_FILE);
    this.filesDir = join(dataDir, 'files');
    mkdirSync(this.filesDir, { recursive: true });
    if (existsSync(this.file)) {
      const loaded = JSON.parse(readFileSync(this.file, 'utf8')) as SandboxState;
      if (loaded.version !== STATE_VERSION) {
        throw new Error(`${this.file} has state version ${loaded.version}, expected ${STATE_VERSION}: delete the folder to re-seed`);
      }
      // State saved before verification tasks existed has none yet.
      loaded.verificationTasks ??= [];
      this.state = loaded;
    } else {
      this.state = seed();
      this.save();
    }
  }

  /** Apply a change and persist it before returning (synchronous, so no two writes interleave). */
  update<T>(change: (state: SandboxState) => T): T {
    const result = change(this.state);
    this.save();
    return result;
  }

  /** Replace everything with a fresh seed. */
  reset(): void {
    this.state = this.seed();
    this.save();
  }

  save(): void {
    const temp = `${this.file}.${process.pid}.tmp`;
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, JSON.stringify(this.state));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, this.file);
  }
}
