// Routes of the materials resource: photo upload into a change's slot, and the signed preview of a processed photo.
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import Router, { type RouterContext } from '@koa/router';
import busboy from 'busboy';
import { materialUploadResponse } from '../../../shared/contracts/api';
import { BFF_ROUTES } from '../../../shared/contracts/bffRoutes';
import { materialSlot, type ChangeDraft, type MaterialSlot, type ReplacedMaterial } from '../../../shared/domain/change';
import { materialSubject, type MaterialKind, type MaterialSubject } from '../../../shared/domain/filing';
import { noPhotoReceived, notFound, notMultipart, payloadTooLarge, previewLinkRefused, unauthenticated, uploadAborted, uploadIncomplete, validationFailed, type AppError } from '../errors';
import { zodFields } from '../middleware/validate';
import { PHOTO_LIMITS, PHOTO_MESSAGES, processPhoto } from './pipeline';
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

/** Reads the multipart body: field `file` (one, capped), plus small text fields. Never writes to disk. */
function readUpload(req: Readable, headers: IncomingHttpHeaders): Promise<{ file: Buffer | null; fields: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers,
        limits: { fileSize: PHOTO_LIMITS.maxUploadBytes, files: 1, fields: 8, fieldSize: 1024, parts: 10 },
      });
    } catch {
      reject(notMultipart());
      return;
    }
    const fields: Record<string, string> = {};
    let chunks: Buffer[] | null = null;
    let settled = false;
    const fail = (error: AppError) => {
      if (settled) return;
      settled = true;
      // Stop parsing but keep draining the socket, so the client reads our answer instead of a reset connection.
      req.unpipe(parser);
      req.resume();
      reject(error);
    };
    parser.on('file', (name, stream) => {
      if (name !== 'file' || chunks) {
        stream.resume();
        return;
      }
      const received: Buffer[] = [];
      chunks = received;
      stream.on('data', (chunk: Buffer) => received.push(chunk));
      stream.on('limit', () => fail(tooLarge()));
    });
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('error', () => fail(uploadIncomplete()));
    parser.on('close', () => {
      if (settled) return;
      settled = true;
      resolve({ file: chunks ? Buffer.concat(chunks) : null, fields });
    });
    req.on('aborted', () => fail(uploadAborted()));
    req.pipe(parser);
  });
}

export function createMaterialsRouter(deps: MaterialsRouterDeps): Router<MaterialsState> {
  assertStorageSignsForUs(deps);
  const router = new Router<MaterialsState>();

  // PUT is the contract; POST is the same handler because wx.uploadFile (Taro.uploadFile) can only send POST.
  router.put(BFF_ROUTES.uploadMaterial.path, uploadMaterial);
  router.post(BFF_ROUTES.uploadMaterialPost.path, uploadMaterial);

  async function uploadMaterial(ctx: RouterContext<MaterialsState>): Promise<void> {
    const applicantId = ctx.state.applicantId;
    if (!applicantId) throw unauthenticated();
    const { id: changeId, kind } = uploadParams(ctx.params);
    const querySubject = typeof ctx.query.subject === 'string' ? ctx.query.subject : undefined;
    // Everything that can be refused without the photo is refused before reading up to 10 MB.
    if (querySubject !== undefined) parseSubject(kind, querySubject);
    const declaredLength = Number(ctx.get('content-length'));
    if (declaredLength > PHOTO_LIMITS.maxUploadBytes + MULTIPART_OVERHEAD_BYTES) {
      ctx.set('Connection', 'close');
      throw tooLarge();
    }
    if (!ctx.is('multipart')) throw notMultipart();
    await deps.loadEditableChange(applicantId, changeId);

    const upload = await readUpload(ctx.req, ctx.req.headers);
    if (!upload.file || upload.file.length === 0) {
      throw noPhotoReceived();
    }
    const subject = parseSubject(kind, querySubject ?? upload.fields.subject);

    const photo = await processPhoto(upload.file);
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
    ctx.status = 200;
    ctx.body = materialUploadResponse.parse({
      slot,
      width: photo.width,
      height: photo.height,
      bytes: photo.bytes,
      previewUrl: deps.storage.signedUrl(fileId, PREVIEW_TTL_SECONDS),
      warnings: photo.warnings,
    });
  }

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
