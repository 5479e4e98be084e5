// Shared steps of the security, fault and cluster tests: a change ready to submit, signed review callbacks, raw HTTP.
import http from 'node:http';
import { signedHeaders } from '../../../shared/contracts/signature';
import type { ProgressEvent } from '../../../shared/contracts/reviewSystem';
import { createBffClient, type BffResult, type RawAnswer } from '../../../testing/bffClient';
import { documentPhotoJpeg } from '../../src/materials/sampleImages';
import { APPLICANTS, CALLBACK_SECRET, newChange, type Client } from '../harness';

let formPhoto: Buffer | null = null;

/** The verification form photo every change needs (made once per test file: sharp is not free). */
export async function verificationFormPhoto(): Promise<Buffer> {
  formPhoto ??= await documentPhotoJpeg({ width: 2400, height: 1800, shape: 'a4', noise: 6 });
  return formPhoto;
}

/** A change of the yunqi main website's name with the verification form uploaded: ready except for the agreement. */
export async function readyChange(client: Client, name = '云栖科技官方网站'): Promise<string> {
  const created = await client.ok('createChange', { body: newChange(APPLICANTS.yunqi) });
  const id = created.body.id;
  await client.ok('patchChange', { params: { id }, body: { form: { name } }, headers: { 'if-match': created.headers.get('etag') ?? '' } });
  await client.ok('uploadMaterial', { params: { id, kind: 'verification_form' }, body: { subject: 'website' }, file: await verificationFormPhoto() });
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

/** POSTs a callback signed with the test secret (or `headers` to forge one). */
export function postCallback(
  baseUrl: string,
  event: ProgressEvent,
  headers: Record<string, string> = signedHeaders(CALLBACK_SECRET, JSON.stringify(event)),
): Promise<BffResult<'reviewEvents'>> {
  return createBffClient(baseUrl).call('reviewEvents', { body: event, headers });
}

/** POSTs callback bytes as given (a body changed after signing): off the contract on purpose. */
export function postRawCallback(baseUrl: string, rawBody: string, headers: Record<string, string>): Promise<RawAnswer> {
  return createBffClient(baseUrl).raw('POST', '/api/review-events', { body: rawBody, headers });
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
