// Routes of the materials resource: photo upload into a change's slot, and the signed preview of a processed photo.
import Router, { type RouterContext } from '@koa/router';
import { materialUploadResponse } from '../../../shared/contracts/api';
import { BFF_ROUTES } from '../../../shared/contracts/bffRoutes';
import { materialSlot, type ChangeDraft, type MaterialSlot, type ReplacedMaterial } from '../../../shared/domain/change';
import { materialSubject, type MaterialKind, type MaterialSubject } from '../../../shared/domain/filing';
import { noPhotoReceived, notFound, notMultipart, payloadTooLarge, previewLinkRefused, unauthenticated, validationFailed } from '../errors';
import { zodFields } from '../middleware/validate';
import { createExamplePhotos, EXAMPLE_CACHE_SECONDS, type ExamplePhotos } from './examples';
import { createUploadIntake, UPLOAD_INTAKE_DEFAULTS, type ReceivedFile, type UploadIntakeOptions } from './intake';
import { PHOTO_LIMITS, PHOTO_MESSAGES, processPhoto, type ProcessedPhoto } from './pipeline';
import { checkPreviewSignature, PREVIEW_PATH_PREFIX, PREVIEW_TTL_SECONDS } from './signing';
import type { MaterialStorage } from './storage';

/** Whose document each kind can be (data, not code: a province may add kinds). */
export const SUBJECTS_BY_KIND: Readonly<Record<MaterialKind, readonly MaterialSubject[]>> = {
  id_front: ['website_principal', 'entity_principal'],
  id_back: ['website_principal', 'entity_principal'],
  verification_form: ['website'],
  authorization_letter: ['website_principal', 'entity_principal'],
  change_letter: ['website'],
  pre_approval: ['website'],
  other: ['website', 'website_principal', 'entity_principal'],
};

const SUBJECT_HINT: Record<MaterialSubject, string> = {
  website_principal: '网站负责人',
  entity_principal: '主体负责人',
  website: '网站',
};

export interface MaterialsRouterDeps {
  /** Throws AppError 404 (no such change for this applicant) or 409 (not editable now). */
  loadEditableChange(applicantId: string, changeId: string): Promise<ChangeDraft>;
  attachMaterial(applicantId: string, changeId: string, slot: MaterialSlot, material: ReplacedMaterial): Promise<{ previous: ReplacedMaterial | null; draft: ChangeDraft }>;
  storage: MaterialStorage;
  /** Verifies preview links served by this router (the local storage must sign with the same secret). */
  signingSecret: string;
  publicBaseUrl?: string;
  /** Where uploads are streamed to before processing (on disk; the router creates it owner-only). */
  incomingDir: string;
  /** Concurrency cap, stall deadline, drain cap (defaults: UPLOAD_INTAKE_DEFAULTS). */
  intake?: Partial<Omit<UploadIntakeOptions, 'dir' | 'maxFileBytes'>>;
  /** The example photos per kind (default: the committed ones in bff/assets/material-examples). */
  examples?: ExamplePhotos;
  /** Called once a photo is stored and attached (OCR starts here); not awaited beyond its own start, never fails the upload. */
  onPhotoAccepted?(accepted: { applicantId: string; changeId: string; kind: MaterialKind; subject: MaterialSubject; fileId: string; jpeg: Buffer }): Promise<void>;
  /** pino-compatible; only used for clean-up failures that must not fail the upload. */
  logger?: { warn(details: object, message: string): void };
}

export interface MaterialsState {
  applicantId?: string;
}

/** Multipart overhead allowed on top of the file itself before the request is refused without reading it. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

const tooLarge = () => payloadTooLarge(PHOTO_MESSAGES.tooLarge);

/** The upload's path parameters by the contract: a kind off the list is a 422 naming it; an id that cannot exist names no change (404). */
function uploadParams(params: Record<string, string>): { id: string; kind: MaterialKind } {
  const parsed = BFF_ROUTES.uploadMaterial.params.safeParse(params);
  if (parsed.success) return parsed.data;
  const fields = zodFields(parsed.error).filter((f) => f.path !== 'id');
  throw fields.length > 0 ? validationFailed(fields) : notFound('变更');
}

