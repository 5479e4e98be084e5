// `npm run size`: sizes of the production weapp build, built first when missing or older than the sources (main
// package, each subpackage, total) against our main-package budget and WeChat's limits, and whether every page of
// app.json was compiled into its package (and every preloaded package exists). After `WEAPP_STATS=1 npm run
// build:weapp` (webpack stats written by config/index.ts) it also names the largest modules of the main package, to
// find what to move out when the budget is exceeded.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { buildIfStale } from './buildBundle';

interface AppJson {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
  subpackages?: { root: string; pages: string[] }[];
  preloadRule?: Record<string, { packages: string[] }>;
}

interface ShippedFile {
  path: string;
  bytes: number;
}

export interface WeappSizeReport {
  mainBytes: number;
  subpackages: { root: string; bytes: number }[];
  totalBytes: number;
  largest: ShippedFile[];
  /** Every page of app.json as `root/page` (root empty for the main package). */
  pages: string[];
  /** Pages whose compiled .js, .wxml or .json is missing, and preload rules naming a page or package that does not exist. */
  problems: string[];
}

/** Our budget for the main package: what the first screen downloads before anything shows (WeChat allows 2 MB). */
export const MAIN_BUDGET_BYTES = 400 * 1024;
export const MAIN_LIMIT_BYTES = 2 * 1024 * 1024;
export const TOTAL_LIMIT_BYTES = 20 * 1024 * 1024;
/** Written by config/index.ts when WEAPP_STATS is set; a dot-file, so it is not counted as shipped. */
export const STATS_FILE = '.webpack-stats.json';

/** Every file under `dist` with its path relative to it (dot-files such as the build stamp are not shipped). */
function files(dist: string, dir = dist): ShippedFile[] {
  return readdirSync(dir).flatMap((name) => {
    if (name.startsWith('.')) return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(dist, path) : [{ path: relative(dist, path).split(sep).join('/'), bytes: statSync(path).size }];
  });
}

export function measureWeapp(dist: string): WeappSizeReport {
  const app = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8')) as AppJson;
  const subs = (app.subPackages ?? app.subpackages ?? []).map((p) => ({ root: p.root.replace(/\/?$/, '/'), pages: p.pages }));
  const all = files(dist);
  const bySub = new Map(subs.map((s) => [s.root, 0]));
  let mainBytes = 0;
  for (const file of all) {
    const sub = subs.find((s) => file.path.startsWith(s.root));
    if (sub) bySub.set(sub.root, (bySub.get(sub.root) ?? 0) + file.bytes);
    else mainBytes += file.bytes;
  }

  const pages = [...app.pages, ...subs.flatMap((s) => s.pages.map((page) => `${s.root}${page}`))];
  const problems: string[] = [];
  for (const page of pages) {
    const missing = ['.js', '.wxml', '.json'].filter((ext) => !existsSync(join(dist, `${page}${ext}`)));
    if (missing.length) problems.push(`page ${page}: ${missing.join(', ')} missing`);
  }
  for (const [page, rule] of Object.entries(app.preloadRule ?? {})) {
    if (!pages.includes(page)) problems.push(`preloadRule: ${page} is not a page`);
    for (const root of rule.packages) if (!bySub.has(root.replace(/\/?$/, '/'))) problems.push(`preloadRule of ${page}: no subpackage ${root}`);
  }

  return {
    mainBytes,
    subpackages: [...bySub].map(([root, bytes]) => ({ root, bytes })),
    totalBytes: all.reduce((sum, f) => sum + f.bytes, 0),
    largest: [...all].sort((a, b) => b.bytes - a.bytes).slice(0, 5),
    pages,
    problems,
  };
}

interface WebpackStats {
  chunks: { id: string | number; files: string[] }[];
  /** Group entries (orphan and runtime modules, folded by webpack) carry no name or chunks. */
  modules: { name?: string; size: number; chunks?: (string | number)[] }[];
}

/**
 * The largest modules in the main package's chunks, by their size before minification as webpack's stats give it
 * (a module's share of the shipped bytes is roughly proportional). A module shared with a subpackage counts here.
 */
export function largestMainModules(dist: string, subRoots: string[], limit = 12): { name: string; bytes: number }[] {
  const stats = JSON.parse(readFileSync(join(dist, STATS_FILE), 'utf8')) as WebpackStats;
  const mainChunks = new Set(stats.chunks.filter((c) => c.files.some((f) => f.endsWith('.js') && !subRoots.some((r) => f.startsWith(r)))).map((c) => c.id));
  return stats.modules
    .filter((m) => m.name !== undefined && (m.chunks ?? []).some((c) => mainChunks.has(c)))
    .map((m) => ({ name: m.name ?? '', bytes: m.size }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, limit);
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

function main(): void {
  const dist = join(__dirname, '..', 'dist', 'weapp');
  // Sizes of the sources as they are: a missing or stale build is rebuilt first (production, under the build lock).
  buildIfStale('weapp', { log: (line) => console.error(line) });
  if (!existsSync(join(dist, 'app.json'))) {
    console.error('dist/weapp/app.json not found after the build: see its output above.');
    process.exit(1);
  }
  const report = measureWeapp(dist);
  const pct = (bytes: number, limit: number): string => `${((bytes / limit) * 100).toFixed(1)}% of ${kb(limit)}`;
  console.log(`main package : ${kb(report.mainBytes)} (budget ${kb(MAIN_BUDGET_BYTES)}; ${pct(report.mainBytes, MAIN_LIMIT_BYTES)} WeChat allows)`);
  for (const sub of report.subpackages) console.log(`subpackage ${sub.root.padEnd(12)}: ${kb(sub.bytes)}`);
  if (report.subpackages.length === 0) console.log('subpackages  : none');
  console.log(`total        : ${kb(report.totalBytes)} (${pct(report.totalBytes, TOTAL_LIMIT_BYTES)})`);
  console.log(`pages        : ${report.pages.length - report.problems.filter((p) => p.startsWith('page ')).length} of ${report.pages.length} compiled (${report.pages.join(', ')})`);
  console.log(`largest files: ${report.largest.map((f) => `${f.path} ${kb(f.bytes)}`).join(', ')}`);
  if (existsSync(join(dist, STATS_FILE))) {
    console.log(`largest modules of the main package (before minification, from ${STATS_FILE}):`);
    for (const m of largestMainModules(
      dist,
      report.subpackages.map((sub) => sub.root),
    ))
      console.log(`  ${kb(m.bytes).padStart(9)}  ${m.name}`);
  }

  const failures = [...report.problems];
  if (report.mainBytes > MAIN_BUDGET_BYTES) failures.push(`main package ${kb(report.mainBytes)} is over its ${kb(MAIN_BUDGET_BYTES)} budget`);
  if (report.totalBytes > TOTAL_LIMIT_BYTES) failures.push(`all packages ${kb(report.totalBytes)} are over WeChat's ${kb(TOTAL_LIMIT_BYTES)} limit`);
  for (const failure of failures) console.error(failure);
  if (failures.length) process.exit(1);
}

if (require.main === module) main();
