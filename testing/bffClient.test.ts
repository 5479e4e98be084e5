// The typed BFF client against a scripted HTTP server: what it sends for a route, and that it refuses answers the
// contract does not allow (the BFF's functional tests rely on that to catch a BFF drifting from its contract).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ContractViolation, createBffClient, expectError, expectOk } from './bffClient';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let server: http.Server;
let base: string;
let seen: Seen[] = [];
/** The next answer the server gives: status, content type and body. */
let answer: { status: number; type?: string; body: string | Buffer } = { status: 200, body: '{}' };

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(answer.status, { 'content-type': answer.type ?? 'application/json; charset=utf-8' });
      res.end(answer.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
});
beforeEach(() => {
  seen = [];
});

const client = () => createBffClient(base, { token: 'tok_0123456789abcdefghij' });
const reply = (status: number, body: unknown, type?: string) => {
  answer = { status, type, body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body) };
};

test('sends the route’s method and path, the JSON body, the session and the extra headers', async () => {
  reply(202, { phone: '13912345678', resendAfterSeconds: 60, expiresInSeconds: 300 });
  const res = await client().call('sendSms', { params: { id: 'chg_abcdefghijkl' }, body: { phone: '13912345678' }, headers: { 'x-trace': 't1' } });
  expectOk(res, 202);
  expect(res.body.resendAfterSeconds).toBe(60);
  expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/changes/chg_abcdefghijkl/sms', body: '{"phone":"13912345678"}' });
  expect(seen[0].headers).toMatchObject({ authorization: 'Bearer tok_0123456789abcdefghij', 'content-type': 'application/json', 'x-trace': 't1' });
});

test('a route without a body sends none; withHeaders replaces the session header', async () => {
  reply(200, { changes: [] });
  await client()
    .withHeaders({ authorization: 'Basic forged' })
    .call('listChanges', { query: { page: 2 } });
  expect(seen[0]).toMatchObject({ method: 'GET', url: '/api/changes?page=2', body: '' });
  expect(seen[0].headers.authorization).toBe('Basic forged');
  expect(seen[0].headers['content-type']).toBeUndefined();
});

test('an error answer comes back as apiError, with the keys some errors add', async () => {
  reply(429, { code: 'rate_limited', message: '请 60 秒后再试', retryAfterSeconds: 60 });
  const res = await client().call('sendSms', { params: { id: 'chg_abcdefghijkl' }, body: { phone: '13912345678' } });
  expectError(res, 429, 'rate_limited');
  expect(res.body.retryAfterSeconds).toBe(60);
  await expect(client().ok('sendSms', { params: { id: 'chg_abcdefghijkl' }, body: { phone: '13912345678' } })).rejects.toThrow(/HTTP 429 rate_limited/);
  expect(() => expectOk(res)).toThrow(/got 429/);
});

test('an answer off the contract throws: wrong shape, extra fields, unexpected status, not an error body', async () => {
  reply(202, { phone: '13912345678', resendAfterSeconds: '60', expiresInSeconds: 300 });
  await expect(client().call('sendSms', { params: { id: 'chg_abcdefghijkl' }, body: { phone: '1' } })).rejects.toThrow(ContractViolation);
  reply(200, { changes: [], total: 0 });
  await expect(client().call('listChanges')).rejects.toThrow(/fields the contract does not describe/);
  reply(200, { phone: '13912345678', resendAfterSeconds: 60, expiresInSeconds: 300 });
  await expect(client().call('sendSms', { params: { id: 'chg_abcdefghijkl' }, body: { phone: '1' } })).rejects.toThrow(/neither a success/);
  reply(500, '<html>oops</html>', 'text/html');
  await expect(client().call('listChanges')).rejects.toThrow(/nor an error answer/);
});

test('uploads are multipart with the file; binary answers are bytes', async () => {
  reply(200, { slot: 'website.verification_form', width: 10, height: 10, bytes: 3, previewUrl: '/p', warnings: [] });
  const photo = Buffer.from([0xff, 0xd8, 0xff]);
  const up = await client().call('uploadMaterial', { params: { id: 'chg_abcdefghijkl', kind: 'verification_form' }, body: { subject: 'website' }, file: photo });
  expectOk(up);
  expect(seen[0].method).toBe('PUT');
  expect(seen[0].headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
  expect(seen[0].body).toMatch(/name="subject"\r\n\r\nwebsite/);
  expect(seen[0].body).toMatch(/name="file"; filename="photo.jpg"/);

  reply(200, Buffer.from([1, 2, 3]), 'image/jpeg');
  const preview = await client().call('materialPreview', { params: { fileId: 'a'.repeat(32) }, query: { exp: '1', sig: 'x' } });
  expectOk(preview);
  expect([...preview.body]).toEqual([1, 2, 3]);
});

test('raw requests send what they are given and read error bodies when there are some', async () => {
  reply(400, { code: 'bad_request', message: '请求内容不是有效的 JSON' });
  const res = await client().raw('PATCH', '/api/changes/chg_abcdefghijkl', { body: '{"form":', headers: { 'if-match': '"1"' } });
  expect(seen[0]).toMatchObject({ method: 'PATCH', body: '{"form":' });
  expect(res.status).toBe(400);
  expect(res.error?.code).toBe('bad_request');
});
