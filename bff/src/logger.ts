// JSON logs (pino) built from known fields only: every field the BFF logs is declared below with what it may hold; any
// other field is dropped (its name kept in `dropped`), so an ID number or phone cannot ride in on an object nobody
// thought of. Free text (messages, error text, an unmatched path) is masked. No redaction pass over arbitrary objects.
import pino, { type Logger } from 'pino';

/** How a field's value is written. */
type FieldKind =
  /** Identifiers, codes and names we mint or choose (request id, change id, status): kept when they look like one. */
  | 'id'
  /** Finite numbers (durations, counts, HTTP status, port). */
  | 'number'
  | 'boolean'
  /** Free text: masked (ID numbers, phones), cut to 500 characters. */
  | 'text'
  /** An Error: its type, code, message and stack (masked) — never its other properties (ioredis puts the command's arguments there). */
  | 'error'
  /** An upstream error body: only its `code`. */
  | 'upstreamCode';

/**
 * The fields a BFF log line may carry. To log something new, add it here with the kind that keeps it safe; a field that
 * is not listed shows up only by name, in `dropped`.
 */
export const LOG_FIELDS: Readonly<Record<string, FieldKind>> = {
  service: 'id',
  requestId: 'id',
  applicantId: 'id',
  changeId: 'id',
  eventId: 'id',
  jobId: 'id',
  reviewSubmissionId: 'id',
  submissionNo: 'number',
  sequence: 'number',
  type: 'id',
  method: 'id',
  route: 'id',
  path: 'text',
  status: 'id',
  from: 'id',
  to: 'id',
  outcome: 'id',
  errorCode: 'id',
  queue: 'id',
  role: 'id',
  connection: 'id',
  attemptsMade: 'number',
  ms: 'number',
  port: 'number',
  demo: 'boolean',
  err: 'error',
  upstream: 'upstreamCode',
  fileId: 'id',
  files: 'number',
  reason: 'id',
  detail: 'text',
  alert: 'id',
  perMinute: 'number',
};

const ID_LIKE = /^[\w.:@/{}-]{1,128}$/;
const TEXT_LIMIT = 500;

const maskedDigits = (digits: string, keepStart: number, keepEnd: number) =>
  `${digits.slice(0, keepStart)}${'*'.repeat(Math.max(0, digits.length - keepStart - keepEnd))}${digits.slice(-keepEnd)}`;

/** An 18-character resident ID, possibly grouped 6-8-4 with spaces or dashes, not inside a longer run of digits/letters. */
const RESIDENT_ID_IN_TEXT = /(?<![\dA-Za-z])[1-9]\d{5}[\s-]?\d{8}[\s-]?\d{3}[\dXx](?![\dA-Za-z])/g;
/** A mainland mobile, possibly after +86 / 0086 / 86 and grouped 3-4-4 with spaces or dashes, not inside a longer number. */
const MOBILE_IN_TEXT = /(?<!\d)(?:(?:\+|00)?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)/g;

const ANY_DIGIT = /[\d０-９]/;

/**
 * Masks any resident ID or mobile inside free text (error messages, paths): full-width digits and percent-encoding
 * are undone first, so `１３７…` or `%2B86137…` are caught too.
 */
export function maskText(text: string): string {
  // Most text (every constant message) has no digit at all.
  if (!ANY_DIGIT.test(text)) return text;
  let readable = text;
  if (readable.includes('%')) {
    try {
      readable = decodeURIComponent(readable);
    } catch {
      // Not decodable: masked as it is.
    }
  }
  readable = readable.normalize('NFKC');
  return readable
    .replace(RESIDENT_ID_IN_TEXT, (m) => maskedDigits(m.replace(/[\s-]/g, '').toUpperCase(), 4, 4))
    .replace(MOBILE_IN_TEXT, (m) => maskedDigits(m.replace(/\D/g, '').slice(-11), 3, 4));
}

const cut = (text: string) => (text.length > TEXT_LIMIT ? `${text.slice(0, TEXT_LIMIT)}…` : text);

function errorFields(value: unknown): Record<string, string> | string {
  if (!(value instanceof Error)) return cut(maskText(String(value)));
  const code = (value as { code?: unknown }).code;
  return {
    type: value.name,
    message: cut(maskText(value.message)),
    ...(typeof code === 'string' && ID_LIKE.test(code) ? { code } : {}),
    ...(value.stack ? { stack: maskText(value.stack) } : {}),
  };
}

function fieldValue(kind: FieldKind, value: unknown): unknown {
  switch (kind) {
    case 'id':
      return typeof value === 'string' ? (ID_LIKE.test(value) ? value : '[not an id]') : typeof value === 'number' ? value : undefined;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'text':
      return typeof value === 'string' ? cut(maskText(value)) : undefined;
    case 'error':
      return errorFields(value);
    case 'upstreamCode': {
      const code = value && typeof value === 'object' ? (value as { code?: unknown }).code : undefined;
      return typeof code === 'string' && ID_LIKE.test(code) ? { code } : undefined;
    }
  }
}

/** The line's object as it is written: known fields in their safe form, the names of the others in `dropped`. */
export function safeFields(object: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let dropped: string[] | undefined;
  for (const key in object) {
    const value = object[key];
    if (value === undefined) continue;
    const kind = LOG_FIELDS[key];
    const safe = kind ? fieldValue(kind, value) : undefined;
    if (safe !== undefined) out[key] = safe;
    else (dropped ??= []).push(ID_LIKE.test(key) ? key : '[field]');
  }
  if (dropped) out.dropped = dropped;
  return out;
}

/** stdout, written in batches of 4 KB (a line per request would be a write each), and at least every second. */
function batchedStdout(): pino.DestinationStream {
  const stream = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  // pino flushes it on exit and after a fatal line; a SIGKILL loses at most the last second's lines.
  setInterval(() => stream.flush(), 1000).unref();
  return stream;
}

export function createLogger(level: string, destination: pino.DestinationStream = batchedStdout()): Logger {
  const logger = pino(
    {
      level,
      base: { service: 'bff' },
      formatters: { log: safeFields },
      // `err` is already in its safe form (safeFields); pino's own err serializer would copy every property again.
      serializers: { err: (err: unknown) => err },
      hooks: {
        logMethod(args, method) {
          // Free-text messages may carry a phone or ID typed by the applicant.
          const masked = args.map((a) => (typeof a === 'string' ? maskText(a) : a)) as Parameters<typeof method>;
          method.apply(this, masked);
        },
      },
    },
    destination,
  );
  // A child's bindings pass the same list (pino does not run them through formatters.log). Inherited by every child.
  const proto = Object.getPrototypeOf(logger) as { child: Logger['child'] };
  const pinoChild = proto.child;
  logger.child = function safeChild(this: Logger, bindings, options) {
    return pinoChild.call(this, safeFields(bindings), options);
  } as Logger['child'];
  return logger;
}