function parseSubject(kind: MaterialKind, value: unknown): MaterialSubject {
  const allowed = SUBJECTS_BY_KIND[kind];
  const parsed = materialSubject.safeParse(value);
  if (!parsed.success || !allowed.includes(parsed.data)) {
    const names = allowed.map((s) => `${SUBJECT_HINT[s]}（${s}）`).join('或');
    throw validationFailed([{ path: 'subject', message: `请指明这份材料属于谁：应为${names}` }], `材料归属（subject）不正确，应为${names}`);
  }
  return parsed.data;
}

export function createMaterialsRouter(deps: MaterialsRouterDeps): Router<MaterialsState> {
  assertStorageSignsForUs(deps);
  const intakeOptions: UploadIntakeOptions = { ...UPLOAD_INTAKE_DEFAULTS, ...deps.intake, dir: deps.incomingDir, maxFileBytes: PHOTO_LIMITS.maxUploadBytes };
  const intake = createUploadIntake(intakeOptions);
  // Temp files a crashed process left behind (ID photos: kept no longer than needed).
  void intake.sweep().catch((error: unknown) => deps.logger?.warn({ err: error }, 'materials: could not sweep old upload temp files'));
  const examples = deps.examples ?? createExamplePhotos();
  const router = new Router<MaterialsState>();

  // PUT is the contract; POST is the same handler because wx.uploadFile (Taro.uploadFile) can only send POST.
  router.put(BFF_ROUTES.uploadMaterial.path, uploadMaterial);
  router.post(BFF_ROUTES.uploadMaterialPost.path, uploadMaterial);

  async function uploadMaterial(ctx: RouterContext<MaterialsState>): Promise<void> {
    try {
      await receiveAndAttach(ctx);
    } catch (error) {
      // Whatever refused it, the client may still be sending: answer once it has stopped, or it may never read the
      // answer (a socket closed with unread data is reset, and Node's fetch or a browser then lose what we sent).
      if (ctx.response.get('Connection') !== 'close') await intake.drain(ctx.req);
      throw error;
    }
  }

  async function receiveAndAttach(ctx: RouterContext<MaterialsState>): Promise<void> {
    const applicantId = ctx.state.applicantId;
    if (!applicantId) throw unauthenticated();
    const { id: changeId, kind } = uploadParams(ctx.params);
    const querySubject = typeof ctx.query.subject === 'string' ? ctx.query.subject : undefined;
    // Everything that can be refused without the photo is refused before reading up to 10 MB.
    if (querySubject !== undefined) parseSubject(kind, querySubject);
    const declaredLength = Number(ctx.get('content-length'));
    if (declaredLength > PHOTO_LIMITS.maxUploadBytes + MULTIPART_OVERHEAD_BYTES) {
      // Beyond the drain cap reading the rest is not worth it: answer at once and close (that client may see a reset).
      if (declaredLength > intakeOptions.drainCapBytes) ctx.set('Connection', 'close');
      throw tooLarge();
    }
    if (!ctx.is('multipart')) throw notMultipart();
    await deps.loadEditableChange(applicantId, changeId);

    const release = intake.claim();
    let file: ReceivedFile | null = null;
    try {
      const upload = await intake.receive(ctx.req);
      file = upload.file;
      if (!file || file.bytes === 0) throw noPhotoReceived();
      const subject = parseSubject(kind, querySubject ?? upload.fields.subject);
      const photo = await processPhoto(file);
      // The photo is in memory as a ≤ 2 MB JPEG now: the upload's temp file can go before the storage write.
      await intake.discard(file);
      file = null;
      ctx.body = await attach(applicantId, changeId, kind, subject, photo);
      ctx.status = 200;
    } finally {
      await intake.discard(file);
      release();
    }
  }

  async function attach(applicantId: string, changeId: string, kind: MaterialKind, subject: MaterialSubject, photo: ProcessedPhoto) {
    const { fileId } = await deps.storage.put(photo.jpeg, { contentType: 'image/jpeg', sha256: photo.sha256 });
    const slot = materialSlot(subject, kind);
    const material: ReplacedMaterial = {
      kind,
      subject,
      fileId,
      width: photo.width,
      height: photo.height,
      bytes: photo.bytes,
      sha256: photo.sha256,
      uploadedAt: new Date().toISOString(),
    };
    let previous: ReplacedMaterial | null;
    try {
      ({ previous } = await deps.attachMaterial(applicantId, changeId, slot, material));
    } catch (error) {
      // The draft did not take it (e.g. it was submitted meanwhile): the stored file would be an orphan.
      await deps.storage.delete(fileId).catch(() => undefined);
      throw error;
    }
    if (previous && previous.fileId !== fileId) {
      await deps.storage.delete(previous.fileId).catch((error: unknown) => {
        deps.logger?.warn({ err: error, fileId: previous?.fileId }, 'materials: could not delete the replaced photo');
      });
    }
    await deps.onPhotoAccepted?.({ applicantId, changeId, kind, subject, fileId, jpeg: photo.jpeg }).catch((error: unknown) => {
      deps.logger?.warn({ err: error, changeId, kind }, 'materials: could not start reading the photo');
    });
    return materialUploadResponse.parse({
      slot,
      width: photo.width,
      height: photo.height,
      bytes: photo.bytes,
      previewUrl: deps.storage.signedUrl(fileId, PREVIEW_TTL_SECONDS),
      warnings: photo.warnings,
    });
  }

  // Public samples of a good photo per kind (no personal data): cacheable by the phone and any proxy.
  router.get(BFF_ROUTES.materialExample.path, async (ctx) => {
    const params = BFF_ROUTES.materialExample.params.safeParse(ctx.params);
    if (!params.success) throw notFound('示例照片');
    const jpeg = await examples.read(params.data.kind);
    ctx.set('Cache-Control', `public, max-age=${EXAMPLE_CACHE_SECONDS}`);
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.type = 'image/jpeg';
    ctx.body = jpeg;
  });

  // No bearer token here (an <Image> cannot send one): the HMAC signature and its expiry are the credential.
  router.get(BFF_ROUTES.materialPreview.path, async (ctx) => {
    const route = BFF_ROUTES.materialPreview;
    const params = route.params.safeParse(ctx.params);
    const query = route.query.safeParse(ctx.query);
    const check = params.success && query.success ? checkPreviewSignature(params.data.fileId, query.data.exp, query.data.sig, deps.signingSecret) : 'invalid';
    if (check !== 'ok') throw previewLinkRefused(check === 'expired');
    const { fileId } = ctx.params;
    const jpeg = await deps.storage.read(fileId);
    ctx.set('Cache-Control', 'private, no-store');
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.type = 'image/jpeg';
    ctx.body = jpeg;
  });

  return router;
}

/**
 * Start-up check: when the storage's preview URLs point at this router, they must verify with our secret, or
 * every preview would answer 403. Object stores (COS) sign their own URLs and are not checked.
 */
function assertStorageSignsForUs(deps: MaterialsRouterDeps): void {
  const probeId = '0'.repeat(32);
  const url = new URL(deps.storage.signedUrl(probeId, 60), 'http://probe.invalid');
  if (url.pathname !== `${PREVIEW_PATH_PREFIX}${probeId}`) return;
  const check = checkPreviewSignature(probeId, url.searchParams.get('exp') ?? undefined, url.searchParams.get('sig') ?? undefined, deps.signingSecret);
  if (check !== 'ok') {
    throw new Error('createMaterialsRouter: the storage signs preview URLs with another secret; give createLocalStorage the same signingSecret');
  }
}
