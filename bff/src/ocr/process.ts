// An OCR worker as a child process at the lowest CPU priority the OS offers (SCHED_IDLE through `chrt --idle 0`).
//
// Why a process and not a worker thread: a recognition is not one thread's work. Measured in a worker thread whose
// own nice was 19, ≈ 17 % of the CPU a recognition took ran at normal priority beside the API — sharp's decode and
// crops on libvips' threads and the process-wide libuv pool, V8's GC helpers — because those threads belong to the
// whole process and cannot be lowered for OCR alone. A child process started under `chrt --idle 0` has every thread
// at SCHED_IDLE from its first instruction: it runs only on CPU nothing else wants, and a waking API thread preempts
// it at once (a nice-19 thread keeps the CPU until its time slice ends). Killing a process inside ONNX Runtime is
// also safe, where terminating a thread there aborted the whole BFF.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { PaddleOptions } from './paddle';
import type { WorkerJob, WorkerMessage } from './worker';

/** The environment variable carrying the worker's PaddleOptions (JSON) into the child. */
export const OCR_WORKER_OPTIONS_ENV = 'OCR_WORKER_OPTIONS';

/** What the engine needs of a worker: the part of `worker_threads.Worker` it used, over a child process. */
export interface OcrWorkerHandle {
  /** The worker's process id (undefined if it could not be started). */
  readonly pid: number | undefined;
  onMessage(listener: (message: WorkerMessage) => void): void;
  /** The worker is gone (crashed, killed, failed to start); called once. */
  onLost(listener: (why: string) => void): void;
  post(job: WorkerJob): void;
  /** Kills the process (safe at any moment, native code included); resolves once it has exited. */
  terminate(): Promise<void>;
}

/** True when `launcher` exists here (a missing command fails to spawn) and is allowed to do its work (a container may refuse a scheduling policy). */
const works = (launcher: string[]): boolean =>
  spawnSync(launcher[0], [...launcher.slice(1), process.execPath, '--version'], { stdio: 'ignore', timeout: 10_000, env: process.env }).status === 0;

/**
 * The command the worker is started under: SCHED_IDLE where `chrt` works (util-linux, on every Debian), else nice 19
 * (coreutils), else as it is (the worker then lowers its own main thread's nice, see worker.ts).
 */
export function priorityLauncher(): string[] {
  const idle = ['chrt', '--idle', '0'];
  const nice = ['nice', '-n', '19'];
  if (process.platform === 'linux' && works(idle)) return idle;
  if (process.platform !== 'win32' && works(nice)) return nice;
  return [];
}

/**
 * A worker dies with the BFF: `setpriv --pdeathsig KILL` (util-linux) has the kernel kill it when the process that
 * started it is gone, however that went (SIGKILL, OOM). A running worker would also leave when its IPC channel closes,
 * but one the engine has stopped (SIGSTOP, yield.ts) runs nothing until continued and would stay behind forever with
 * its models in memory. Without setpriv (not Linux) only the IPC channel is left.
 */
export function deathLauncher(): string[] {
  const death = ['setpriv', '--pdeathsig', 'KILL', '--'];
  return process.platform === 'linux' && works(death) ? death : [];
}

/** Chosen once per process, by trying each launcher (a few ms, at the first worker's start). */
let launcher: string[] | undefined;

/** Under tsx (development, tests, `npm start`) the .ts entry is loaded through tsx's CommonJS hook. */
function entryArgs(): string[] {
  if (__filename.endsWith('.js')) return [join(__dirname, 'worker.js')];
  return ['-e', `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register(); require(${JSON.stringify(join(__dirname, 'worker.ts'))});`];
}

export function spawnOcrProcess(paddle: Partial<PaddleOptions>): OcrWorkerHandle {
  launcher ??= [...deathLauncher(), ...priorityLauncher()];
  const [command, ...args] = [...launcher, process.execPath, ...entryArgs()];
  const child = spawn(command, args, {
    // 'advanced' serialisation carries the JPEG's ArrayBuffer as bytes (JSON would make it an object of numbers).
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, [OCR_WORKER_OPTIONS_ENV]: JSON.stringify(paddle) },
  });
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve()); // never started (e.g. the launcher vanished): nothing to wait for
  });
  let lostListener: (why: string) => void = () => {};
  let lostOnce = false;
  const lost = (why: string) => {
    if (lostOnce) return;
    lostOnce = true;
    lostListener(why);
  };
  child.once('exit', (code, signal) => {
    exited = true;
    lost(`exited with ${signal ?? `code ${code}`}`);
  });
  child.once('error', (error) => lost(error.message));
  return {
    pid: child.pid,
    onMessage: (listener) => void child.on('message', (message) => listener(message as WorkerMessage)),
    onLost: (listener) => {
      lostListener = listener;
    },
    post(job) {
      if (!exited && child.connected) child.send(job);
    },
    async terminate() {
      lostOnce = true; // a terminated worker is not lost
      if (!exited) child.kill('SIGKILL');
      await exit;
    },
  };
}
