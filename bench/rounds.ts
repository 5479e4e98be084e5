// Paired rounds (`BENCH_ROUNDS=N`): on this kind of machine the CPU's speed drifts by up to 2× within a minute, so one
// run of a path against one bare Koa run says little about a difference of 20 %. Each round runs bare Koa and then
// every target straight after it; each target's figures are its multiples of the bare run of its own round, and the
// row gives their median and range.
import type { Measured } from './phase';
import { percentile, spread, type Row } from './measure';

export interface RoundTarget {
  label: string;
  run: () => Promise<Measured>;
}

interface Pair {
  cpuUs: number;
  bareCpuUs: number;
  ofBareCpu: number;
  ofBareRps: number;
  gcUs: number;
}

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

/** Runs `rounds` rounds of bare Koa then each target, and gives one row per target with the medians of its pairs. */
export async function pairedRounds(rounds: number, connections: number, bare: () => Promise<Measured>, targets: RoundTarget[]): Promise<Row[]> {
  const pairs = new Map<string, Pair[]>(targets.map((t) => [t.label, []]));
  for (let round = 0; round < rounds; round += 1) {
    const baseline = await bare();
    for (const target of targets) {
      const m = await target.run();
      pairs.get(target.label)?.push({
        cpuUs: m.cpuUs,
        bareCpuUs: baseline.cpuUs,
        ofBareCpu: baseline.cpuUs / m.cpuUs,
        ofBareRps: m.result.requests.average / baseline.result.requests.average,
        gcUs: m.gcUs,
      });
    }
  }
  return targets.map(({ label }) => {
    const list = pairs.get(label) ?? [];
    const shares = list.map((p) => p.ofBareCpu * 100);
    return {
      path: `${label}, median of ${rounds} rounds paired with bare Koa`,
      conns: connections,
      cpuUs: median(list.map((p) => p.cpuUs)),
      ofBareCpu: median(list.map((p) => p.ofBareCpu)),
      ofBareRps: median(list.map((p) => p.ofBareRps)),
      note: `% bare CPU per round ${shares.map((s) => s.toFixed(0)).join(', ')} (range ${spread(shares)}); CPU µs ${spread(list.map((p) => p.cpuUs))} against bare ${spread(list.map((p) => p.bareCpuUs))}; GC ${spread(list.map((p) => p.gcUs))} µs per save`,
    };
  });
}
