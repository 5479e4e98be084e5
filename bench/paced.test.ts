// The fixed-rate load generator of `npm run bench`: its reply parser and its pacing, against a local server.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { paced, ReplyParser } from './paced';

const reply = (status: number, body: string, extra = '') =>
  `HTTP/1.1 ${status} X\r\nContent-Type: application/json\r\nETag: "7"\r\n${extra}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

describe('ReplyParser', () => {
  test('two replies in one chunk come out in order, headers lower-cased, bodies as sent', () => {
    const replies = new ReplyParser().push(Buffer.from(reply(200, '{"a":"网站"}') + reply(412, '{}')));
    expect(replies.map((r) => [r.status, r.headers.etag, r.body.toString('utf8')])).toEqual([
      [200, '"7"', '{"a":"网站"}'],
      [412, '"7"', '{}'],
    ]);
  });

  test('a reply cut at every byte is still read once, complete', () => {
    const bytes = Buffer.from(reply(200, '{"name":"备案变更"}'));
    for (let cut = 1; cut < bytes.length; cut++) {
      const parser = new ReplyParser();
      expect(parser.push(bytes.subarray(0, cut))).toEqual([]);
      const [r, ...rest] = parser.push(bytes.subarray(cut));
      expect(rest).toEqual([]);
      expect(r.body.toString('utf8')).toBe('{"name":"备案变更"}');
    }
  });

  test('a chunked body is joined; a reply framed by neither length nor chunks is refused; a 204 has no body', () => {
    const chunked = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n';
    expect(new ReplyParser().push(Buffer.from(chunked)).map((r) => r.body.toString())).toEqual(['abcde']);
    expect(() => new ReplyParser().push(Buffer.from('HTTP/1.1 200 OK\r\n\r\nabc'))).toThrow(/Content-Length/);
    // A 204 has no body even without a length: the next reply starts right after its head.
    const after204 = new ReplyParser().push(Buffer.from('HTTP/1.1 204 No Content\r\nETag: "2"\r\n\r\n' + reply(200, '{}')));
    expect(after204.map((r) => [r.status, r.body.toString()])).toEqual([
      [204, ''],
      [200, '{}'],
    ]);
  });
});

describe('paced', () => {
  let server: http.Server;
  let url: string;
  const arrivals: number[] = [];
  let served = 0;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        arrivals.push(performance.now());
        served += 1;
        // The 5th request's socket is dropped unanswered: counted as an error, and the load goes on on a new socket.
        if (served === 5) return req.socket.destroy();
        const n = (JSON.parse(body) as { n: number }).n;
        res.writeHead(n % 2 === 0 ? 200 : 412, { 'Content-Type': 'application/json', ETag: `"${n}"` });
        res.end(JSON.stringify({ echo: n, path: req.url, ifMatch: req.headers['if-match'] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('sends rate × seconds requests spread over the time, and hands each reply to onResponse', async () => {
    let next = 0;
    const seen: { status: number; etag: string; echo: number; path: string; ifMatch: string; sent: number }[] = [];
    const result = await paced({
      url,
      rate: 100,
      seconds: 1,
      connections: 4,
      request: {
        method: 'PATCH',
        setupRequest(_req, context) {
          context.n = next++;
          return { path: `/api/changes/c${String(context.n)}`, headers: { 'content-type': 'application/json', 'if-match': '"1"' }, body: JSON.stringify({ n: context.n, name: '网站' }) };
        },
        onResponse(status, body, context, headers) {
          const parsed = JSON.parse(body) as { echo: number; path: string; ifMatch: string };
          seen.push({ status, etag: headers.etag, ...parsed, sent: context.n as number });
        },
      },
    });

    expect(next).toBe(100);
    expect(result.samples).toHaveLength(99);
    expect(result.errors).toBe(1);
    expect(seen).toHaveLength(99);
    // Each reply reached the request that asked for it (its context), with its own status and headers.
    for (const s of seen) {
      expect(s.echo).toBe(s.sent);
      expect(s.path).toBe(`/api/changes/c${s.sent}`);
      expect(s.ifMatch).toBe('"1"');
      expect(s.etag).toBe(`"${s.sent}"`);
      expect(s.status).toBe(s.sent % 2 === 0 ? 200 : 412);
    }
    expect(result.non2xx).toBe(seen.filter((s) => s.status === 412).length);
    // Evenly spaced, not one burst: 100 requests at 100/s arrive over most of the second.
    expect(arrivals[arrivals.length - 1] - arrivals[0]).toBeGreaterThan(600);
  });
});
