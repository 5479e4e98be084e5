// The repository's own checks as tests of the `static` jest project: `npm test` fails (and counts it) on a type error,
// a lint finding or a file Prettier would change. The three run at once in child processes (they are independent).
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..');
const bin = (name: string): string => join(root, 'node_modules', '.bin', name);

interface Outcome {
  code: number | null;
  output: string;
}

function run(command: string, args: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    // Plain text in jest's report: NO_COLOR, and no FORCE_COLOR at all (picocolors colours when it is set, even to 0).
    const { FORCE_COLOR: _ignored, ...env } = process.env;
    const child = spawn(command, args, { cwd: root, env: { ...env, NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (err) => resolve({ code: null, output: `${command} could not start: ${err.message}` }));
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** The end of a long report is where the totals are; the whole of it would drown jest's output. */
const tail = (output: string, lines = 60): string => output.trim().split('\n').slice(-lines).join('\n');

const checks: Record<string, Promise<Outcome>> = {};
beforeAll(() => {
  checks.typecheck = run(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
  checks.eslint = run(bin('eslint'), ['.', '--max-warnings', '0']);
  checks.prettier = run(bin('prettier'), ['--check', '.']);
});

test('typecheck: tsc -p tsconfig.json --noEmit passes', async () => {
  const { code, output } = await checks.typecheck;
  if (code !== 0) throw new Error(`tsc found type errors (exit ${code}):\n${tail(output)}`);
}, 600_000);

test('lint: eslint . reports nothing', async () => {
  const { code, output } = await checks.eslint;
  if (code !== 0) throw new Error(`eslint found problems (exit ${code}); \`npm run lint:fix\` fixes some:\n${tail(output)}`);
}, 600_000);

test('format: prettier --check . finds every file formatted', async () => {
  const { code, output } = await checks.prettier;
  if (code !== 0) throw new Error(`prettier would change files (exit ${code}); \`npm run format\` rewrites them:\n${tail(output)}`);
}, 600_000);
