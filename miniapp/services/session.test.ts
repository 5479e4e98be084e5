// The stored session: a token is used until it expires, and nothing but the token and its expiry is stored.
import { taroMock } from '../test/taro-mock';
import { clearToken, getToken, hasSession, setToken } from './session';

it('keeps the token until it expires', () => {
  setToken('tok', '2026-11-26T10:00:00.000Z');
  expect(getToken(new Date('2026-11-26T09:59:59.000Z'))).toBe('tok');
  expect(getToken(new Date('2026-11-26T10:00:00.000Z'))).toBeNull();
});

it('stores only the opaque token and its expiry', () => {
  setToken('tok', '2099-01-01T00:00:00.000Z');
  expect([...taroMock.storage.values()]).toEqual([{ token: 'tok', expiresAt: '2099-01-01T00:00:00.000Z' }]);
});

it('forgets the session on clearToken and ignores malformed storage', () => {
  setToken('tok', '2099-01-01T00:00:00.000Z');
  clearToken();
  expect(hasSession()).toBe(false);
  taroMock.storage.set('beian.session', 'garbage');
  expect(getToken()).toBeNull();
});
