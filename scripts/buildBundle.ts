// Builds dist/h5 or dist/weapp when missing or older than the sources (mtime), one build at a time on the machine;
// used by `npm start`, `npm run screens` and the weapp and e2e jest global setups.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type BundleType = 'h5' | 'weapp';

const root = join(__dirname, '..');
// The env files Taro reads in production mode count too (TARO_APP_ID, TARO_APP_BFF_URL).
const SOURCES = ['miniapp', 'shared', 'config', 'babel.config.js', 'package.json', '.env', '.env.local', '.env.production', '.env.production.local'];
/** The file each build always produces: its absence means the folder is missing, half-written or being rebuilt. */
const MARKER: Record<BundleType, string> = { h5: 'index.html', weapp: 'app.js' };

const outDir = (type: BundleType): string => join(root, 'dist', type);
const stampOf = (type: BundleType): string => join(outDir(type), '.build-stamp');
const isBundleType = (value: string | undefined): value is BundleType => value === 'h5' || value === 'weapp';

/** Newest mtime among the files a build reads (tests are not compiled, so they do not count). */
export function newestSourceMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return /\.test\.tsx?$/.test(path) ? 0 : info.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) {
    if (name === 'test' || name === 'node_modules' || name.startsWith('.')) continue;
    newest = Math.max(newest, newestSourceMtime(join(path, name)));
  }
  return newest;
}

/** When the current output was built: our stamp (build start time), else the marker's mtime (a build by another tool). */
function builtAt(type: BundleType): number {
  const marker = join(outDir(type), MARKER[type]);
  if (!existsSync(marker)) return 0;
  return existsSync(stampOf(type)) ? statSync(stampOf(type)).mtimeMs : statSync(marker).mtimeMs;
}

export function isStale(type: BundleType): boolean {
  const built = builtAt(type);
  return built === 0 || SOURCES.some((source) => newestSourceMtime(join(root, source)) > built);
}

/** Runs the build in this process (call it under the lock); returns how long it took in ms. */
function buildNow(type: BundleType): number {
  const startedAt = Date.now();
  const res = spawnSync(process.execPath, [join(root, 'node_modules', '@tarojs', 'cli', 'bin', 'taro'), 'build', '--type', type], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (res.status !== 0) throw new Error(`taro build --type ${type} failed (exit ${res.status})`);
  if (!existsSync(join(outDir(type), MARKER[type]))) throw new Error(`taro build --type ${type} produced no dist/${type}/${MARKER[type]}`);
  // The stamp carries the build's start time, so a source saved during the build still counts as newer.
  writeFileSync(stampOf(type), new Date(startedAt).toISOString());
  utimesSync(stampOf(type), startedAt / 1000, startedAt / 1000);
  return Date.now() - startedAt;
}

/** Every script and stylesheet index.html names is in `dir` (not a folder caught in the middle of a rebuild). */
export function h5Complete(dir: string): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  const refs = [...readFileSync(index, 'utf8').matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  return refs.length > 0 && refs.every((ref) => existsSync(join(dir, ref)));
}

export interface BuildOptions {
  /** Also copy the finished H5 build there while holding the lock (see buildIfStale). */
  snapshotTo?: string;
  log?: (line: string) => void;
}

/**
 * Build if stale, under a machine-wide lock (several test runs or a start may race), re-checked inside the lock.
 * `snapshotTo`: also copy the finished H5 build there while holding the lock, so a later rebuild of dist/h5 by
 * another tool cannot pull files from under a running browser test. True when it had to look inside the lock.
 */
export function buildIfStale(type: BundleType, options: BuildOptions = {}): boolean {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  if (!isStale(type) && !options.snapshotTo) return false;
  if (isStale(type)) log(`[build] dist/${type} is missing or older than its sources: building it (production)…`);
  // The locked part runs as its own process under flock(1): this file again, through tsx's loader.
  const args = ['--import', 'tsx', __filename, type, ...(options.snapshotTo ? ['--snapshot', options.snapshotTo] : [])];
  try {
    execFileSync('flock', [`/tmp/beian-${type}-build.lock`, process.execPath, ...args], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') execFileSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    else throw err;
  }
  return true;
}

/** The output folder lost its marker moments ago: another tool (without our lock) is rebuilding it right now. */
function rebuildingElsewhere(type: BundleType): boolean {
  const dir = outDir(type);
  return existsSync(dir) && !existsSync(join(dir, MARKER[type])) && Date.now() - statSync(dir).mtimeMs < 90 * 1000;
}

/** Inside the lock: build when still stale, then (optionally) snapshot; waits out a rebuild started by another tool. */
function lockedMain(type: BundleType, snapshotTo: string | undefined): void {
  const deadline = Date.now() + 5 * 60 * 1000;
  for (;;) {
    if (Date.now() > deadline) throw new Error(`dist/${type} stayed incomplete (another build running?)`);
    if (rebuildingElsewhere(type)) {
      // Another tool's build gives no signal to wait on but its output: look again in 2 s (a synchronous process).
      execFileSync('sleep', ['2']);
      continue;
    }
    if (isStale(type)) {
      const ms = buildNow(type);
      process.stdout.write(`[build] dist/${type} built in ${Math.round(ms / 1000)} s\n`);
    }
    if (!snapshotTo) return;
    rmSync(snapshotTo, { recursive: true, force: true });
    cpSync(outDir(type), snapshotTo, { recursive: true });
    if (type !== 'h5' || h5Complete(snapshotTo)) return;
    // Another tool started rebuilding dist/h5 without our lock while we copied: let it finish, then look again.
    execFileSync('sleep', ['2']);
  }
}

if (require.main === module) {
  const [type, flag, target] = process.argv.slice(2);
  if (!isBundleType(type)) {
    process.stderr.write('usage: node --import tsx scripts/buildBundle.ts h5|weapp [--snapshot <dir>]\n');
    process.exit(2);
  }
  try {
    lockedMain(type, flag === '--snapshot' ? target : undefined);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
