// Shared steps of the security, fault and cluster tests: a change ready to submit, signed review callbacks, raw HTTP.
import http from 'node:http';
import { signedHeaders } from '../../../shared/contracts/signature';
import type { ProgressEvent } from '../../../shared/contracts/reviewSystem';
import { documentPhotoJpeg } from '../../src/materials/sampleImages';
import { APPLICANTS, CALLBACK_SECRET, type Client, type HttpResult } from '../harness';

let formPhoto: Buffer | null = null;

/** The verification form photo every change needs (made once per test file: sharp is not free). */
export async function verificationFormPhoto(): Promise<Buffer> {
  formPhoto ??= await documentPhotoJpeg({ width: 2400, height: 1800, shape: 'a4', noise: 6 });
  return formPhoto;
}

/** A change of the yunqi main website's name with the verification form uploaded: ready except for the agreement. */
export async function readyChange(client: Client, name = '云栖科技官方网站'): Promise<string> {
  const created = await client.post('/api/changes', { filingId: APPLICANTS.yunqi.filingId, websiteId: APPLICANTS.yunqi.websiteId });
  if (created.status !== 201 && created.status !== 200) throw new Error(`create: HTTP ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  const patched = await client.patch(`/api/changes/${id}`, { form: { name } }, { 'if-match': created.headers.get('etag') ?? '' });
  if (patched.status !== 200) throw new Error(`patch: HTTP ${patched.status} ${JSON.stringify(patched.body)}`);
  const upload = await client.upload(`/api/changes/${id}/materials/verification_form`, await verificationFormPhoto(), { subject: 'website' });
  if (upload.status !== 200) throw new Error(`upload: HTTP ${upload.status} ${JSON.stringify(upload.body)}`);
  return id;
}

/** A progress event as the review system would send it. */
export function progressEvent(changeId: string, submissionId: string, sequence: number, type: ProgressEvent['type'], extra: Partial<ProgressEvent> = {}): ProgressEvent {
  return {
    eventId: `${submissionId}-e${sequence}`,
    submissionId,
    changeId,
    type,
    at: new Date().toISOString(),
    sequence,
    ...extra,
  };
}

/** POSTs a callback body signed with the test secret (or `headers` to forge one). */
export async function postCallback(baseUrl: string, rawBody: string, headers: Record<string, string> = signedHeaders(CALLBACK_SECRET, rawBody)): Promise<HttpResult> {
  const res = await fetch(`${baseUrl}/api/review-events`, { method: 'POST', headers, body: rawBody });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, headers: res.headers, body };
}

/** A raw HTTP request (fetch refuses oversized headers itself, so those go through node:http). */
export function rawRequest(baseUrl: string, options: { method: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<{ status: number; body: string }> {
  const url = new URL(options.path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { hostname: url.hostname, port: url.port, path: url.pathname + url.search, method: options.method, headers: options.headers, maxHeaderSize: 1024 * 1024 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}
