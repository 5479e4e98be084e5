// freePort(): servers of the tests, the bench and the demo get ports that outgoing connections cannot take first.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { freePort } from './redis';

const ephemeralStart = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);

test('ports come from below the range the kernel gives outgoing connections, and can be listened on', async () => {
  const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
  for (const port of ports) {
    expect(port).toBeGreaterThanOrEqual(20000);
    expect(port).toBeLessThan(ephemeralStart);
  }
  // Random picks: twenty calls do not keep returning one port.
  expect(new Set(ports).size).toBeGreaterThan(15);
  const port = await freePort();
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  await new Promise((resolve) => server.close(resolve));
});
