// Login screen behaviour: WeChat login on weapp, demo applicant picker on H5, both landing on the overview.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { taroMock } from '../../test/taro-mock';
import { installFakeBff, seedSession, type FakeBff } from '../../test/fakeBff';
import { getToken } from '../../services/session';
import LoginPage from './index';

let bff: FakeBff;
const expiresAt = () => new Date(Date.now() + 3600_000).toISOString();

beforeEach(() => {
  bff = installFakeBff();
  delete process.env.TARO_ENV;
});

afterAll(() => {
  delete process.env.TARO_ENV;
});

it('weapp: exchanges the WeChat login code for a session and opens the overview', async () => {
  taroMock.enqueue('login', { ok: { code: 'wx-code', errMsg: 'login:ok' } });
  bff.on('POST /api/session', () => ({ status: 201, data: { token: 'tok', expiresAt: expiresAt() } }));
  render(<LoginPage />);
  await act(async () => {
    fireEvent.click(screen.getByText('微信一键登录'));
  });
  await waitFor(() => expect(taroMock.calls('reLaunch')).toHaveLength(1));
  expect(taroMock.calls('reLaunch')[0].url).toBe('/pages/overview/index');
  expect(bff.requests[0].body).toEqual({ code: 'wx-code' });
  expect(getToken()).toBe('tok');
});

it('weapp: says what went wrong when WeChat login fails, and stays on the page', async () => {
  taroMock.enqueue('login', { fail: 'system error' });
  render(<LoginPage />);
  await act(async () => {
    fireEvent.click(screen.getByText('微信一键登录'));
  });
  expect(await screen.findByText('微信登录失败，请检查网络后重试')).toBeTruthy();
  expect(taroMock.calls('reLaunch')).toHaveLength(0);
});

it('goes straight to the overview when a session is already stored', () => {
  seedSession();
  render(<LoginPage />);
  expect(taroMock.calls('reLaunch')[0].url).toBe('/pages/overview/index');
});

it('H5 demo: lists the applicants with 个人/单位 and logs in as the one picked', async () => {
  process.env.TARO_ENV = 'h5';
  bff.on('GET /api/session/dev', () => ({
    data: [
      { applicantId: 'a-1', name: '王芳', kind: 'personal' },
      { applicantId: 'a-2', name: '深圳市示例科技有限公司', kind: 'organisation' },
    ],
  }));
  bff.on('POST /api/session/dev', (req) => ({ data: { token: `dev-${req.body.applicantId}`, expiresAt: expiresAt() } }));
  render(<LoginPage />);
  expect(await screen.findByText('王芳')).toBeTruthy();
  expect(screen.getByText('个人备案')).toBeTruthy();
  expect(screen.getByText('单位备案')).toBeTruthy();
  expect(screen.queryByText('微信一键登录')).toBeNull();
  await act(async () => {
    fireEvent.click(screen.getByText('深圳市示例科技有限公司'));
  });
  await waitFor(() => expect(taroMock.calls('reLaunch')).toHaveLength(1));
  expect(getToken()).toBe('dev-a-2');
});
