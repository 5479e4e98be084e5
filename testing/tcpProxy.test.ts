// The shared TCP proxy against an echo server on loopback: forwarding, round-robin, cut/restore, pause/resume, and
// the shaped link's lower bounds (a link can be slower than its shape on a busy machine, never faster).
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { eventually } from './eventually';
import { startTcpProxy, type TcpProxy, type TcpTarget } from './tcpProxy';

interface Echo {
  target: TcpTarget;
  /** Connections this server accepted. */
  accepted: number;
  close(): Promise<void>;
}

/** Answers every byte with itself, prefixed by its name once per connection. */
async function startEcho(name: string): Promise<Echo> {
  const sockets = new Set<net.Socket>();
  const echo = { accepted: 0 } as Echo;
  const server = net.createServer((socket) => {
    echo.accepted += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined); // the proxy's cut() resets connections on purpose
    socket.write(`${name}:`);
    socket.pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  echo.target = { host: '127.0.0.1', port: (server.address() as AddressInfo).port };
  echo.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return echo;
}

/** Connects through the proxy, sends `payload`, and resolves with everything received once `expectBytes` arrived. */
function exchange(proxy: TcpProxy, payload: Buffer | string, expectBytes: number): Promise<{ data: Buffer; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const chunks: Buffer[] = [];
    let size = 0;
    const socket = net.connect(proxy.port, '127.0.0.1', () => socket.write(payload));
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= expectBytes) {
        socket.destroy();
        resolve({ data: Buffer.concat(chunks), ms: Date.now() - started });
      }
    });
    socket.on('error', reject);
    socket.on('close', () => size < expectBytes && reject(new Error(`connection closed after ${size} of ${expectBytes} bytes`)));
  });
}

let a: Echo;
let b: Echo;
const proxies: TcpProxy[] = [];
beforeAll(async () => {
  [a, b] = await Promise.all([startEcho('a'), startEcho('b')]);
});
afterAll(async () => {
  await Promise.all(proxies.map((p) => p.close()));
  await Promise.all([a.close(), b.close()]);
});
async function proxy(options: Parameters<typeof startTcpProxy>[0]): Promise<TcpProxy> {
  const started = await startTcpProxy(options);
  proxies.push(started);
  return started;
}

test('forwards both ways and spreads connections round-robin over its targets', async () => {
  const p = await proxy({ targets: [a.target, b.target] });
  const replies = [];
  for (let i = 0; i < 4; i += 1) replies.push((await exchange(p, 'hello', 'a:hello'.length)).data.toString());
  expect(replies).toEqual(['a:hello', 'b:hello', 'a:hello', 'b:hello']);
  expect(p.connectionsTo(a.target)).toBe(2);
  expect(p.connectionsTo(`http://127.0.0.1:${b.target.port}`)).toBe(2);
});

test('cut resets open and new connections until restore', async () => {
  const p = await proxy({ targets: [a.target] });
  const open = net.connect(p.port, '127.0.0.1');
  const closed = new Promise<void>((resolve) => open.on('close', () => resolve()));
  open.on('error', () => undefined);
  await eventually(() => a.accepted > 0 && p.connectionsTo(a.target) === 1, 'the first connection through');
  p.cut();
  await closed;
  await expect(exchange(p, 'x', 3)).rejects.toThrow();
  p.restore();
  expect((await exchange(p, 'back', 6)).data.toString()).toBe('a:back');
});

test('pause holds every byte and resume delivers it in order', async () => {
  const p = await proxy({ targets: [a.target] });
  p.pause();
  let received = '';
  const socket = net.connect(p.port, '127.0.0.1', () => socket.write('12345'));
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
  await eventually(() => a.accepted > 0, 'the connection to reach the server');
  expect(received).toBe('');
  p.resume();
  await eventually(() => received === 'a:12345', 'the held bytes');
  socket.destroy();
});

test('latency delays each direction; a shaped link is no faster than its bandwidth and round-trip time', async () => {
  const p = await proxy({ targets: [a.target], latencyMs: 100 });
  // Reply prefix (server → client) and the echo (client → server → client): at least one delay each way.
  expect((await exchange(p, 'ping', 'a:ping'.length)).ms).toBeGreaterThanOrEqual(200);

  p.setLatency(0);
  p.setLink({ kbps: 400, rttMs: 400 });
  // 25 KB up and 25 KB back at 400 kbps (50 KB/s) each way: ≥ 0.5 s of transmission plus half an RTT each way.
  const payload = Buffer.alloc(25 * 1024, 7);
  const { data, ms } = await exchange(p, payload, payload.length + 2);
  expect(data.subarray(2).equals(payload)).toBe(true);
  expect(ms).toBeGreaterThanOrEqual(900);
});

test('counts round trips: writes back to back before an answer are one, a write after an answer starts the next', async () => {
  const p = await proxy({ targets: [a.target] });
  let received = '';
  const socket = net.connect(p.port, '127.0.0.1');
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
  await eventually(() => received === 'a:', 'the greeting');
  expect(p.roundTrips()).toBe(0);
  // A pipeline: two writes, then the answers.
  socket.write('1');
  socket.write('2');
  await eventually(() => received === 'a:12', 'the first answers');
  expect(p.roundTrips()).toBe(1);
  socket.write('3');
  await eventually(() => received === 'a:123', 'the second answer');
  expect(p.roundTrips()).toBe(2);
  socket.destroy();
});
