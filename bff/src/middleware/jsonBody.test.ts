// The JSON body reader over a real HTTP server: what it parses, what it refuses (and with which error), and that the
// connection keeps working after a refused body.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import Koa from 'koa';
import { createLogger } from '../logger';
import { errorHandler } from './errorHandler';
import { jsonBody } from './jsonBody';

let server: Server;
let url: string;

beforeAll(async () => {
  const app = new Koa();
  app.use(errorHandler(createLogger('silent')));
  app.use(jsonBody({ limit: 1024 }));
  app.use((ctx) => {
    const request = ctx.request as typeof ctx.request & { body?: unknown; rawBody?: string };
    ctx.body = { body: request.body, rawBody: request.rawBody ?? null };
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const send = async (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }, method = 'POST') => {
  const res = await fetch(url, { method, headers, body });
  return { status: res.status, json: (await res.json()) as { body?: unknown; rawBody?: string | null; code?: string } };
};

test('a JSON object is parsed, its text kept; an empty body is {}', async () => {
  const text = '{"form":{"notes":"备注 ✓"},"list":[1,2]}';
  expect(await send(text)).toEqual({ status: 200, json: { body: { form: { notes: '备注 ✓' }, list: [1, 2] }, rawBody: text } });
  expect(await send('', { 'content-type': 'application/json; charset=utf-8' })).toEqual({ status: 200, json: { body: {}, rawBody: '' } });
  expect((await send('{"a":1}', { 'content-type': 'Application/Vnd.Api+JSON' })).json.body).toEqual({ a: 1 });
});

test('another content type leaves the body empty for its own route; GET bodies are not read', async () => {
  expect(await send('a=1', { 'content-type': 'application/x-www-form-urlencoded' })).toEqual({ status: 200, json: { body: {}, rawBody: null } });
  expect((await fetch(url)).status).toBe(200);
});

test('broken JSON, a bare value and a __proto__ key are 400; an escaped one too; the word in a value is fine', async () => {
  for (const bad of ['{"form": ', '"just a string"', '42', '{"__proto__":{"x":1}}', '{"a":{"\\u005f_proto__":{}}}']) {
    expect(await send(bad)).toMatchObject({ status: 400, json: { code: 'bad_request' } });
  }
  expect((await send('{"notes":"__proto__"}')).json.body).toEqual({ notes: '__proto__' });
});

test('over the limit is 413, whether declared or streamed; a compressed body is 415; the connection keeps working', async () => {
  expect(await send(`{"notes":"${'x'.repeat(2000)}"}`)).toMatchObject({ status: 413, json: { code: 'payload_too_large' } });
  // Sent without a length (chunked): refused once the bytes pass the limit.
  const streamed = new ReadableStream({
    start(controller) {
      for (let i = 0; i < 10; i += 1) controller.enqueue(new TextEncoder().encode(`{"notes":"${'y'.repeat(300)}"}`));
      controller.close();
    },
  });
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: streamed, duplex: 'half' } as RequestInit);
  expect(res.status).toBe(413);
  expect(await send('{"a":1}', { 'content-type': 'application/json', 'content-encoding': 'gzip' })).toMatchObject({ status: 415, json: { code: 'unsupported_media_type' } });
  expect((await send('{"still":"answering"}')).json.body).toEqual({ still: 'answering' });
});
