#!/usr/bin/env node
// The README's test command: every jest project in one run, then one summary line from jest's JSON results.
// Extra arguments are passed to jest (e.g. `npm test -- --selectProjects shared`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'artifacts', 'jest-results.json');
mkdirSync(dirname(out), { recursive: true });
rmSync(out, { force: true });

const jest = join(root, 'node_modules', 'jest', 'bin', 'jest.js');
// --forceExit: a handle a library leaves open (a socket in its reconnect loop) must never hang CI after the results are in.
const run = spawnSync(process.execPath, [jest, '--json', `--outputFile=${out}`, '--forceExit', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : process.env.FORCE_COLOR },
});

let passed = 0;
let failed = 0;
if (existsSync(out)) {
  const results = JSON.parse(readFileSync(out, 'utf8'));
  passed = results.numPassedTests;
  failed = results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0);
  if (results.numTotalTests === 0) failed += 1; // a run that ran nothing is a failure
} else {
  failed = 1;
}
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
