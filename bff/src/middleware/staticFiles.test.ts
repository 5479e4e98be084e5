// The H5 files as a phone gets them: the precompressed copy its browser accepts (brotli first), Vary on the encoding,
// a year of immutable caching for content-hashed files and revalidation for index.html.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync, gunzipSync } from 'node:zlib';
import Koa from 'koa';
import { staticFiles } from './staticFiles';

const SCRIPT = 'console.log("备案变更助手");'.repeat(100);
let dir: string;
let server: http.Server;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'static-'));
  mkdirSync(join(dir, 'js'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>备案变更助手</title>');
  writeFileSync(join(dir, 'js', 'app.db54bfdc.js'), SCRIPT);
  writeFileSync(join(dir, 'js', 'app.db54bfdc.js.br'), brotliCompressSync(SCRIPT));
  writeFileSync(join(dir, 'js', 'app.db54bfdc.js.gz'), gzipSync(SCRIPT));
  writeFileSync(join(dir, 'logo.png'), Buffer.from([1, 2, 3]));
  const app = new Koa();
  app.use(staticFiles(dir));
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

function get(path: string, acceptEncoding?: string): Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}${path}`, { headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
  });
}

it('sends the brotli copy to a browser that accepts br, with Vary and its compressed length', async () => {
  const res = await get('/js/app.db54bfdc.js', 'gzip, deflate, br');
  expect(res.headers['content-encoding']).toBe('br');
  expect(res.headers.vary).toMatch(/accept-encoding/i);
  expect(Number(res.headers['content-length'])).toBe(res.body.length);
  expect(res.body.length).toBeLessThan(SCRIPT.length / 5);
  expect(brotliDecompressSync(res.body).toString()).toBe(SCRIPT);
  expect(res.headers['content-type']).toContain('application/javascript');
});

it('sends gzip when brotli is not accepted (or refused with q=0), and the plain file to a client that accepts neither', async () => {
  const gz = await get('/js/app.db54bfdc.js', 'gzip');
  expect(gz.headers['content-encoding']).toBe('gzip');
  expect(gunzipSync(gz.body).toString()).toBe(SCRIPT);
  expect((await get('/js/app.db54bfdc.js', 'br;q=0, gzip')).headers['content-encoding']).toBe('gzip');
  const plain = await get('/js/app.db54bfdc.js', 'identity');
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(plain.headers.vary).toMatch(/accept-encoding/i);
  expect(plain.body.toString()).toBe(SCRIPT);
});

it('caches hashed files for a year as immutable, index.html never without revalidation, the rest an hour', async () => {
  expect((await get('/js/app.db54bfdc.js', 'br')).headers['cache-control']).toBe('public, max-age=31536000, immutable');
  expect((await get('/', 'br')).headers['cache-control']).toBe('no-cache');
  expect((await get('/logo.png')).headers['cache-control']).toBe('public, max-age=3600');
});
