// Wires the BFF: createApp(deps) builds the services (services/createServices.ts) and the Koa app over them; startBff(options)
// creates the adapters from settings, starts the job workers and listens (used by main.ts and the test harness).
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Server } from 'node:http';
import Koa from 'koa';
import Router from '@koa/router';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import { parseEnv, type Env } from './env';
import { createLogger } from './logger';
import { createRedis, whenReady } from './redis';
import { errorHandler } from './middleware/errorHandler';
import { requestContext } from './middleware/requestContext';
import { jsonBody } from './middleware/jsonBody';
import { loadSession, requireApplicant } from './middleware/auth';
import { hotRoute } from './middleware/hotRoute';
import { BFF_ROUTES } from '../../shared/contracts/bffRoutes';
import { staticFiles } from './middleware/staticFiles';
import { securityHeaders } from './middleware/securityHeaders';
import type { BffState } from './middleware/state';
import { createReviewSystem } from './adapters/reviewSystem';
import { createWechat } from './adapters/wechat';
import { createSmsGateway } from './adapters/sms';
import { createMailer } from './adapters/mail';
import { createQueues, type Queues } from './jobs/queues';
import { createServices, type BffDeps, type BffServices } from './services/createServices';
import { loginRateLimit, sessionRoutes } from './routes/session';
import { filingRoutes } from './routes/filings';
import { settingsRoutes } from './routes/settings';
import { autosaveHandlers, changeRoutes, progressHandlers } from './routes/changes';
import { reviewEventRoutes } from './routes/reviewEvents';
import { healthRoutes } from './routes/health';
import { verificationEventRoutes, verificationRoutes } from './routes/verifications';
import { createMaterialsRouter } from './materials/router';
import { createDraftPresenter } from './materials/previews';
import { createLocalStorage } from './materials/storage';
import { createVerificationFormRenderer } from './documents/verificationFormPdf';
import { verificationFormRoutes } from './routes/verificationForm';
import { recognitionRoutes } from './routes/recognition';
import { createOcrEngine, type OcrEngine } from './ocr/engine';

export type { BffDeps, BffServices };

/** How often the photo retention sweep runs (an expired change's photos outlive it by at most this). */
const RETENTION_SWEEP_MS = 60 * 60 * 1000;

/** JSON bodies are small (a form patch); photos go through the materials router's own limits. */
const JSON_LIMIT_BYTES = 256 * 1024;

/**
 * The Koa app over the services. Every router mounts the contract's full paths (shared/contracts/bffRoutes.ts); order
 * matters: a router's own middleware runs only for its routes, and the routes above `authed` answer without a session.
 */
