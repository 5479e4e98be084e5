// A TCP proxy that delays every chunk by a settable latency, in order (a slow or congested Redis for the fault tests).
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface LatencyProxy {
  url: string;
  port: number;
  setLatency(ms: number): void;
  close(): Promise<void>;
}

/** Forwards `target` (host:port); chunks keep their order whatever the latency was when they arrived. */
export async function startLatencyProxy(target: { host: string; port: number }): Promise<LatencyProxy> {
  let latency = 0;
  const sockets = new Set<net.Socket>();
  const pipe = (from: net.Socket, to: net.Socket) => {
    let lastDue = 0;
    from.on('data', (chunk: Buffer) => {
      const due = Math.max(Date.now() + latency, lastDue);
      lastDue = due;
      setTimeout(() => {
        if (!to.destroyed) to.write(chunk);
      }, due - Date.now());
    });
    from.on('close', () => to.destroy());
    from.on('error', () => to.destroy());
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client);
    sockets.add(upstream);
    client.on('close', () => sockets.delete(client));
    upstream.on('close', () => sockets.delete(upstream));
    pipe(client, upstream);
    pipe(upstream, client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    setLatency(ms) {
      latency = ms;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
