// JSON logs (pino) with ID numbers, phones and secrets masked, whatever object they appear in.
import pino, { type Logger } from 'pino';
import { maskMobile } from '../../shared/validators/contact';
import { maskResidentId } from '../../shared/validators/identity';

const SECRET_KEYS = ['authorization', 'token', 'sessionKey', 'session_key', 'code', 'secret', 'dataBase64'];
const ID_KEYS = ['idNumber'];
const PHONE_KEYS = ['mobile', 'phone'];

/** Paths at depths 0–4 (pino redact needs explicit paths; wildcards cover one level each). */
function pathsFor(keys: string[]): string[] {
  const out: string[] = [];
  for (const k of keys) {
    out.push(k, `*.${k}`, `*.*.${k}`, `*.*.*.${k}`, `*.*.*.*.${k}`);
  }
  return out;
}

function censor(value: unknown, path: string[]): unknown {
  const key = path[path.length - 1];
  if (typeof value !== 'string') return value === undefined ? value : '[redacted]';
  if (ID_KEYS.includes(key)) return maskResidentId(value);
  if (PHONE_KEYS.includes(key)) return maskMobile(value);
  return '[redacted]';
}

/** Masks any 18-char resident ID or 11-digit mobile inside free text (error messages, URLs). */
export function maskText(text: string): string {
  return text.replace(/\b[1-9]\d{16}[\dXx]\b/g, (m) => maskResidentId(m.toUpperCase())).replace(/(?<!\d)1[3-9]\d{9}(?!\d)/g, (m) => maskMobile(m));
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'bff' },
      redact: { paths: pathsFor([...SECRET_KEYS, ...ID_KEYS, ...PHONE_KEYS]), censor },
      serializers: {
        err: (err: Error) => {
          const out = pino.stdSerializers.err(err);
          return { ...out, message: maskText(out.message), stack: out.stack ? maskText(out.stack) : out.stack };
        },
        msg: (m: unknown) => (typeof m === 'string' ? maskText(m) : m),
      },
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
}
