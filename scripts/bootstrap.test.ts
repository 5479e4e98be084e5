// The bootstrap's decisions, on a copy of it in a temp folder with a fake machine: PATH holds only recording fakes of
// npm, apt-get and id (and of redis-server, chromium and fc-list once "installed"), so nothing is really installed
// and no root is needed.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BOOTSTRAP = join(__dirname, 'bootstrap.mjs');

interface FakeMachine {
  root: string;
  bin: string;
  /** Every call of a fake npm or apt-get, one line each. */
  calls(): string[];
  run(args: string[], env?: Record<string, string>): { status: number | null; stdout: string; stderr: string };
}

/** An executable shell script in the fake PATH (only shell built-ins and absolute paths inside: PATH is the fakes). */
function fake(bin: string, name: string, body: string): void {
  writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
}

const machines: string[] = [];
afterAll(() => {
  for (const dir of machines) rmSync(dir, { recursive: true, force: true });
});

function fakeMachine(options: { root: boolean; installed?: ('redis-server' | 'chromium' | 'fonts')[] }): FakeMachine {
  const dir = mkdtempSync(join(tmpdir(), 'bootstrap-test-'));
  machines.push(dir);
  const root = join(dir, 'repo');
  const bin = join(dir, 'bin');
  const log = join(dir, 'calls.log');
  mkdirSync(join(root, 'scripts'), { recursive: true });
  mkdirSync(bin);
  writeFileSync(log, '');
  copyFileSync(BOOTSTRAP, join(root, 'scripts', 'bootstrap.mjs'));
  writeFileSync(join(root, 'package-lock.json'), '{"lockfileVersion":3,"packages":{}}\n');

  fake(bin, 'id', `echo ${options.root ? 0 : 1000}`);
  fake(bin, 'npm', `echo "npm $*" >> ${log}\n/bin/mkdir -p node_modules`);
  const redis = () => `printf '#!/bin/sh\\n' > ${bin}/redis-server; /bin/chmod +x ${bin}/redis-server`;
  const chromium = () => `printf '#!/bin/sh\\n' > ${bin}/chromium; /bin/chmod +x ${bin}/chromium`;
  const fonts = () => `printf '#!/bin/sh\\necho "Noto Sans CJK SC"\\n' > ${bin}/fc-list; /bin/chmod +x ${bin}/fc-list`;
  // apt-get "installs" by creating the fake binary the package would bring.
  fake(
    bin,
    'apt-get',
    [
      `echo "apt-get $*" >> ${log}`,
      'for arg in "$@"; do case "$arg" in',
      `  redis-server) ${redis()} ;;`,
      `  chromium) ${chromium()} ;;`,
      `  fonts-noto-cjk) ${fonts()} ;;`,
      'esac; done',
    ].join('\n'),
  );
  for (const item of options.installed ?? []) {
    spawnSync('/bin/sh', ['-c', { 'redis-server': redis, chromium, fonts }[item]()]);
  }

  return {
    root,
    bin,
    calls: () => readFileSync(log, 'utf8').split('\n').filter(Boolean),
    run(args, env = {}) {
      const result = spawnSync(process.execPath, [join(root, 'scripts', 'bootstrap.mjs'), ...args], {
        cwd: root,
        encoding: 'utf8',
        env: { PATH: bin, HOME: dir, ...env },
      });
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    },
  };
}

const ALL: ('redis-server' | 'chromium' | 'fonts')[] = ['redis-server', 'chromium', 'fonts'];

