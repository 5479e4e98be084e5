// Builds the BFF's stores and services from ready adapters: the one place that knows which service needs which.
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import type { Env } from '../env';
import type { ReviewSystem } from '../adapters/reviewSystem';
import type { Wechat } from '../adapters/wechat';
import type { SmsGateway } from '../adapters/sms';
import type { Mailer } from '../adapters/mail';
import type { Queues } from '../jobs/queues';
import type { MaterialStorage } from '../materials/storage';
import type { OcrEngine } from '../ocr/engine';
import { createOutboundClient, type OutboundOptions } from '../adapters/outbound';
import type { VerificationFormRenderer } from '../documents/verificationFormPdf';
import type { ChangeDraft } from '../../../shared/domain/change';
import { createSessionStore } from '../stores/sessionStore';
import { createFilingsCache } from '../stores/filingsCache';
import { createChangeStore } from '../stores/changeStore';
import { createRecentDrafts } from '../stores/recentDrafts';
import { createSmsStore } from '../stores/smsStore';
import { createSmsBudgetStore } from '../stores/smsBudgetStore';
import { createNotificationStore } from '../stores/notificationStore';
import { createLoginLimitStore } from '../stores/loginLimitStore';
import { createNotificationSettingsStore } from '../stores/notificationSettingsStore';
import { createSessionService } from './sessionService';
import { createFilingService } from './filingService';
import { createChangeService } from './changeService';
import { createSmsService } from './smsService';
import { createChecksService } from './checksService';
import { createSubmitService } from './submitService';
import { createReviewEventService } from './reviewEventService';
import { createNotificationService } from './notificationService';
import { createProgressService } from './progressService';
import { createRetentionService } from './retentionService';
import { createMaterialIndexStore } from '../stores/materialIndexStore';
import { createRecognitionStore } from '../stores/recognitionStore';
import { createRecognitionService } from './recognitionService';
import { isFinalStatus } from '../../../shared/domain/status';
import { BFF_ROUTES } from '../../../shared/contracts/bffRoutes';
import { createVerifier, type Verifier } from '../adapters/verifier';
import { createVerificationStore } from '../stores/verificationStore';
import { createVerificationService } from './verificationService';

export interface BffDeps {
  env: Env;
  logger: Logger;
  redis: Redis;
  reviewSystem: ReviewSystem;
  wechat: Wechat;
  sms: SmsGateway;
  mailer: Mailer;
  queues: Queues;
  /** Where processed photos live (bff/src/materials); must sign previews with env.MATERIALS_SECRET. */
  materialStorage: MaterialStorage;
  /** The identity verification service (default: its HTTP client at VERIFICATION_SERVICE_URL, else REVIEW_SYSTEM_URL). */
  verifier?: Verifier;
  /** Reads uploaded ID cards and 核验单 (absent when OCR_ENABLED is off: nothing is read). */
  ocr?: OcrEngine;
  /** Test seams of the outbound client (an injected DNS answer or connector); production uses the system's. */
  outbound?: Pick<OutboundOptions, 'lookup' | 'connect' | 'isAllowedAddress'>;
  /** Renders the 核验单 PDF (default: created by createApp, which stops when no CJK font is installed). */
  verificationForms?: VerificationFormRenderer;
  now?: () => Date;
}

