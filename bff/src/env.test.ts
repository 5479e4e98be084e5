// Unit tests of the configuration parser: defaults, the host map, production's own secrets, demo mode's loopback
// default, and errors that name the variable.
import { randomBytes } from 'node:crypto';
import { parseEnv, PRODUCTION_SECRETS } from './env';

/** Secrets as an operator makes them (`openssl rand -hex 32`, `openssl rand -base64 32`). */
const secrets = {
  REVIEW_CALLBACK_SECRET: randomBytes(32).toString('hex'),
  SMS_CODE_SECRET: randomBytes(32).toString('base64'),
  MATERIALS_SECRET: randomBytes(32).toString('base64url'),
};

const minimal = {
  REVIEW_SYSTEM_URL: 'http://127.0.0.1:4100',
  REVIEW_API_KEY: 'key',
  WECHAT_API_URL: 'http://127.0.0.1:4100',
  SMS_GATEWAY_URL: 'http://127.0.0.1:4100',
  SMTP_URL: 'smtp://127.0.0.1:2525',
  ...secrets,
};

test('defaults: port 3000 on every interface, demo mode off, no trusted proxy', () => {
  const env = parseEnv(minimal);
  expect(env.PORT).toBe(3000);
  expect(env.HOST).toBe('0.0.0.0');
  expect(env.DEMO_MODE).toBe(false);
  expect(env.TRUST_PROXY_HOPS).toBe(0);
  expect(env.HOMEPAGE_HOST_MAP).toEqual({});
});

describe('production refuses to start without its own secrets', () => {
  const production = { ...minimal, REVIEW_CALLBACK_SECRET: undefined, SMS_CODE_SECRET: undefined, MATERIALS_SECRET: undefined };

  test('missing: the callback secret is required, and the defaults of the other two are refused', () => {
    const error = errorOf(() => parseEnv(production));
    for (const name of PRODUCTION_SECRETS) expect(error).toContain(name);
    expect(error).toMatch(/openssl rand -hex 32/);
  });

  test.each([
    ['SMS_CODE_SECRET', 'change-me-sms-code-secret', /public default/],
    ['MATERIALS_SECRET', 'change-me-materials-secret', /public default/],
    ['REVIEW_CALLBACK_SECRET', 'demo-callback-secret', /public default/],
    ['REVIEW_CALLBACK_SECRET', 'test-callback-secret', /public default/],
    ['MATERIALS_SECRET', randomBytes(16).toString('hex'), /too short \(16 bytes\)/],
    ['SMS_CODE_SECRET', randomBytes(24).toString('base64'), /too short \(24 bytes\)/],
    ['MATERIALS_SECRET', 'correct-horse-battery-staple', /too short/],
    ['REVIEW_CALLBACK_SECRET', 'a'.repeat(80), /does not look random/],
    ['SMS_CODE_SECRET', 'ab'.repeat(40), /does not look random/],
  ])('%s=%s is refused, naming the variable', (name, value, why) => {
    const error = errorOf(() => parseEnv({ ...minimal, [name]: value }));
    expect(error).toContain(name);
    expect(error).toMatch(why);
    // Only that variable is named: the others are fine.
    for (const other of PRODUCTION_SECRETS.filter((n) => n !== name)) expect(error).not.toContain(other);
  });

  test('a long passphrase of any characters counts by its bytes', () => {
    expect(() => parseEnv({ ...minimal, MATERIALS_SECRET: '这是一段足够长而且不会出现在任何仓库里的运维口令，共有三十多个字' })).not.toThrow();
  });
});

describe('demo mode', () => {
  const demo = { ...minimal, DEMO_MODE: 'true', REVIEW_CALLBACK_SECRET: 'demo-callback-secret', SMS_CODE_SECRET: undefined, MATERIALS_SECRET: undefined };

  test('accepts the public defaults and listens on loopback', () => {
    const env = parseEnv(demo);
    expect(env.DEMO_MODE).toBe(true);
    expect(env.HOST).toBe('127.0.0.1');
    expect(env.MATERIALS_SECRET).toBe('change-me-materials-secret');
  });

  test('listens where HOST says when it is set', () => {
    expect(parseEnv({ ...demo, HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
  });
});

test('TRUST_PROXY_HOPS is a small count', () => {
  expect(parseEnv({ ...minimal, TRUST_PROXY_HOPS: '2' }).TRUST_PROXY_HOPS).toBe(2);
  expect(() => parseEnv({ ...minimal, TRUST_PROXY_HOPS: 'all' })).toThrow(/TRUST_PROXY_HOPS/);
  expect(() => parseEnv({ ...minimal, TRUST_PROXY_HOPS: '-1' })).toThrow(/TRUST_PROXY_HOPS/);
});

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected the configuration to be refused');
}

test('HOMEPAGE_HOST_MAP maps hosts to addresses', () => {
  const env = parseEnv({ ...minimal, HOMEPAGE_HOST_MAP: 'www.a.cn=127.0.0.1:4100, B.cn=10.0.0.2' });
  expect(env.HOMEPAGE_HOST_MAP).toEqual({ 'www.a.cn': { host: '127.0.0.1', port: 4100 }, 'b.cn': { host: '10.0.0.2', port: null } });
});

test('a wrong setting stops with a message naming each variable', () => {
  expect(() => parseEnv({ ...minimal, PORT: 'eighty', REDIS_URL: 'localhost:6379' })).toThrow(/PORT[\s\S]*REDIS_URL|REDIS_URL[\s\S]*PORT/);
  expect(() => parseEnv({ ...minimal, HOMEPAGE_HOST_MAP: 'www.a.cn' })).toThrow(/HOMEPAGE_HOST_MAP/);
  const { REVIEW_API_KEY: _omitted, ...withoutKey } = minimal;
  expect(() => parseEnv(withoutKey)).toThrow(/REVIEW_API_KEY/);
});
