// Wires the BFF: createApp(deps) builds the Koa app and services from ready adapters; startBff(options) creates the
// adapters from settings, starts the job workers and listens (used by main.ts and the test harness).
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Server } from 'node:http';
import Koa from 'koa';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import { parseEnv, type Env } from './env';
import { createLogger } from './logger';
import { createRedis, whenReady } from './redis';
import { errorHandler } from './middleware/errorHandler';
import { requestContext } from './middleware/requestContext';
import { loadSession, requireApplicant } from './middleware/auth';
import { staticFiles } from './middleware/staticFiles';
import type { BffState } from './middleware/state';
import { createReviewSystem, type ReviewSystem } from './adapters/reviewSystem';
import { createWechat, type Wechat } from './adapters/wechat';
import { createSmsGateway, type SmsGateway } from './adapters/sms';
import { createMailer, type Mailer } from './adapters/mail';
import { createSessionStore } from './stores/sessionStore';
import { createFilingsCache } from './stores/filingsCache';
import { createChangeStore } from './stores/changeStore';
import { createSmsStore } from './stores/smsStore';
import { createNotificationStore } from './stores/notificationStore';
import { createSessionService } from './services/sessionService';
import { createFilingService } from './services/filingService';
import { createChangeService } from './services/changeService';
import { createSmsService } from './services/smsService';
import { createChecksService } from './services/checksService';
import { createSubmitService } from './services/submitService';
import { createReviewEventService } from './services/reviewEventService';
import { createNotificationService } from './services/notificationService';
import { createQueues, type Queues } from './jobs/queues';
import { loginRateLimit, sessionRoutes } from './routes/session';
import { createLoginLimitStore } from './stores/loginLimitStore';
import { filingRoutes } from './routes/filings';
import { changeRoutes } from './routes/changes';
import { reviewEventRoutes } from './routes/reviewEvents';
import { healthRoutes } from './routes/health';
import { createMaterialsRouter } from './materials/router';
import { createLocalStorage, type MaterialStorage } from './materials/storage';

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
  now?: () => Date;
}

/** JSON bodies are small (a form patch); photos go through the materials router's own limits. */
const JSON_LIMIT = '256kb';

export function createApp(deps: BffDeps) {
  const { env, logger, redis, queues } = deps;
  const now = deps.now ?? (() => new Date());
  const sessionStore = createSessionStore(redis, env.SESSION_TTL_SECONDS);
  const changeStore = createChangeStore(redis);
  const notificationStore = createNotificationStore(redis);

  const sessions = createSessionService({ sessions: sessionStore, wechat: deps.wechat, reviewSystem: deps.reviewSystem });
  const filings = createFilingService({ reviewSystem: deps.reviewSystem, cache: createFilingsCache(redis, env.FILINGS_CACHE_SECONDS) });
  const changes = createChangeService({ store: changeStore, filings, reviewSystem: deps.reviewSystem, now });
  const sms = createSmsService({ changes, store: createSmsStore(redis), gateway: deps.sms, secret: env.SMS_CODE_SECRET, dailyCap: env.SMS_DAILY_CAP });
  const checks = createChecksService({ reviewSystem: deps.reviewSystem, hostMap: env.HOMEPAGE_HOST_MAP, homepageTimeoutMs: env.HOMEPAGE_TIMEOUT_MS, now });
  const notifications = createNotificationService({
    store: notificationStore,
    changes: changeStore,
    reviewSystem: deps.reviewSystem,
    wechat: deps.wechat,
    sms: deps.sms,
    mailer: deps.mailer,
    enqueue: (job, jobId) => queues.enqueueNotification(job, jobId),
    logger,
  });
  const onStatusChanged = (draft: Parameters<typeof notifications.fanOut>[0]) => notifications.fanOut(draft);
  const submit = createSubmitService({
    store: changeStore,
    changes,
    checks,
    reviewSystem: deps.reviewSystem,
    materials: deps.materialStorage,
    callbackUrl: env.REVIEW_CALLBACK_URL,
    enqueueRelay: (job) => queues.enqueueRelay(job),
    onStatusChanged,
    logger,
    now,
  });
  const reviewEvents = createReviewEventService({ store: changeStore, filings, secret: env.REVIEW_CALLBACK_SECRET, onStatusChanged, logger, now });

  const app = new Koa<BffState>();
  app.proxy = true;
  app.use(requestContext(logger));
  app.use(errorHandler(logger));
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: JSON_LIMIT, encoding: 'utf-8' }));

  const api = new Router<BffState>({ prefix: '/api' });
  // A bearer token, when present, names the applicant; routes that need one refuse without it.
  api.use(loadSession(sessionStore));
  // Unauthenticated: login, and the review system's callback (authenticated by its HMAC signature instead).
  const sessionRouter = sessionRoutes(sessions, env.DEMO_MODE, loginRateLimit(createLoginLimitStore(redis), env.LOGIN_RATE_LIMIT_PER_MINUTE));
  const eventsRouter = reviewEventRoutes(reviewEvents);
  api.use(sessionRouter.routes(), sessionRouter.allowedMethods());
  api.use(eventsRouter.routes(), eventsRouter.allowedMethods());
  // Materials: uploads check ctx.state.applicantId themselves; signed previews need no session (an <Image> sends none).
  const materialsRouter = createMaterialsRouter({
    loadEditableChange: changes.loadEditableChange,
    attachMaterial: changes.attachMaterial,
    storage: deps.materialStorage,
    signingSecret: env.MATERIALS_SECRET,
    publicBaseUrl: env.PUBLIC_BASE_URL,
    logger,
  });
  api.use(materialsRouter.routes() as unknown as Koa.Middleware<BffState>);

  const authed = new Router<BffState>();
  authed.use(requireApplicant());
  const filingRouter = filingRoutes(filings);
  const changeRouter = changeRoutes({ changes, sms, checks, submit, store: changeStore, notifications: notificationStore });
  authed.use(filingRouter.routes(), filingRouter.allowedMethods());
  authed.use(changeRouter.routes(), changeRouter.allowedMethods());
  api.use(authed.routes(), authed.allowedMethods());

  const health = healthRoutes(redis, deps.reviewSystem);
  app.use(health.routes());
  app.use(api.routes());
  app.use(api.allowedMethods());
  app.use(staticFiles(env.STATIC_DIR));

  app.on('error', (err: Error) => logger.debug({ err }, 'koa error event'));

  const services = { sessions, filings, changes, sms, checks, submit, reviewEvents, notifications, changeStore, notificationStore, sessionStore };
  return { app, services };
}

