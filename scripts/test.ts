// The README's test command after the bootstrap: every jest project in one run (the `static` project runs typecheck
// and lint as tests, so their failures count), then one summary line from jest's JSON results.
// Extra arguments are passed to jest (e.g. `npm test -- --selectProjects shared`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The part of jest's --json output the summary needs. */
interface JestResults {
  numPassedTests: number;
  numFailedTests: number;
  numTotalTests: number;
  numRuntimeErrorTestSuites?: number;
}

const root = join(__dirname, '..');
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

/** Passed and failed tests of the whole run; no results file (jest could not start) or no test run counts as a failure. */
function summary(): { passed: number; failed: number } {
  if (!existsSync(out)) return { passed: 0, failed: 1 };
  const results = JSON.parse(readFileSync(out, 'utf8')) as JestResults;
  // A suite that failed to load (syntax error, a throwing import) has no failed test of its own: count it.
  const failed = results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0);
  return { passed: results.numPassedTests, failed: results.numTotalTests === 0 ? failed + 1 : failed };
}

const { passed, failed } = summary();
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
