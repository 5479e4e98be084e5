// A round-robin HTTP load balancer for tests: each request goes to the next BFF instance; counts who served what.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobin {
  url: string;
  /** Base URLs of the instances behind it (set after they start). */
  targets: string[];
  /** Requests forwarded per target. */
  served: Map<string, number>;
  close(): Promise<void>;
}

export async function startRoundRobin(): Promise<RoundRobin> {
  let next = 0;
  const balancer: RoundRobin = { url: '', targets: [], served: new Map(), close: async () => undefined };
  const server = http.createServer((req, res) => {
    if (balancer.targets.length === 0) {
      res.statusCode = 503;
      res.end();
      return;
    }
    const target = balancer.targets[next++ % balancer.targets.length];
    balancer.served.set(target, (balancer.served.get(target) ?? 0) + 1);
    const url = new URL(req.url ?? '/', target);
    const upstream = http.request(url, { method: req.method, headers: { ...req.headers, host: url.host } }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  balancer.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  balancer.close = () =>
    new Promise<void>((r) => {
      server.close(() => r());
      server.closeAllConnections();
    });
  return balancer;
}
