// Builds dist/weapp before the weapp tests when it is missing or older than the sources (stale check by mtime),
// so `npm test` works on a fresh clone and after any source change.
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync, utimesSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..', '..', '..');
const stamp = join(root, 'dist', 'weapp', '.build-stamp');
const SOURCES = ['miniapp', 'shared', 'config', 'babel.config.js', 'package.json'];

/** Newest mtime among the files the weapp build reads (tests do not count: they are not compiled). */
function newestSourceMtime(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return /\.test\.tsx?$/.test(path) ? 0 : info.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) {
    if (name === 'test' || name === 'node_modules' || name.startsWith('.')) continue;
    newest = Math.max(newest, newestSourceMtime(join(path, name)));
  }
  return newest;
}

function isStale() {
  if (!existsSync(stamp) || !existsSync(join(root, 'dist', 'weapp', 'app.js'))) return true;
  const built = statSync(stamp).mtimeMs;
  return SOURCES.some((source) => existsSync(join(root, source)) && newestSourceMtime(join(root, source)) > built);
}

/** Builds if (still) stale and stamps the build; run inside the lock below. */
function buildNow() {
  if (!isStale()) return false;
  const startedAt = Date.now();
  const taro = join(root, 'node_modules', '@tarojs', 'cli', 'bin', 'taro');
  execFileSync(process.execPath, [taro, 'build', '--type', 'weapp'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (!existsSync(join(root, 'dist', 'weapp', 'app.js'))) throw new Error('[weapp] taro build --type weapp produced no dist/weapp/app.js');
  // The stamp carries the build's start time, so a source saved during the build still counts as newer.
  writeFileSync(stamp, new Date(startedAt).toISOString());
  utimesSync(stamp, startedAt / 1000, startedAt / 1000);
  return true;
}

module.exports = async function buildWeappIfStale() {
  if (!isStale()) return;
  const startedAt = Date.now();
  process.stdout.write('\n[weapp] dist/weapp is missing or older than its sources: building it (≈ 20-60 s)…\n');
  // One build at a time on this machine (several test runs may start together): this file, run as a script under
  // flock, re-checks staleness inside the lock and builds.
  try {
    execFileSync('flock', ['/tmp/beian-weapp-build.lock', process.execPath, __filename], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  } catch (err) {
    if (err && err.code === 'ENOENT') buildNow();
    else throw err;
  }
  if (!existsSync(stamp)) throw new Error('[weapp] the weapp build did not finish; see the build output above');
  process.stdout.write(`[weapp] ready after ${Math.round((Date.now() - startedAt) / 1000)} s\n`);
};
module.exports.isStale = isStale;

if (require.main === module) buildNow();
