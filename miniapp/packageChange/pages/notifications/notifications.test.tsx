// 通知设置: the switches show what is stored, save at once and say so; a failed save says why and puts the switch back.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { installFakeBff, seedSession, type FakeBff } from '../../../test/fakeBff';
import NotificationSettingsPage from './index';

let bff: FakeBff;
const ALL_ON = { channels: { wechat: true, sms: true, mail: true }, notifyReplacedPrincipal: true };

beforeEach(() => {
  bff = installFakeBff();
  seedSession();
});

const switchNamed = (name: string) => screen.getByRole('switch', { name });

it('shows each setting as stored, as a named switch', async () => {
  bff.on('GET /api/settings/notifications', () => ({ data: { settings: { ...ALL_ON, channels: { wechat: true, sms: false, mail: true } } } }));
  render(<NotificationSettingsPage />);
  await screen.findByText('通知渠道');
  expect(switchNamed('短信').getAttribute('aria-checked')).toBe('false');
  expect(switchNamed('邮件').getAttribute('aria-checked')).toBe('true');
  expect(switchNamed('微信订阅消息').getAttribute('aria-checked')).toBe('true');
  expect(switchNamed('通知被更换的原负责人').getAttribute('aria-checked')).toBe('true');
});

it('a tap saves the whole settings at once and says 已保存', async () => {
  let stored = ALL_ON;
  bff.on('GET /api/settings/notifications', () => ({ data: { settings: stored } }));
  bff.on('PUT /api/settings/notifications', (req) => {
    stored = req.body;
    return { data: { settings: stored } };
  });
  render(<NotificationSettingsPage />);
  await screen.findByText('通知渠道');
  await act(async () => {
    fireEvent.click(switchNamed('短信'));
  });
  expect(await screen.findByText('已保存：短信通知已关闭')).toBeTruthy();
  expect(stored).toEqual({ ...ALL_ON, channels: { wechat: true, sms: false, mail: true } });
  expect(switchNamed('短信').getAttribute('aria-checked')).toBe('false');
});

it('a failed save names the setting and the reason, and the switch goes back', async () => {
  bff.on('GET /api/settings/notifications', () => ({ data: { settings: ALL_ON } }));
  bff.on('PUT /api/settings/notifications', () => ({ status: 500, data: { code: 'internal_error', message: '服务出错了，请稍后重试' } }));
  render(<NotificationSettingsPage />);
  await screen.findByText('通知渠道');
  await act(async () => {
    fireEvent.click(switchNamed('通知被更换的原负责人'));
  });
  await waitFor(() => expect(screen.getByText('保存失败（通知原负责人已关闭未生效）：服务出错了，请稍后重试')).toBeTruthy());
  expect(switchNamed('通知被更换的原负责人').getAttribute('aria-checked')).toBe('true');
});

it('in the web version the WeChat row says where to subscribe, not to tap a button the web progress page does not have', async () => {
  bff.on('GET /api/settings/notifications', () => ({ data: { settings: ALL_ON } }));
  const before = process.env.TARO_ENV;
  process.env.TARO_ENV = 'h5';
  try {
    render(<NotificationSettingsPage />);
    await screen.findByText('通知渠道');
    expect(screen.getByText(/网页版不能订阅：请在微信小程序的进度页/)).toBeTruthy();
    expect(screen.queryByText(/（需在进度页点击/)).toBeNull();
    expect(switchNamed('微信订阅消息').getAttribute('aria-checked')).toBe('true');
  } finally {
    process.env.TARO_ENV = before;
  }
});

it('in the mini program the WeChat row points at the subscribe button of the progress page', async () => {
  bff.on('GET /api/settings/notifications', () => ({ data: { settings: ALL_ON } }));
  render(<NotificationSettingsPage />);
  await screen.findByText('通知渠道');
  expect(screen.getByText('审核结果通过微信服务通知发给您（需在进度页点击“订阅审核结果通知”授权）。')).toBeTruthy();
});