export function createServices(deps: BffDeps) {
  const { env, logger, redis, queues } = deps;
  const now = deps.now ?? (() => new Date());
  const sessionStore = createSessionStore(redis, env.SESSION_TTL_SECONDS);
  const changeStore = createChangeStore(redis, createRecentDrafts(env.DRAFT_CACHE_ENTRIES));
  const notificationStore = createNotificationStore(redis);
  const loginLimitStore = createLoginLimitStore(redis);
  const notificationSettings = createNotificationSettingsStore(redis);

  const sessions = createSessionService({ sessions: sessionStore, wechat: deps.wechat, reviewSystem: deps.reviewSystem });
  const filings = createFilingService({ reviewSystem: deps.reviewSystem, cache: createFilingsCache(redis, env.FILINGS_CACHE_SECONDS) });
  const recognitionStore = createRecognitionStore(redis);
  const retention = createRetentionService({
    index: createMaterialIndexStore(redis),
    changes: changeStore,
    storage: deps.materialStorage,
    forgetReadings: (draft) => recognitionStore.forget(draft.applicantId, draft.id, Object.keys(draft.materials)),
    logger,
    now,
  });
  const changes = createChangeService({ store: changeStore, filings, reviewSystem: deps.reviewSystem, retention, now });
  const smsBudgets = createSmsBudgetStore(redis, {
    numbersPerChangePerDay: env.SMS_NUMBERS_PER_CHANGE_PER_DAY,
    perApplicantPerDay: env.SMS_PER_APPLICANT_PER_DAY,
    perAddressPerHour: env.SMS_PER_ADDRESS_PER_HOUR,
    globalPerMinute: env.SMS_GLOBAL_PER_MINUTE,
  });
  const sms = createSmsService({ changes, store: createSmsStore(redis), budgets: smsBudgets, gateway: deps.sms, secret: env.SMS_CODE_SECRET, dailyCap: env.SMS_DAILY_CAP, logger, now });
  const outbound = createOutboundClient({ timeoutMs: env.HOMEPAGE_TIMEOUT_MS, hostMap: env.HOMEPAGE_HOST_MAP, ...deps.outbound });
  const verifications = createVerificationService({
    store: createVerificationStore(redis),
    verifier: deps.verifier ?? createVerifier(env.VERIFICATION_SERVICE_URL ?? env.REVIEW_SYSTEM_URL, env.REVIEW_API_KEY),
    sms: deps.sms,
    callbackUrl: env.VERIFICATION_CALLBACK_URL ?? (env.REVIEW_CALLBACK_URL ? new URL(BFF_ROUTES.verificationEvents.path, env.REVIEW_CALLBACK_URL).toString() : undefined),
    secret: env.REVIEW_CALLBACK_SECRET,
    logger,
    now,
  });
  const recognitions = createRecognitionService({ store: recognitionStore, engine: deps.ocr, storage: deps.materialStorage, timeoutMs: env.OCR_TIMEOUT_MS, logger, now });
  const checks = createChecksService({
    reviewSystem: deps.reviewSystem,
    outbound,
    homepageTimeoutMs: env.HOMEPAGE_TIMEOUT_MS,
    verificationFacts: (draft) => verifications.facts(draft),
    recognitions: (draft) => recognitions.factsFor(draft),
    logger,
    now,
  });
  const progress = createProgressService({ store: changeStore, notifications: notificationStore });
  const notifications = createNotificationService({
    store: notificationStore,
    settings: notificationSettings,
    changes: changeStore,
    reviewSystem: deps.reviewSystem,
    wechat: deps.wechat,
    sms: deps.sms,
    mailer: deps.mailer,
    enqueue: (job, jobId) => queues.enqueueNotification(job, jobId),
    logger,
  });
  const onStatusChanged = async (draft: ChangeDraft) => {
    await notifications.fanOut(draft);
    // Approved or withdrawn by the review system: the photos are no longer needed (PIPL).
    if (isFinalStatus(draft.status)) await retention.purge(draft);
  };
  const submit = createSubmitService({
    store: changeStore,
    changes,
    checks,
    reviewSystem: deps.reviewSystem,
    materials: deps.materialStorage,
    callbackUrl: env.REVIEW_CALLBACK_URL,
    verifications: (draft) => verifications.submitted(draft),
    enqueueRelay: (job) => queues.enqueueRelay(job),
    onStatusChanged,
    logger,
    now,
  });
  const reviewEvents = createReviewEventService({ store: changeStore, filings, secret: env.REVIEW_CALLBACK_SECRET, onStatusChanged, logger, now });

  return {
    sessions,
    filings,
    changes,
    sms,
    checks,
    progress,
    submit,
    reviewEvents,
    verifications,
    notifications,
    retention,
    recognitions,
    changeStore,
    notificationStore,
    notificationSettings,
    sessionStore,
    loginLimitStore,
  };
}
export type BffServices = ReturnType<typeof createServices>;
