// Unit tests of the configuration parser: defaults, the host map, and errors that name the variable.
import { parseEnv } from './env';

const minimal = {
  REVIEW_SYSTEM_URL: 'http://127.0.0.1:4100',
  REVIEW_API_KEY: 'key',
  REVIEW_CALLBACK_SECRET: 'callback-secret',
  WECHAT_API_URL: 'http://127.0.0.1:4100',
  SMS_GATEWAY_URL: 'http://127.0.0.1:4100',
  SMTP_URL: 'smtp://127.0.0.1:2525',
};

test('defaults: port 3000, demo mode off', () => {
  const env = parseEnv(minimal);
  expect(env.PORT).toBe(3000);
  expect(env.DEMO_MODE).toBe(false);
  expect(env.HOMEPAGE_HOST_MAP).toEqual({});
});

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
