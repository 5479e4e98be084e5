// Takes a photo upload off the wire: streamed to a temp file (never held in memory), a deadline on stalled uploads, a
// per-instance cap on concurrent uploads, and refusals every client can read (the rest of a refused body is drained).
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { notMultipart, payloadTooLarge, uploadAborted, uploadIncomplete, uploadsBusy, uploadStalled, type AppError } from '../errors';
import { PHOTO_MESSAGES } from './pipeline';

export interface UploadIntakeOptions {
  /** Folder of the temp files (created owner-only); on a disk, not tmpfs: the point is to keep photos out of memory. */
  dir: string;
  /** Uploads this instance receives and processes at once; one more is answered 503 + Retry-After before it is read. */
  maxConcurrent: number;
  /** An upload that sends nothing for this long is dropped and its temp file deleted. */
  stallTimeoutMs: number;
  /** Largest photo accepted (bytes of the `file` part). */
  maxFileBytes: number;
  /**
   * A refused upload's remaining body is read and thrown away up to this many bytes (in total), so the client sees our
   * answer instead of a reset connection (closing a socket with unread data makes the kernel send RST, and Node's fetch
   * and browsers then lose the answer). Beyond it the connection is closed: a client sending that much gets no courtesy.
   */
  drainCapBytes: number;
  /** Retry-After of the 503 when every slot is taken. */
  busyRetryAfterSeconds: number;
}

export const UPLOAD_INTAKE_DEFAULTS = {
  /**
   * A phone on a weak network keeps an upload open for tens of seconds while the photo itself is processed one at a
   * time (pipeline.ts); 24 open uploads cost a socket and a temp file each, and a place in the pipeline's queue.
   */
  maxConcurrent: 24,
  stallTimeoutMs: 60_000,
  drainCapBytes: 32 * 1024 * 1024,
  busyRetryAfterSeconds: 5,
} as const;

/** Temp files older than this are left-overs of a crashed process (a live upload is deleted within a few minutes). */
const STALE_TEMP_MS = 60 * 60 * 1000;
const TEMP_SUFFIX = '.part';

export interface ReceivedFile {
  /** The temp file holding the photo's bytes; delete it with `discard()` once processed. */
  path: string;
  bytes: number;
}

export interface ReceivedUpload {
  file: ReceivedFile | null;
  fields: Record<string, string>;
}

export interface UploadIntake {
  /** Uploads holding a slot now (received or being processed). */
  readonly active: number;
  /** Takes a slot (release it once the photo is processed), or throws 503 + Retry-After when all are taken. */
  claim(): () => void;
  /** Reads the multipart body: field `file` (one, capped, to a temp file) plus small text fields. */
  receive(req: IncomingMessage): Promise<ReceivedUpload>;
  /**
   * After a refusal: read and discard the rest of the body (up to the cap, while it keeps coming), resolving once the
   * client has stopped sending — only then is the answer sent, so every client reads it (see drainCapBytes).
   */
  drain(req: IncomingMessage): Promise<void>;
  discard(file: ReceivedFile | null): Promise<void>;
  /** Deletes temp files a crash left behind (older than an hour: another instance may share the folder). */
  sweep(): Promise<number>;
}

/** Bytes of the request body read so far, across receive() and drain(). */
const bodyBytes = new WeakMap<IncomingMessage, number>();
const addBodyBytes = (req: IncomingMessage, n: number) => bodyBytes.set(req, (bodyBytes.get(req) ?? 0) + n);