export function createApp(deps: BffDeps) {
  const { env, logger, redis } = deps;
  const services = createServices(deps);
  const { sessions, filings, changes, sms, checks, progress, submit, reviewEvents } = services;

  const app = new Koa<BffState>();
  // Trusted proxies are configured, not assumed (TRUST_PROXY_HOPS): with none, X-Forwarded-For is ignored and ctx.ip is
  // the socket's address; with N, it is the N-th address from the right. Login and SMS limits key on ctx.ip.
  app.proxy = env.TRUST_PROXY_HOPS > 0;
  app.maxIpsCount = env.TRUST_PROXY_HOPS;
  app.use(securityHeaders());
  app.use(requestContext(logger));
  app.use(errorHandler(logger));
  app.use(jsonBody({ limit: JSON_LIMIT_BYTES }));

  const api = new Router<BffState>();
  // A bearer token, when present, names the applicant; routes that need one refuse without it.
  const session = loadSession(services.sessionStore);
  const applicant = requireApplicant();
  api.use(session);
  // Unauthenticated: login, and the review system's callback (authenticated by its HMAC signature instead).
  const sessionRouter = sessionRoutes(sessions, env.DEMO_MODE, loginRateLimit(services.loginLimitStore, env.LOGIN_RATE_LIMIT_PER_MINUTE));
  const eventsRouter = reviewEventRoutes(reviewEvents);
  api.use(sessionRouter.routes());
  api.use(eventsRouter.routes());
  const verificationEventsRouter = verificationEventRoutes(services.verifications, (changeId) => services.changeStore.ownerOf(changeId));
  api.use(verificationEventsRouter.routes());
  // Materials: uploads check ctx.state.applicantId themselves; signed previews need no session (an <Image> sends none).
  const materialsRouter = createMaterialsRouter({
    loadEditableChange: (applicantId, changeId) => changes.loadEditableChange(applicantId, changeId),
    attachMaterial: (applicantId, changeId, slot, material) => changes.attachMaterial(applicantId, changeId, slot, material),
    storage: deps.materialStorage,
    signingSecret: env.MATERIALS_SECRET,
    publicBaseUrl: env.PUBLIC_BASE_URL,
    incomingDir: join(env.DATA_DIR, 'materials-incoming'),
    intake: { maxConcurrent: env.UPLOAD_MAX_CONCURRENT, stallTimeoutMs: env.UPLOAD_STALL_TIMEOUT_MS },
    onPhotoAccepted: (p) => services.recognitions.photoAccepted(p.applicantId, p.changeId, p.kind, p.subject, p.fileId, p.jpeg),
    logger,
  });
  api.use(materialsRouter.routes() as unknown as Koa.Middleware<BffState>);

  const authed = new Router<BffState>();
  authed.use(applicant);
  const filingRouter = filingRoutes(filings, checks);
  const changeDeps = { changes, sms, checks, submit, progress, present: createDraftPresenter(deps.materialStorage) };
  const changeRouter = changeRoutes(changeDeps);
  // Created here when not given, so a server without a CJK font stops at start-up instead of serving broken PDFs.
  const formRouter = verificationFormRoutes({ load: changes.load, renderer: deps.verificationForms ?? createVerificationFormRenderer(), now: deps.now ?? (() => new Date()) });
  authed.use(filingRouter.routes());
  const settingsRouter = settingsRoutes(services.notificationSettings);
  authed.use(settingsRouter.routes());
  authed.use(changeRouter.routes());
  authed.use(formRouter.routes());
  const verificationRouter = verificationRoutes(changes, services.verifications);
  authed.use(verificationRouter.routes());
  const recognitionRouter = recognitionRoutes(changes, services.recognitions);
  authed.use(recognitionRouter.routes());
  api.use(authed.routes());

  // The two requests a phone repeats (autosave while typing, the progress page's poll) skip the routers' per-request
  // matching and composing: the same chain the routers would run (session, applicant, the route's own middleware),
  // composed once (middleware/hotRoute.ts). Everything else, and any variant of these paths, goes on to the routers.
  app.use(hotRoute('PATCH', BFF_ROUTES.patchChange.path, [session, applicant, ...autosaveHandlers(changeDeps)]));
  app.use(hotRoute('GET', BFF_ROUTES.getProgress.path, [session, applicant, ...progressHandlers(changeDeps)]));
  const health = healthRoutes(redis, deps.reviewSystem);
  app.use(health.routes());
  app.use(api.routes());
  // One allowedMethods() for every route: a nested router's layers are copied into `api`, so api's matched layers
  // (ctx.matched) answer 405/501/OPTIONS for all of them. Nested ones would only add a no-op step to every request.
  app.use(api.allowedMethods());
  // The filed materials' images come from the review system (or where its answers say): the page may show them.
  app.use(staticFiles(env.STATIC_DIR, [...new Set([new URL(env.REVIEW_SYSTEM_URL).origin, ...env.CSP_IMAGE_ORIGINS])]));

  app.on('error', (err: Error) => logger.debug({ err }, 'koa error event'));

  return { app, services };
}

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
  // Once per process: its workers load the models now (in the background), not on the first photo.
  const ocr: OcrEngine | undefined = env.OCR_ENABLED ? createOcrEngine({ workers: env.OCR_WORKERS, timeoutMs: env.OCR_TIMEOUT_MS }) : undefined;

  const { app, services } = createApp({ env, logger, redis, reviewSystem, wechat, sms, mailer, queues, materialStorage, ocr, now: options.now });
  if (runWorkers) {
    queues.start({ relay: (job) => services.submit.relay(job), notify: (job) => services.notifications.deliver(job) });
  }
  const sweepers: NodeJS.Timeout[] = [];
  if (runWorkers) {
    // Relays a crash left unqueued: once now, then every minute.
    const sweep = () => services.submit.sweep().catch((err: unknown) => logger.warn({ err }, 'relay sweep failed'));
    void sweep();
    // Photos of expired, closed or replaced changes: once now, then every hour (PIPL retention, README).
    const retentionSweep = () => services.retention.sweep().catch((err: unknown) => logger.warn({ err }, 'retention sweep failed'));
    void retentionSweep();
    sweepers.push(
      setInterval(() => void sweep(), 60_000),
      setInterval(() => void retentionSweep(), RETENTION_SWEEP_MS),
    );
    for (const timer of sweepers) timer.unref();
  }
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(env.PORT, env.HOST, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  logger.info({ port, demo: env.DEMO_MODE, ocrWorkers: ocr ? env.OCR_WORKERS : 0 }, 'bff listening');
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    env,
    redis,
    services,
    queues,
    async close() {
      for (const timer of sweepers) clearInterval(timer);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      // After the server stopped taking uploads: reads still running are answered `closed` (their slots stay pending
      // until a later poll restarts them on a running instance).
      await ocr?.close();
      await queues.close();
      mailer.close();
      redis.disconnect();
    },
  };
}