describe('node_modules', () => {
  test('missing: npm ci runs once, then the stamp of package-lock.json keeps it from running again', () => {
    const machine = fakeMachine({ root: false, installed: ALL });
    const first = machine.run(['test', '--prepare-only']);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('node_modules is missing: running npm ci');
    expect(machine.calls()).toEqual(['npm ci --no-audit --no-fund']);
    expect(machine.run(['test', '--prepare-only']).status).toBe(0);
    expect(machine.calls()).toEqual(['npm ci --no-audit --no-fund']);
  });

  test('a stale stamp (package-lock.json changed) runs npm ci', () => {
    const machine = fakeMachine({ root: false, installed: ALL });
    mkdirSync(join(machine.root, 'node_modules'));
    writeFileSync(join(machine.root, 'node_modules', '.package-lock.sha256'), 'hash-of-an-older-lock-file\n');
    const result = machine.run(['start', '--prepare-only']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('package-lock.json changed since the last npm ci: running npm ci');
    expect(machine.calls()).toEqual(['npm ci --no-audit --no-fund']);
  });

  test('installed by hand without a stamp: judged by age (npm records the tree in node_modules/.package-lock.json)', () => {
    const machine = fakeMachine({ root: false, installed: ALL });
    const hidden = join(machine.root, 'node_modules', '.package-lock.json');
    mkdirSync(join(machine.root, 'node_modules'));
    writeFileSync(hidden, '{}');
    const lock = join(machine.root, 'package-lock.json');
    utimesSync(lock, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    expect(machine.run(['start', '--prepare-only']).status).toBe(0);
    expect(machine.calls()).toEqual([]);
    expect(existsSync(join(machine.root, 'node_modules', '.package-lock.sha256'))).toBe(true);

    // A lock file newer than that tree (a pull changed it) is a reinstall.
    const other = fakeMachine({ root: false, installed: ALL });
    mkdirSync(join(other.root, 'node_modules'));
    writeFileSync(join(other.root, 'node_modules', '.package-lock.json'), '{}');
    utimesSync(join(other.root, 'node_modules', '.package-lock.json'), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    expect(other.run(['start', '--prepare-only']).stdout).toContain('node_modules is older than package-lock.json: running npm ci');
    expect(other.calls()).toEqual(['npm ci --no-audit --no-fund']);
  });

  test('npm ci failing stops the command, and under npm test still closes with the summary line', () => {
    const machine = fakeMachine({ root: false, installed: ALL });
    fake(machine.bin, 'npm', 'exit 7');
    const result = machine.run(['test', '--prepare-only']);
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe("[setup] npm ci failed (exit 7); see npm's output above");
    expect(result.stdout.trim().split('\n').pop()).toBe('tests: 0 passed, 1 failed');
  });
});

describe('system packages', () => {
  test('not root and redis-server missing: one line naming the exact command, nothing installed', () => {
    const machine = fakeMachine({ root: false, installed: ['chromium', 'fonts'] });
    mkdirSync(join(machine.root, 'node_modules'));
    writeFileSync(join(machine.root, 'node_modules', '.package-lock.json'), '{}');
    const result = machine.run(['start', '--prepare-only']);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('[setup] redis-server not installed: run `sudo apt-get update && sudo apt-get install -y redis-server`, then npm start again\n');
    expect(machine.calls()).toEqual([]);
  });

  test('npm test also needs chromium and CJK fonts; npm start does not', () => {
    const machine = fakeMachine({ root: false, installed: ['redis-server'] });
    mkdirSync(join(machine.root, 'node_modules'));
    writeFileSync(join(machine.root, 'node_modules', '.package-lock.json'), '{}');
    expect(machine.run(['start', '--prepare-only']).status).toBe(0);
    const test = machine.run(['test', '--prepare-only']);
    expect(test.status).toBe(1);
    expect(test.stderr).toBe('[setup] chromium, CJK fonts not installed: run `sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk`, then npm test again\n');
    expect(machine.calls()).toEqual([]);
  });

  test('npm start with REDIS_URL needs no redis-server', () => {
    const machine = fakeMachine({ root: false });
    mkdirSync(join(machine.root, 'node_modules'));
    writeFileSync(join(machine.root, 'node_modules', '.package-lock.json'), '{}');
    expect(machine.run(['start', '--prepare-only'], { REDIS_URL: 'redis://127.0.0.1:6390' }).status).toBe(0);
    expect(machine.calls()).toEqual([]);
  });

  test('as root with apt-get: one update, one install of everything missing, and nothing twice on the next run', () => {
    const machine = fakeMachine({ root: true });
    const first = machine.run(['test', '--prepare-only']);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('[setup] redis-server, chromium, CJK fonts not installed: installing redis-server chromium fonts-noto-cjk with apt-get (update once, then install)');
    expect(machine.calls()).toEqual(['npm ci --no-audit --no-fund', 'apt-get update -qq', 'apt-get install -y -qq redis-server chromium fonts-noto-cjk']);

    const second = machine.run(['test', '--prepare-only']);
    expect(second.status).toBe(0);
    expect(second.stdout).toBe('[setup] ready for npm test\n');
    expect(machine.calls()).toHaveLength(3);
  });

  test('as root without apt-get: one line naming the packages', () => {
    const machine = fakeMachine({ root: true, installed: ['redis-server', 'chromium'] });
    rmSync(join(machine.bin, 'apt-get'));
    mkdirSync(join(machine.root, 'node_modules'));
    writeFileSync(join(machine.root, 'node_modules', '.package-lock.json'), '{}');
    const result = machine.run(['test', '--prepare-only']);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('[setup] CJK fonts not installed and apt-get is not available: install fonts-noto-cjk (Debian package names), then npm test again\n');
    expect(result.stdout).toBe('tests: 0 passed, 1 failed\n');
  });
});
