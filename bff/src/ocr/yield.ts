// OCR steps aside while the machine is busy with other work. SCHED_IDLE (process.ts) already gives the API every CPU
// it asks for, but on a small machine a recognition still costs a busy API: each time the API thread preempts the
// OCR process it finds the core's caches full of ONNX Runtime's tensors, and at 4 000 saves/s that is thousands of
// cold starts a second (bench: −14…−28 % autosave throughput at saturation with OCR at idle priority). So while the
// rest of the machine keeps more than `pauseAbove` of the CPUs busy, the workers with a photo are stopped (SIGSTOP:
// they hold no lock and no socket anyone waits on) and continued when the load falls below `resumeBelow`. A
// recognition is delayed, never refused: after `maxPauseMs` paused the workers run for `minRunMs` whatever the load,
// and time spent stopped does not count towards a photo's timeout (engine.ts).
import { readFileSync } from 'node:fs';

export interface YieldOptions {
  /** Share of all CPUs (0–1) busy with work other than OCR above which busy workers are stopped. */
  pauseAbove: number;
  /** Stopped workers continue when the other work falls below this share (hysteresis). */
  resumeBelow: number;
  /** How often the load is read while a photo is being read or waits. */
  sampleMs: number;
  /** Longest stop; then the workers run for `minRunMs` whatever the load, so a busy machine slows OCR but never starves it. */
  maxPauseMs: number;
  minRunMs: number;
}

export const YIELD_DEFAULTS: YieldOptions = { pauseAbove: 0.7, resumeBelow: 0.5, sampleMs: 100, maxPauseMs: 3_000, minRunMs: 1_000 };

/** Share of the machine's CPUs (0–1) busy with anything but the given processes since the last call; null if unknown. */
export type LoadProbe = (ownPids: readonly number[]) => number | null;

const ticksOf = (pid: number): number => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return 0; // gone: it costs nothing any more
  }
};

/**
 * The Linux probe: /proc/stat's CPU time (all CPUs, in clock ticks) minus idle and iowait, minus what `ownPids`
 * used (from their /proc/<pid>/stat). Elsewhere it answers null and OCR never steps aside.
 */
export function procLoadProbe(): LoadProbe {
  let last: { total: number; idle: number; own: Map<number, number> } | null = null;
  return (ownPids) => {
    let line: string;
    try {
      line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
    } catch {
      return null;
    }
    const ticks = line.trim().split(/\s+/).slice(1).map(Number);
    const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0); // user … steal (guest time is inside user)
    const idle = ticks[3] + ticks[4];
    const own = new Map(ownPids.map((pid) => [pid, ticksOf(pid)]));
    const previous = last;
    last = { total, idle, own };
    if (!previous || total <= previous.total) return null;
    let ownDelta = 0;
    for (const [pid, t] of own) ownDelta += Math.max(0, t - (previous.own.get(pid) ?? t));
    const busy = total - previous.total - (idle - previous.idle) - ownDelta;
    return Math.min(1, Math.max(0, busy / (total - previous.total)));
  };
}

export interface CpuYield {
  /** Whether busy workers are stopped now. */
  readonly paused: boolean;
  /** Total time spent stopped, ms. */
  readonly pausedMs: number;
  /** Reads the load now (the engine calls it every `sampleMs` while it has work) and stops or continues the workers. */
  sample(): void;
  /** Continues any stopped workers (work done, engine closing). */
  release(): void;
}

export interface CpuYieldHooks {
  /** Process ids of the workers reading a photo now. */
  busyPids(): number[];
  /** Called after the workers were stopped (true) or continued (false). */
  onChange(paused: boolean): void;
  now?: () => number;
  signal?: (pid: number, signal: NodeJS.Signals) => void;
}

export function createCpuYield(options: YieldOptions, probe: LoadProbe, hooks: CpuYieldHooks): CpuYield {
  const now = hooks.now ?? (() => performance.now());
  const signal =
    hooks.signal ??
    ((pid: number, sig: NodeJS.Signals) => {
      try {
        process.kill(pid, sig);
      } catch {
        // already gone
      }
    });
  let stopped: number[] = [];
  let pausedAt = 0;
  let pausedTotal = 0;
  let mustRunUntil = 0;

  const resume = () => {
    if (stopped.length === 0) return;
    for (const pid of stopped) signal(pid, 'SIGCONT');
    stopped = [];
    pausedTotal += now() - pausedAt;
    hooks.onChange(false);
  };

  return {
    get paused() {
      return stopped.length > 0;
    },
    get pausedMs() {
      return pausedTotal + (stopped.length > 0 ? now() - pausedAt : 0);
    },
    sample() {
      const busy = hooks.busyPids();
      const load = probe(busy);
      const t = now();
      if (stopped.length > 0) {
        if (load === null || load < options.resumeBelow || t - pausedAt >= options.maxPauseMs) {
          if (t - pausedAt >= options.maxPauseMs) mustRunUntil = t + options.minRunMs;
          resume();
        }
        return;
      }
      if (load === null || load <= options.pauseAbove || t < mustRunUntil || busy.length === 0) return;
      for (const pid of busy) signal(pid, 'SIGSTOP');
      stopped = busy;
      pausedAt = t;
      hooks.onChange(true);
    },
    release: resume,
  };
}
