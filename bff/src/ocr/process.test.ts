// A worker never outlives the BFF: not even one the engine has stopped (SIGSTOP runs nothing until SIGCONT, so it
// cannot notice its IPC channel closing). A launcher the system refuses is not used.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { eventually } from '../../../testing/eventually';
import { deathLauncher, priorityLauncher } from './process';

jest.setTimeout(60_000);

const alive = (pid: number) => existsSync(`/proc/${pid}`) && !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));

test('a stopped worker is killed with the BFF that started it, however the BFF went', async () => {
  // A stand-in for the BFF: starts one worker the way the engine does and prints its pid.
  const script = `const { spawnOcrProcess } = require(${JSON.stringify(join(__dirname, 'process.ts'))}); console.log(spawnOcrProcess({}).pid); setInterval(() => {}, 1000);`;
  const bff = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let worker = 0;
  try {
    worker = await new Promise<number>((resolve, reject) => {
      bff.stdout.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim())));
      bff.once('exit', () => reject(new Error('the stand-in BFF exited before starting its worker')));
    });
    expect(worker).toBeGreaterThan(0);
    // The worker is node under the launchers (setpriv and chrt exec, keeping the pid).
    await eventually(async () => /node/.test(readFileSync(`/proc/${worker}/cmdline`, 'utf8')), 'the worker to be node', 10_000);
    process.kill(worker, 'SIGSTOP');
    await eventually(async () => readFileSync(`/proc/${worker}/stat`, 'utf8').includes(') T '), 'the worker to be stopped', 5_000);
    bff.kill('SIGKILL');
    await eventually(async () => !alive(worker), 'the stopped worker to be gone after its BFF was killed', 10_000);
  } finally {
    bff.kill('SIGKILL');
    if (worker > 0 && alive(worker)) process.kill(worker, 'SIGKILL');
  }
});

test('a launcher the system refuses is passed over: SCHED_IDLE refused (a container may) falls back to nice 19', () => {
  expect(priorityLauncher()).toEqual(['chrt', '--idle', '0']);
  expect(deathLauncher()).toEqual(['setpriv', '--pdeathsig', 'KILL', '--']);
  const dir = mkdtempSync(join(tmpdir(), 'refusing-launchers-'));
  const path = process.env.PATH;
  try {
    for (const name of ['chrt', 'setpriv']) {
      writeFileSync(join(dir, name), `#!/bin/sh\necho "${name}: Operation not permitted" >&2\nexit 1\n`);
      chmodSync(join(dir, name), 0o755);
    }
    process.env.PATH = `${dir}${delimiter}${path ?? ''}`;
    expect(priorityLauncher()).toEqual(['nice', '-n', '19']);
    expect(deathLauncher()).toEqual([]);
  } finally {
    process.env.PATH = path;
    rmSync(dir, { recursive: true, force: true });
  }
});
