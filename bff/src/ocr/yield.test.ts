// The decision to stop and continue OCR workers, with a scripted load and clock (the engine test runs it for real).
import { createCpuYield, procLoadProbe, YIELD_DEFAULTS } from './yield';

function setup(options = YIELD_DEFAULTS) {
  let load: number | null = 0.1;
  let t = 0;
  let busy = [101];
  const signals: string[] = [];
  const changes: boolean[] = [];
  const y = createCpuYield(options, () => load, {
    busyPids: () => busy,
    onChange: (paused) => changes.push(paused),
    now: () => t,
    signal: (pid, sig) => signals.push(`${sig} ${pid}`),
  });
  return {
    y,
    signals,
    changes,
    set: (next: { load?: number | null; t?: number; busy?: number[] }) => {
      if (next.load !== undefined) load = next.load;
      if (next.t !== undefined) t = next.t;
      if (next.busy) busy = next.busy;
    },
  };
}

test('stops the busy workers above pauseAbove and continues them below resumeBelow, not in between', () => {
  const { y, signals, changes, set } = setup();
  y.sample();
  expect(y.paused).toBe(false);
  set({ load: 0.9, t: 100 });
  y.sample();
  expect(y.paused).toBe(true);
  expect(signals).toEqual(['SIGSTOP 101']);
  set({ load: 0.6, t: 200 }); // below pauseAbove, above resumeBelow: stays stopped
  y.sample();
  expect(y.paused).toBe(true);
  set({ load: 0.3, t: 700 });
  y.sample();
  expect(y.paused).toBe(false);
  expect(signals).toEqual(['SIGSTOP 101', 'SIGCONT 101']);
  expect(changes).toEqual([true, false]);
  expect(y.pausedMs).toBe(600);
});

test('a machine that stays busy slows OCR but never starves it: after maxPauseMs it runs minRunMs whatever the load', () => {
  const { y, signals, set } = setup({ ...YIELD_DEFAULTS, maxPauseMs: 5000, minRunMs: 1000 });
  set({ load: 0.95 });
  const pausedAt = (t: number) => {
    set({ t });
    y.sample();
    return y.paused;
  };
  // Stopped at 0, still at 4 900 ms; run from 5 000 (maxPauseMs) for 1 000 ms (minRunMs) although the load stays high.
  expect([0, 4900, 5000, 5900, 6000].map(pausedAt)).toEqual([true, true, false, false, true]);
  expect(signals).toEqual(['SIGSTOP 101', 'SIGCONT 101', 'SIGSTOP 101']);
});

test('nothing to stop without a busy worker or without a load reading; release continues what was stopped', () => {
  const { y, signals, set } = setup();
  set({ load: 0.95, busy: [] });
  y.sample();
  expect(y.paused).toBe(false);
  set({ load: null, busy: [7] });
  y.sample();
  expect(y.paused).toBe(false);
  set({ load: 0.95 });
  y.sample();
  expect(y.paused).toBe(true);
  y.release();
  expect(y.paused).toBe(false);
  expect(signals).toEqual(['SIGSTOP 7', 'SIGCONT 7']);
});

test('the /proc probe answers a share of the CPUs after its first reading, leaving out the given processes', () => {
  // Two probes over the same moment: one counts this process's busy loop as other work, one leaves it out.
  const all = procLoadProbe();
  const others = procLoadProbe();
  expect(all([])).toBeNull();
  expect(others([process.pid])).toBeNull();
  const until = Date.now() + 400;
  while (Date.now() < until); // keep this process busy
  const withUs = all([]) as number;
  const withoutUs = others([process.pid]) as number;
  expect(withUs).toBeGreaterThan(0);
  expect(withUs).toBeLessThanOrEqual(1);
  expect(withoutUs).toBeGreaterThanOrEqual(0);
  expect(withoutUs).toBeLessThan(withUs);
});
