// What a Redis node executes, as the tests see it: MONITOR over a plain socket (ioredis's monitor mode misreads its
// own ready check on this version), each command with its arguments and where it came from (a client or `lua`).
import net from 'node:net';
import Redis from 'ioredis';
import { eventually } from './eventually';
import { targetOf } from './tcpProxy';

export interface MonitoredCommand {
  /** Command name, lower case (`get`, `evalsha`, `set`). */
  name: string;
  args: string[];
  /** `127.0.0.1:53124` for a client, `lua` for a command run inside a script. */
  source: string;
}

export interface RedisMonitor {
  /** Everything seen so far, in execution order. */
  readonly commands: MonitoredCommand[];
  /** Resolves once every command the node ran before this call has been seen. */
  caughtUp(): Promise<void>;
  close(): void;
}

/** `"a" "b\"c" "\xe4"` → ['a', 'b"c', 'ä'] (MONITOR quotes every argument and escapes like redis-cli). */
function parseArgs(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/"((?:[^"\\]|\\.)*)"/g)) {
    const bytes: number[] = [];
    const s = m[1];
    for (let i = 0; i < s.length; i += 1) {
      if (s[i] !== '\\') {
        bytes.push(...Buffer.from(s[i], 'utf8'));
        continue;
      }
      const next = s[i + 1];
      if (next === 'x') {
        bytes.push(parseInt(s.slice(i + 2, i + 4), 16));
        i += 3;
      } else {
        bytes.push(({ n: 10, r: 13, t: 9, a: 7, b: 8 } as Record<string, number>)[next] ?? next.charCodeAt(0));
        i += 1;
      }
    }
    out.push(Buffer.from(bytes).toString('utf8'));
  }
  return out;
}

let markerNo = 0;

export async function monitorRedis(url: string): Promise<RedisMonitor> {
  const { host, port } = targetOf(url);
  const socket = net.connect({ host, port });
  const plain = new Redis(url, { maxRetriesPerRequest: 1 });
  const commands: MonitoredCommand[] = [];
  let started = false;
  let pending = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    pending += chunk;
    let nl: number;
    while ((nl = pending.indexOf('\r\n')) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 2);
      if (line === '+OK') started = true;
      // +1712345678.123456 [0 127.0.0.1:53124] "get" "key"
      const m = /^\+\d+\.\d+ \[\d+ ([^\]]+)\] (.*)$/.exec(line);
      if (!m) continue;
      const [name, ...args] = parseArgs(m[2]);
      commands.push({ name: name.toLowerCase(), args, source: m[1] });
    }
  });
  socket.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  socket.write('MONITOR\r\n');
  await eventually(() => started, 'MONITOR to start');

  const monitor: RedisMonitor = {
    commands,
    async caughtUp() {
      markerNo += 1;
      const marker = `monitor-caught-up-${markerNo}`;
      await plain.echo(marker);
      await eventually(() => commands.some((c) => c.name === 'echo' && c.args[0] === marker), 'MONITOR to catch up');
    },
    close() {
      socket.destroy();
      plain.disconnect();
    },
  };
  return monitor;
}
