// Just enough MIME parsing for the mails nodemailer sends: headers (RFC 2047 words), multipart bodies, base64 / quoted-printable parts.

export interface ParsedMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
}

interface Part {
  headers: Map<string, string>;
  body: Buffer;
}

function splitHeadersAndBody(raw: Buffer): Part {
  const text = raw.toString('latin1');
  const match = /\r?\n\r?\n/.exec(text);
  const headerText = match ? text.slice(0, match.index) : text;
  const bodyStart = match ? match.index + match[0].length : text.length;
  const headers = new Map<string, string>();
  // unfold continuation lines, then split "Name: value"
  for (const line of headerText.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { headers, body: raw.subarray(Buffer.byteLength(text.slice(0, bodyStart), 'latin1')) };
}

function charsetOf(contentType: string): BufferEncoding {
  const charset = /charset="?([^";\s]+)"?/i.exec(contentType)?.[1]?.toLowerCase() ?? 'utf-8';
  return charset === 'us-ascii' || charset === 'iso-8859-1' || charset === 'latin1' ? 'latin1' : 'utf8';
}

function decodeQuotedPrintable(input: string): Buffer {
  const soft = input.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i += 1) {
    const ch = soft[i];
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(soft.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

/** Decode `=?UTF-8?B?...?=` / `=?UTF-8?Q?...?=` words; adjacent encoded words join without the space between them. */
export function decodeHeader(value: string): string {
  // headers were read as latin1: raw 8-bit (SMTPUTF8) headers are UTF-8 bytes
  const text = /[\x80-\xff]/.test(value) ? Buffer.from(value, 'latin1').toString('utf8') : value;
  return text.replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1').replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, charset: string, encoding: string, data: string) => {
    const bytes = encoding.toUpperCase() === 'B' ? Buffer.from(data, 'base64') : decodeQuotedPrintable(data.replace(/_/g, ' '));
    return bytes.toString(charsetOf(`charset=${charset}`));
  });
}

function decodeBody(part: Part): string {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const charset = charsetOf(part.headers.get('content-type') ?? '');
  const raw = part.body.toString('latin1');
  if (encoding === 'base64') return Buffer.from(raw.replace(/\s+/g, ''), 'base64').toString(charset);
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(raw).toString(charset);
  return part.body.toString(charset);
}

function collectLeaves(part: Part, leaves: Part[]): void {
  const contentType = part.headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!/^multipart\//i.test(contentType) || !boundary) {
    leaves.push(part);
    return;
  }
  const body = part.body.toString('latin1');
  const delimiter = `--${boundary}`;
  const sections = body.split(delimiter).slice(1);
  for (const section of sections) {
    if (section.startsWith('--')) break;
    const trimmed = section.replace(/^\r?\n/, '').replace(/\r?\n$/, '');
    collectLeaves(splitHeadersAndBody(Buffer.from(trimmed, 'latin1')), leaves);
  }
}

function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/p>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}

export function parseMail(raw: Buffer): ParsedMail {
  const root = splitHeadersAndBody(raw);
  const leaves: Part[] = [];
  collectLeaves(root, leaves);
  const isType = (p: Part, type: string) => (p.headers.get('content-type') ?? 'text/plain').toLowerCase().startsWith(type);
  const notAttachment = (p: Part) => !/attachment/i.test(p.headers.get('content-disposition') ?? '');
  const plain = leaves.find((p) => isType(p, 'text/plain') && notAttachment(p));
  const htmlPart = leaves.find((p) => isType(p, 'text/html') && notAttachment(p));
  const html = htmlPart ? decodeBody(htmlPart) : null;
  return {
    from: decodeHeader(root.headers.get('from') ?? ''),
    to: decodeHeader(root.headers.get('to') ?? ''),
    subject: decodeHeader(root.headers.get('subject') ?? ''),
    text: plain ? decodeBody(plain).replace(/\r\n/g, '\n').trimEnd() : html ? htmlToText(html) : '',
    html,
  };
}
