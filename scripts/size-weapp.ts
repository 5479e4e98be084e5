// `npm run size`: sizes of the production weapp build (main package, each subpackage, total) against WeChat's limits.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

interface AppJson {
  subPackages?: { root: string }[];
  subpackages?: { root: string }[];
}

interface ShippedFile {
  path: string;
  bytes: number;
}

const root = join(__dirname, '..');
const dist = join(root, 'dist', 'weapp');
const MAIN_LIMIT = 2 * 1024 * 1024;
const TOTAL_LIMIT = 20 * 1024 * 1024;

if (!existsSync(join(dist, 'app.json'))) {
  console.error('dist/weapp/app.json not found: run `npm run build:weapp` first (sizes are measured on the production build).');
  process.exit(1);
}

/** Every file under dist/weapp with its path relative to it (dot-files such as the build stamp are not shipped). */
function files(dir: string): ShippedFile[] {
  return readdirSync(dir).flatMap((name) => {
    if (name.startsWith('.')) return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [{ path: relative(dist, path).split(sep).join('/'), bytes: statSync(path).size }];
  });
}

const app = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8')) as AppJson;
const subRoots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/?$/, '/'));
const all = files(dist);
const bySub = new Map(subRoots.map((r) => [r, 0]));
let main = 0;
for (const file of all) {
  const sub = subRoots.find((r) => file.path.startsWith(r));
  if (sub) bySub.set(sub, (bySub.get(sub) ?? 0) + file.bytes);
  else main += file.bytes;
}
const total = all.reduce((sum, f) => sum + f.bytes, 0);

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const pct = (bytes: number, limit: number): string => `${((bytes / limit) * 100).toFixed(1)}% of ${kb(limit)}`;
console.log(`main package : ${kb(main)} (${pct(main, MAIN_LIMIT)})`);
for (const [sub, bytes] of bySub) console.log(`subpackage ${sub.padEnd(12)}: ${kb(bytes)}`);
if (bySub.size === 0) console.log('subpackages  : none');
console.log(`total        : ${kb(total)} (${pct(total, TOTAL_LIMIT)})`);
const largest = [...all].sort((a, b) => b.bytes - a.bytes).slice(0, 5);
console.log(`largest files: ${largest.map((f) => `${f.path} ${kb(f.bytes)}`).join(', ')}`);

if (main > MAIN_LIMIT || total > TOTAL_LIMIT) {
  console.error('over WeChat package size limit');
  process.exit(1);
}