export function createUploadIntake(options: UploadIntakeOptions): UploadIntake {
  let active = 0;
  let ready: Promise<unknown> | null = null;
  const ensureDir = () => (ready ??= mkdir(options.dir, { recursive: true, mode: 0o700 }));

  async function removeQuietly(path: string): Promise<void> {
    await rm(path, { force: true }).catch(() => undefined);
  }

  async function receive(req: IncomingMessage): Promise<ReceivedUpload> {
    await ensureDir();
    return new Promise((resolve, reject) => {
      let parser: busboy.Busboy;
      try {
        parser = busboy({ headers: req.headers, limits: { fileSize: options.maxFileBytes, files: 1, fields: 8, fieldSize: 1024, parts: 10 } });
      } catch {
        reject(notMultipart());
        return;
      }
      const fields: Record<string, string> = {};
      let file: ReceivedFile | null = null;
      let fileStream: (NodeJS.ReadableStream & { destroy(): void }) | null = null;
      let written: Promise<void> | null = null;
      let settled = false;
      let stallTimer: NodeJS.Timeout | undefined;

      const cleanup = () => {
        clearTimeout(stallTimer);
        req.off('data', onData);
        req.off('aborted', onAborted);
        req.off('close', onClose);
      };
      const fail = (error: AppError, options: { destroy?: boolean } = {}) => {
        if (settled) return;
        settled = true;
        cleanup();
        req.unpipe(parser);
        if (options.destroy) req.destroy();
        // Ends the write stream (the parser gets no more bytes, so the part would never end by itself), then deletes it
        // before answering: once the client has its refusal, no byte of that photo is left on disk.
        fileStream?.destroy();
        const path = file?.path;
        void (written ?? Promise.resolve())
          .catch(() => undefined)
          .then(() => (path ? removeQuietly(path) : undefined))
          .then(() => reject(error));
      };
      const armStall = () => {
        clearTimeout(stallTimer);
        // A client that stopped sending will not read an answer either: drop the connection and the temp file.
        stallTimer = setTimeout(() => fail(uploadStalled(), { destroy: true }), options.stallTimeoutMs);
        stallTimer.unref();
      };
      const onData = (chunk: Buffer) => {
        addBodyBytes(req, chunk.length);
        armStall();
      };
      const onAborted = () => fail(uploadAborted());
      const onClose = () => {
        if (!req.complete) fail(uploadAborted());
      };

      parser.on('file', (name, stream) => {
        if (name !== 'file' || file) {
          stream.resume();
          return;
        }
        const path = join(options.dir, `${randomBytes(16).toString('hex')}${TEMP_SUFFIX}`);
        const received: ReceivedFile = { path, bytes: 0 };
        file = received;
        fileStream = stream;
        stream.on('data', (chunk: Buffer) => {
          received.bytes += chunk.length;
        });
        stream.on('limit', () => fail(payloadTooLarge(PHOTO_MESSAGES.tooLarge)));
        written = pipeline(stream, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
        written.catch(() => fail(uploadIncomplete()));
      });
      parser.on('field', (name, value) => {
        fields[name] = value;
      });
      parser.on('error', () => fail(uploadIncomplete()));
      parser.on('close', () => {
        if (settled) return;
        // Busboy is done with the body; the file is complete once its write stream has flushed.
        void (written ?? Promise.resolve()).then(
          () => {
            if (settled) return;
            settled = true;
            cleanup();
            resolve({ file, fields });
          },
          () => fail(uploadIncomplete()),
        );
      });
      req.on('data', onData);
      req.on('aborted', onAborted);
      req.on('close', onClose);
      armStall();
      req.pipe(parser);
    });
  }

  function drain(req: IncomingMessage): Promise<void> {
    if (req.complete || req.destroyed) return Promise.resolve();
    req.unpipe();
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = () => {
        clearTimeout(timer);
        req.off('data', onData);
        resolve();
      };
      const stop = () => {
        req.destroy();
        finish();
      };
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(stop, options.stallTimeoutMs);
        timer.unref();
      };
      const onData = (chunk: Buffer) => {
        addBodyBytes(req, chunk.length);
        if ((bodyBytes.get(req) ?? 0) > options.drainCapBytes) stop();
        else arm();
      };
      req.on('data', onData);
      req.once('end', finish);
      req.once('close', finish);
      arm();
      req.resume();
    });
  }

  return {
    get active() {
      return active;
    },
    claim() {
      if (active >= options.maxConcurrent) throw uploadsBusy(options.busyRetryAfterSeconds);
      active += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        active -= 1;
      };
    },
    receive,
    drain,
    async discard(file) {
      if (file) await removeQuietly(file.path);
    },
    async sweep() {
      await ensureDir();
      let removed = 0;
      for (const name of await readdir(options.dir)) {
        if (!name.endsWith(TEMP_SUFFIX)) continue;
        const path = join(options.dir, name);
        const info = await stat(path).catch(() => null);
        if (info && Date.now() - info.mtimeMs > STALE_TEMP_MS) {
          await removeQuietly(path);
          removed += 1;
        }
      }
      return removed;
    },
  };
}