export type BffServices = ReturnType<typeof createApp>['services'];

export interface StartBffOptions {
  /** Environment variables (defaults to process.env). */
  env?: Record<string, string | undefined>;
  logger?: Logger;
  /** Run the relay and notification workers in this process (default: RUN_WORKERS, itself default true). */
  workers?: boolean;
  now?: () => Date;
}

export interface RunningBff {
  url: string;
  port: number;
  server: Server;
  env: Env;
  redis: Redis;
  services: BffServices;
  queues: Queues;
  close(): Promise<void>;
}

export async function startBff(options: StartBffOptions = {}): Promise<RunningBff> {
  const env = parseEnv(options.env ?? process.env);
  const logger = options.logger ?? createLogger(env.LOG_LEVEL);
  const redis = createRedis(env.REDIS_URL, logger, 'bff', env.REDIS_CLUSTER_NODES);
  // Commands fail fast while disconnected, so give the first connection a moment before taking requests.
  if (!(await whenReady(redis, 5000))) logger.warn('redis not reachable at start-up; answering 503 until it is');
  const reviewSystem = createReviewSystem(env.REVIEW_SYSTEM_URL, env.REVIEW_API_KEY);
  const wechat = createWechat(env.WECHAT_API_URL, env.WECHAT_APPID, env.WECHAT_SECRET);
  const sms = createSmsGateway(env.SMS_GATEWAY_URL, env.SMS_API_KEY);
  const mailer = createMailer(env.SMTP_URL, env.MAIL_FROM);
  // A worker pool is the same process with RUN_WORKERS=true behind no load balancer; API instances may set it false.
  const runWorkers = options.workers ?? env.RUN_WORKERS;
  const queues = createQueues({ redisUrl: env.REDIS_URL, clusterNodes: env.REDIS_CLUSTER_NODES, backoffMs: env.JOB_BACKOFF_MS, backoffMaxMs: env.JOB_BACKOFF_MAX_MS, logger });
  const materialStorage = createLocalStorage(join(env.DATA_DIR, 'materials'), { signingSecret: env.MATERIALS_SECRET, publicBaseUrl: env.PUBLIC_BASE_URL });

  const { app, services } = createApp({ env, logger, redis, reviewSystem, wechat, sms, mailer, queues, materialStorage, now: options.now });
  if (runWorkers) {
    queues.start({ relay: (job) => services.submit.relay(job), notify: (job) => services.notifications.deliver(job) });
  }
  let sweeper: NodeJS.Timeout | null = null;
  if (runWorkers) {
    // Relays a crash left unqueued: once now, then every minute.
    const sweep = () => services.submit.sweep().catch((err: unknown) => logger.warn({ err }, 'relay sweep failed'));
    void sweep();
    sweeper = setInterval(sweep, 60_000);
    sweeper.unref();
  }
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(env.PORT, env.HOST, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  logger.info({ port, demo: env.DEMO_MODE }, 'bff listening');
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    env,
    redis,
    services,
    queues,
    async close() {
      if (sweeper) clearInterval(sweeper);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await queues.close();
      mailer.close();
      redis.disconnect();
    },
  };
}
