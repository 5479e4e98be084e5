#!/usr/bin/env node
// @ts-check
// `npm start` / `npm test` on a fresh machine: installs node_modules and the system packages the command needs, then
// runs it. Plain dependency-free JavaScript because it runs before node_modules exists (type-checked through JSDoc).
//
//   node scripts/bootstrap.mjs start|test [--prepare-only] [arguments for the command…]
//
// --prepare-only installs what is missing and stops (`npm run setup`); the decisions are tested in bootstrap.test.ts.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** @typedef {'start' | 'test'} Command */
/** @typedef {{ what: string, aptPackage: string, neededBy: (command: Command) => boolean, present: () => boolean }} SystemNeed */

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const LOCK_FILE = join(root, 'package-lock.json');
const NODE_MODULES = join(root, 'node_modules');
/** The hash of the package-lock.json node_modules was installed from (written after a successful `npm ci`). */
const STAMP = join(NODE_MODULES, '.package-lock.sha256');
/** npm's own record of the installed tree: a checkout installed by hand before stamps existed is judged by its age. */
const NPM_HIDDEN_LOCK = join(NODE_MODULES, '.package-lock.json');

/** What runs once the machine is ready: TypeScript through tsx's loader (one process, so signals reach it). */
const NEXT = { start: 'scripts/start.ts', test: 'scripts/test.ts' };

/** @param {string} line */
function say(line) {
  process.stdout.write(`[setup] ${line}\n`);
}

/**
 * Stops with one line saying what to do; under `npm test` also the closing summary line CI reads.
 * @param {Command} command
 * @param {string} line
 * @returns {never}
 */
function stop(command, line) {
  process.stderr.write(`[setup] ${line}\n`);
  if (command === 'test') process.stdout.write('tests: 0 passed, 1 failed\n');
  process.exit(1);
}

/** @param {string} name */
function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      // not in this folder
    }
  }
  return false;
}

/** A font covering Chinese, as fontconfig (Chromium's font lookup) sees it; no fontconfig counts as none. */
function hasCjkFont() {
  if (!onPath('fc-list')) return false;
  const listed = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  return listed.status === 0 && listed.stdout.trim().length > 0;
}

/** @type {SystemNeed[]} */
const SYSTEM_NEEDS = [
  // `npm start` can use a Redis the user owns (REDIS_URL); the tests always start their own redis-server.
  { what: 'redis-server', aptPackage: 'redis-server', neededBy: (c) => c === 'test' || !process.env.REDIS_URL, present: () => onPath('redis-server') },
  {
    what: 'chromium',
    aptPackage: 'chromium',
    neededBy: (c) => c === 'test',
    present: () => (process.env.CHROMIUM_PATH ? existsSync(process.env.CHROMIUM_PATH) : onPath('chromium')),
  },
  { what: 'CJK fonts', aptPackage: 'fonts-noto-cjk', neededBy: (c) => c === 'test', present: hasCjkFont },
];

function isRoot() {
  const id = spawnSync('id', ['-u'], { encoding: 'utf8' });
  return id.status === 0 && id.stdout.trim() === '0';
}

/** @returns {{ install: false } | { install: true, reason: string }} */
function nodeModulesDecision() {
  if (!existsSync(NODE_MODULES)) return { install: true, reason: 'node_modules is missing' };
  const lockHash = createHash('sha256').update(readFileSync(LOCK_FILE)).digest('hex');
  if (existsSync(STAMP)) {
    return readFileSync(STAMP, 'utf8').trim() === lockHash ? { install: false } : { install: true, reason: 'package-lock.json changed since the last npm ci' };
  }
  if (existsSync(NPM_HIDDEN_LOCK) && statSync(NPM_HIDDEN_LOCK).mtimeMs >= statSync(LOCK_FILE).mtimeMs) {
    writeFileSync(STAMP, `${lockHash}\n`);
    return { install: false };
  }
  return { install: true, reason: 'node_modules is older than package-lock.json' };
}

/** @param {Command} command */
function ensureNodeModules(command) {
  const decision = nodeModulesDecision();
  if (!decision.install) return;
  say(`${decision.reason}: running npm ci`);
  const lockHash = createHash('sha256').update(readFileSync(LOCK_FILE)).digest('hex');
  const ci = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (ci.error) stop(command, `npm ci could not start (${ci.error.message}): install Node.js with npm, then run npm ${command} again`);
  if (ci.status !== 0) stop(command, `npm ci failed (exit ${ci.status}); see npm's output above`);
  writeFileSync(STAMP, `${lockHash}\n`);
}

/** @param {Command} command */
function ensureSystemPackages(command) {
  const missing = SYSTEM_NEEDS.filter((need) => need.neededBy(command) && !need.present());
  if (missing.length === 0) return;
  const names = missing.map((need) => need.what).join(', ');
  const packages = missing.map((need) => need.aptPackage).join(' ');
  const hasApt = onPath('apt-get');
  if (!isRoot()) {
    if (hasApt) stop(command, `${names} not installed: run \`sudo apt-get update && sudo apt-get install -y ${packages}\`, then npm ${command} again`);
    stop(command, `${names} not installed: install ${packages} (Debian package names) with your system's package manager, then npm ${command} again`);
  }
  if (!hasApt) stop(command, `${names} not installed and apt-get is not available: install ${packages} (Debian package names), then npm ${command} again`);

  say(`${names} not installed: installing ${packages} with apt-get (update once, then install)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', ...packages.split(' ')],
  ]) {
    const run = spawnSync('apt-get', args, { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
    if (run.status !== 0) {
      process.stderr.write(`${(run.stdout ?? '') + (run.stderr ?? '')}`.split('\n').slice(-20).join('\n'));
      stop(command, `apt-get ${args[0]} failed (exit ${run.status}); run \`apt-get update && apt-get install -y ${packages}\` yourself and look at its output`);
    }
  }
  const still = missing.filter((need) => !need.present());
  if (still.length > 0) stop(command, `apt-get installed ${packages} but ${still.map((need) => need.what).join(', ')} is still not found (PATH, fc-list)`);
}

/**
 * @param {Command} command
 * @param {string[]} args
 */
function runCommand(command, args) {
  const child = spawn(process.execPath, ['--import', 'tsx', NEXT[command], ...args], { cwd: root, stdio: 'inherit' });
  // Ctrl-C reaches the whole foreground group; a signal sent to this process alone is passed on. The child decides.
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (command !== 'start' && command !== 'test') {
    process.stderr.write('usage: node scripts/bootstrap.mjs start|test [--prepare-only] [arguments…]\n');
    process.exit(2);
  }
  const prepareOnly = rest[0] === '--prepare-only';
  ensureNodeModules(command);
  ensureSystemPackages(command);
  if (prepareOnly) {
    say(`ready for npm ${command}`);
    return;
  }
  runCommand(command, rest);
}

main();
