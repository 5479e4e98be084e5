// Runs the real entry point (bff/src/main.ts) as a child process, for tests that kill it: `node --import tsx` keeps it
// one process, so a SIGKILL hits the server itself (the `tsx` CLI would leave its node child running).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { eventually } from '../../../testing/eventually';

const ROOT = join(__dirname, '..', '..', '..');

export interface BffProcess {
  url: string;
  pid: number;
  /** Everything the process wrote to stdout and stderr (pino JSON lines). */
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `entry` (default: the BFF's main.ts) with `env` and resolves once /healthz answers. `quiet` drops stdout. */
export async function startBffProcess(env: Record<string, string>, port: number, options: { quiet?: boolean; entry?: string; nodeArgs?: string[] } = {}): Promise<BffProcess> {
  const chunks: string[] = [];
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', options.entry ?? join('bff', 'src', 'main.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', options.quiet ? 'ignore' : 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  const url = `http://127.0.0.1:${port}`;
  try {
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`BFF exited with ${child.exitCode}`);
        return fetch(`${url}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
      },
      'the BFF to answer /healthz',
      30_000,
    );
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${err instanceof Error ? err.message : String(err)}: ${chunks.join('').slice(-2000)}`, { cause: err });
  }
  return {
    url,
    pid: child.pid ?? 0,
    output: () => chunks.join(''),
    kill: (signal = 'SIGKILL') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}
