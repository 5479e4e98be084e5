// The 负责人核验 section: an item per person in each state, a failure's reason with 重新核验, opening a pending task, and
// the refresh that notices a completion (checklist reloaded).
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { taroMock } from '../../test/taro-mock';
import { installFakeBff, seedSession, type FakeBff } from '../../test/fakeBff';
import type { PrincipalVerification } from '../../services/api';
import { PrincipalVerifications } from './PrincipalVerifications';

let bff: FakeBff;
beforeEach(() => {
  bff = installFakeBff();
  seedSession();
});
afterEach(() => {
  jest.useRealTimers();
});

const item = (changes: Partial<PrincipalVerification>): PrincipalVerification => ({
  role: 'websitePrincipal',
  who: '网站负责人',
  name: '周*峰',
  mobile: '137****5498',
  status: 'not_started',
  reason: null,
  entry: null,
  expiresAt: null,
  smsSent: false,
  canStart: true,
  ...changes,
});
const PENDING = item({
  status: 'pending',
  canStart: false,
  smsSent: true,
  expiresAt: '2026-12-02T04:00:00.000Z',
  entry: { h5Url: 'http://sandbox.test/v/abc', appId: 'wxverify', path: 'pages/verify/index?t=abc', demo: false },
});
const PATH = 'GET /api/changes/chg_1/verifications';

it('shows nothing for a change nobody must verify', async () => {
  bff.on(PATH, () => ({ data: { verifications: [] } }));
  const { container } = render(<PrincipalVerifications changeId="chg_1" version={1} editable onChanged={() => undefined} />);
  await waitFor(() => expect(bff.count(PATH)).toBe(1));
  expect(container.textContent).toBe('');
});

it('starts a verification, then shows it pending with where the link went, and opens the verification mini-program', async () => {
  bff.on(PATH, () => ({ data: { verifications: [item({})] } }));
  bff.on('POST /api/changes/chg_1/verifications/websitePrincipal', () => ({ status: 201, data: PENDING }));
  const onChanged = jest.fn();
  render(<PrincipalVerifications changeId="chg_1" version={1} editable onChanged={onChanged} />);
  expect(await screen.findByText('未开始')).toBeTruthy();
  expect(screen.getByText('网站负责人已更换，需由本人持身份证在手机上完成人脸核验；核验链接将以短信发送至 137****5498')).toBeTruthy();
  fireEvent.click(screen.getByText('发起核验'));
  expect(await screen.findByText('待核验')).toBeTruthy();
  expect(screen.getByText('核验链接已发送至 137****5498，请本人在 2026-12-02 12:00 前完成；完成后本页自动更新')).toBeTruthy();
  expect(onChanged).toHaveBeenCalled();
  fireEvent.click(screen.getByText('打开核验'));
  await waitFor(() => expect(taroMock.calls('navigateToMiniProgram')).toEqual([expect.objectContaining({ appId: 'wxverify', path: 'pages/verify/index?t=abc' })]));
});

it('in the demo (no verification mini-program) copies the page link instead', async () => {
  bff.on(PATH, () => ({ data: { verifications: [{ ...PENDING, entry: { ...PENDING.entry!, demo: true } }] } }));
  render(<PrincipalVerifications changeId="chg_1" version={1} editable onChanged={() => undefined} />);
  fireEvent.click(await screen.findByText('打开核验'));
  await waitFor(() => expect(taroMock.calls('setClipboardData')).toEqual([expect.objectContaining({ data: 'http://sandbox.test/v/abc' })]));
  expect(taroMock.calls('navigateToMiniProgram')).toEqual([]);
});

it('shows a failure with its reason and offers 重新核验; an expired task too', async () => {
  bff.on(PATH, () => ({
    data: {
      verifications: [
        item({ status: 'failed', reason: '光线不足：人脸识别时光线太暗或逆光，请到光线充足处正对镜头重新核验' }),
        item({ role: 'entityPrincipal', who: '主体负责人', name: '李*', status: 'expired' }),
      ],
    },
  }));
  render(<PrincipalVerifications changeId="chg_1" version={1} editable onChanged={() => undefined} />);
  expect(await screen.findByText('未通过')).toBeTruthy();
  expect(screen.getByText('光线不足：人脸识别时光线太暗或逆光，请到光线充足处正对镜头重新核验')).toBeTruthy();
  expect(screen.getByText('已过期')).toBeTruthy();
  expect(screen.getAllByText('重新核验')).toHaveLength(2);
});

it('looks again with backoff while a verification is pending and reports the completion', async () => {
  jest.useFakeTimers();
  let status: PrincipalVerification = PENDING;
  bff.on(PATH, () => ({ data: { verifications: [status] } }));
  const onChanged = jest.fn();
  render(<PrincipalVerifications changeId="chg_1" version={1} editable onChanged={onChanged} />);
  await act(async () => {
    await jest.advanceTimersByTimeAsync(0);
  });
  expect(screen.getByText('待核验')).toBeTruthy();
  const first = bff.count(PATH);
  await act(async () => {
    await jest.advanceTimersByTimeAsync(2000);
  });
  expect(bff.count(PATH)).toBe(first + 1);
  // The next look waits longer (3 s), not another 2 s.
  await act(async () => {
    await jest.advanceTimersByTimeAsync(2000);
  });
  expect(bff.count(PATH)).toBe(first + 1);
  status = item({ status: 'passed', canStart: false });
  await act(async () => {
    await jest.advanceTimersByTimeAsync(1000);
  });
  expect(screen.getByText('已通过')).toBeTruthy();
  expect(onChanged).toHaveBeenCalledTimes(1);
  // Nothing pending: no more looks.
  const settled = bff.count(PATH);
  await act(async () => {
    await jest.advanceTimersByTimeAsync(60_000);
  });
  expect(bff.count(PATH)).toBe(settled);
});
