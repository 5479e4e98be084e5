// Where a process's CPU went per request, from a `perf` recording (kernel included, unlike `--cpu-prof`, which samples
// wall time and charges a socket write the time its process waited after waking the other end):
//
//   BENCH_BFF_NODE_ARGS=--perf-basic-prof BENCH_BARE_NODE_ARGS=--perf-basic-prof npm run bench &
//   perf record -e cpu-clock -F 2000 -g -p <bff pid>,<bare pid> -o /tmp/perf.data   # once both are up
//   perf script -i /tmp/perf.data -F comm,pid,tid,time,ip,sym,dso | npx tsx bench/perfOwners.ts <pid> <from s> <to s> <requests> [Hz]
//
// The window is in perf's clock (seconds since boot, as `perf script` prints it); `--list <pid>` instead prints the
// samples of each second, so a load phase can be found by its density. The requests answered in the window come from
// the bench's table (req/s × seconds). Each sample goes to its leaf's kind (kernel, JIT-compiled JavaScript, V8
// builtins, GC, Node's C++, libc) and to its innermost JavaScript frame's module (a GC anywhere in the stack: "GC").
// Shares within one recording do not depend on the machine's speed drifting, which the µs figures do.
// (`--perf-basic-prof` also leaves V8 log files, isolate-*-v8.log, in the working folder: git ignores them; delete them.)
import { createInterface } from 'node:readline';

interface Frame {
  sym: string;
  dso: string;
}

const JIT = /perf-\d+\.map/;
const MODULE = /(node_modules\/(?:@[^/]+\/)?[^/]+|bff\/src\/[^:]+|shared\/[^:]+|node:[^ :]+|bench\/[^:]+)/;
const GC_FRAME = /Scavenge|MarkCompact|Heap::CollectGarbage|Heap::PerformGarbageCollection|ConcurrentMarking|Sweeper/;

function leafKind(leaf: Frame): string {
  if (leaf.dso.includes('kernel')) return 'kernel';
  if (JIT.test(leaf.dso)) return 'JavaScript (JIT)';
  if (/Builtins_/.test(leaf.sym)) return 'V8 builtins';
  if (/Heap|Scaveng|MarkCompact|Sweep|Marking|Evacuat|RememberedSet|SlotSet/.test(leaf.sym)) return 'GC';
  if (/libc/.test(leaf.dso)) return 'libc';
  return "Node's C++ and V8";
}

function owner(frames: Frame[], comm: string): string {
  if (comm !== 'node') return `thread ${comm}`;
  if (frames.some((f) => GC_FRAME.test(f.sym))) return 'GC';
  const js = frames.find((f) => JIT.test(f.dso) && /(file:|\/|node:)/.test(f.sym));
  if (!js) return `no JavaScript frame: ${leafKind(frames[0] ?? { sym: '', dso: '' })}`;
  return MODULE.exec(js.sym)?.[1] ?? js.sym.slice(0, 60);
}

async function main() {
  const args = process.argv.slice(2);
  const list = args[0] === '--list';
  const [pid, from, to, requests, hz] = list ? [args[1], '0', 'Infinity', '1', '2000'] : args;
  if (!pid) throw new Error('usage: perf script … | tsx bench/perfOwners.ts <pid> <from s> <to s> <requests> [Hz]  |  --list <pid>');
  const [t0, t1, n, usPerSample] = [Number(from), Number(to), Number(requests), 1e6 / Number(hz ?? 2000)];
  const kinds = new Map<string, number>();
  const owners = new Map<string, number>();
  const perSecond = new Map<number, number>();
  const add = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);
  let total = 0;
  let sample: { pid: string; comm: string; time: number } | null = null;
  let frames: Frame[] = [];
  const flush = () => {
    if (sample && sample.pid === pid && sample.time >= t0 && sample.time <= t1) {
      total += 1;
      add(perSecond, Math.floor(sample.time));
      add(kinds, leafKind(frames[0] ?? { sym: '', dso: '' }));
      add(owners, owner(frames, sample.comm));
    }
    sample = null;
    frames = [];
  };
  for await (const line of createInterface({ input: process.stdin })) {
    if (line.trim() === '') flush();
    else if (!/^\s/.test(line)) {
      flush();
      const head = /^(.*?)\s+(\d+)\/\d+\s+([\d.]+):/.exec(line);
      if (head) sample = { comm: head[1].trim(), pid: head[2], time: Number(head[3]) };
    } else {
      const frame = /^\s+[0-9a-f]+\s+(.*)\s+\((.*)\)$/.exec(line);
      if (frame) frames.push({ sym: frame[1], dso: frame[2] });
    }
  }
  flush();
  if (list) {
    process.stdout.write(`${[...perSecond].map(([s, c]) => `${s}:${c}`).join(' ')}\n`);
    return;
  }
  const show = (title: string, m: Map<string, number>, limit: number) => {
    process.stdout.write(`\n${title}\n`);
    for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, limit)) {
      process.stdout.write(`${((v * usPerSample) / n).toFixed(1).padStart(7)} µs/req ${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}\n`);
    }
  };
  process.stdout.write(`${total} samples, ${((total * usPerSample) / n).toFixed(1)} µs per request over ${n} requests\n`);
  show('by the leaf frame', kinds, 10);
  show('by the innermost JavaScript frame', owners, 30);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
