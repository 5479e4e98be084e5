// Progress screen behaviour: timeline with reviewer reasons, MIIT check notice, 去修改 / 撤回 visibility, subscribing.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { taroMock } from '../../test/taro-mock';
import { buildDraft, buildProgress, installFakeBff, seedSession, type FakeBff } from '../../test/fakeBff';
import { SUBSCRIBE_TEMPLATE_LIST } from '../../services/config';
import type { Progress } from '../../services/api';
import ProgressPage from './index';
import { nextDelay, REFRESH_FIRST_MS, REFRESH_MAX_MS } from './useAutoRefresh';

let bff: FakeBff;

beforeEach(() => {
  bff = installFakeBff();
  seedSession();
  taroMock.setRouterParams({ changeId: 'change-1' });
});

const rejectedProgress = buildProgress({
  status: 'initial_rejected',
  timeline: [
    { id: 't1', at: '2026-11-20T01:00:00.000Z', status: 'submitted', title: '已提交变更申请', detail: null, reasons: [] },
    { id: 't2', at: '2026-11-20T01:00:05.000Z', status: 'initial_review', title: '服务商初审中', detail: null, reasons: [] },
    {
      id: 't3',
      at: '2026-11-21T02:30:00.000Z',
      status: 'initial_rejected',
      title: '初审未通过',
      detail: '请按审核意见修改后重新提交',
      reasons: [
        { target: { type: 'field', path: 'name' }, message: '网站名称不能含有“论坛”字样' },
        { target: { type: 'material', path: 'website_principal.id_front' }, message: '证件照片四角不完整，请重新拍摄' },
      ],
    },
  ],
});

it('shows the timeline in Beijing time with every reviewer reason tied to its field or material, and 去修改 opens the wizard', async () => {
  bff.on('GET /api/changes/change-1/progress', () => ({ data: rejectedProgress }));
  render(<ProgressPage />);
  expect(await screen.findByText('网站名称不能含有“论坛”字样')).toBeTruthy();
  expect(screen.getByText('网站名称：')).toBeTruthy();
  expect(screen.getByText('网站负责人证件正面照片：')).toBeTruthy();
  expect(screen.getByText('证件照片四角不完整，请重新拍摄')).toBeTruthy();
  expect(screen.getByText('2026-11-21 10:30')).toBeTruthy();
  expect(screen.getByText('请按审核意见修改后重新提交')).toBeTruthy();
  expect(screen.queryByText('撤回')).toBeNull();
  fireEvent.click(screen.getByText('去修改'));
  // The first flagged item (the website name) is opened directly.
  expect(taroMock.calls('navigateTo')[0].url).toBe('/packageChange/pages/wizard/index?changeId=change-1&step=website&focus=name');
});

it('offers neither 去修改 nor 撤回 while the authority reviews, and shows the MIIT SMS check with its deadline', async () => {
  bff.on('GET /api/changes/change-1/progress', () => ({
    data: buildProgress({
      status: 'authority_review',
      miitCheck: { deadline: '2026-11-25T04:00:00.000Z', instructions: '请按工信部短信提示，回复验证码、手机号和身份证号后六位完成核验。' },
    }),
  }));
  render(<ProgressPage />);
  expect(await screen.findByText('请在 2026-11-25 12:00 前完成工信部短信核验')).toBeTruthy();
  expect(screen.getByText('请按工信部短信提示，回复验证码、手机号和身份证号后六位完成核验。')).toBeTruthy();
  expect(screen.queryByText('去修改')).toBeNull();
  expect(screen.queryByText('撤回')).toBeNull();
});

it('withdraws after the applicant confirms, and shows the new status', async () => {
  let status: 'initial_review' | 'withdrawn' = 'initial_review';
  bff.on('GET /api/changes/change-1/progress', () => ({ data: buildProgress({ status }) }));
  bff.on('POST /api/changes/change-1/withdraw', () => {
    status = 'withdrawn';
    return { data: buildDraft({ status }) };
  });
  taroMock.enqueue('showModal', { ok: { confirm: true, cancel: false } });
  render(<ProgressPage />);
  const button = await screen.findByText('撤回');
  await act(async () => {
    fireEvent.click(button);
  });
  await waitFor(() => expect(screen.getAllByText('已撤回').length).toBeGreaterThan(0));
  expect(taroMock.calls('showModal')[0].title).toBe('撤回变更申请');
  expect(bff.count('POST /api/changes/change-1/withdraw')).toBe(1);
  expect(screen.queryByText('订阅审核结果通知')).toBeNull();
});

it('does not withdraw when the applicant cancels the dialog', async () => {
  bff.on('GET /api/changes/change-1/progress', () => ({ data: buildProgress({ status: 'initial_review' }) }));
  taroMock.enqueue('showModal', { ok: { confirm: false, cancel: true } });
  render(<ProgressPage />);
  const button = await screen.findByText('撤回');
  await act(async () => {
    fireEvent.click(button);
  });
  await waitFor(() => expect(taroMock.calls('showModal')).toHaveLength(1));
  expect(bff.count('POST /api/changes/change-1/withdraw')).toBe(0);
});

it('asks WeChat for the subscription inside the tap, before telling the BFF which templates were accepted', async () => {
  bff.on('GET /api/changes/change-1/progress', () => ({ data: buildProgress({ status: 'initial_review', subscriptionsLeft: 0 }) }));
  bff.on('POST /api/changes/change-1/subscriptions', (req) => ({ data: { subscriptionsLeft: req.body.templateIds.length } }));
  const [accepted, rejected] = SUBSCRIBE_TEMPLATE_LIST;
  taroMock.enqueue('requestSubscribeMessage', { ok: { [accepted]: 'accept', [rejected]: 'reject', errMsg: 'requestSubscribeMessage:ok' } });
  render(<ProgressPage />);
  const button = await screen.findByText('订阅审核结果通知');
  const requestsBefore = taroMock.callOrder().filter((api) => api === 'request').length;
  fireEvent.click(button);
  // Synchronously within the tap handler: WeChat refuses the prompt once the gesture has passed.
  expect(taroMock.calls('requestSubscribeMessage')).toHaveLength(1);
  expect(await screen.findByText('已订阅，还可接收 1 次微信通知')).toBeTruthy();
  const order = taroMock.callOrder();
  const subscribeAt = order.indexOf('requestSubscribeMessage');
  const requestsAfterTap = order.slice(subscribeAt).filter((api) => api === 'request');
  expect(order.slice(0, subscribeAt).filter((api) => api === 'request')).toHaveLength(requestsBefore);
  expect(requestsAfterTap).toHaveLength(1);
  expect(taroMock.calls('requestSubscribeMessage')[0].tmplIds).toEqual(SUBSCRIBE_TEMPLATE_LIST);
  expect(bff.requests.find((r) => r.path.endsWith('/subscriptions'))?.body).toEqual({ templateIds: [accepted] });
});

it('tells the BFF nothing when every template was declined', async () => {
  bff.on('GET /api/changes/change-1/progress', () => ({ data: buildProgress({ status: 'initial_review' }) }));
  taroMock.enqueue('requestSubscribeMessage', { ok: Object.fromEntries(SUBSCRIBE_TEMPLATE_LIST.map((id) => [id, 'reject'])) });
  render(<ProgressPage />);
  const button = await screen.findByText('订阅审核结果通知');
  await act(async () => {
    fireEvent.click(button);
  });
  await waitFor(() => expect(taroMock.calls('showToast')).toHaveLength(1));
  expect(taroMock.calls('showToast')[0].title).toBe('未订阅，审核结果仍会通过短信和邮件通知您');
  expect(bff.count('POST /api/changes/change-1/subscriptions')).toBe(0);
});

it('shows why progress could not be loaded, and 重试 loads it', async () => {
  let fail = true;
  bff.on('GET /api/changes/change-1/progress', () => (fail ? { status: 404, data: { code: 'not_found', message: '变更不存在或无权访问' } } : { data: buildProgress() }));
  render(<ProgressPage />);
  expect(await screen.findByText('变更不存在或无权访问')).toBeTruthy();
  fail = false;
  fireEvent.click(screen.getByText('重试'));
  expect(await screen.findByText('服务商初审中')).toBeTruthy();
});

describe('stage tracker and self-refresh', () => {
  afterEach(() => {
    delete process.env.TARO_ENV;
    jest.useRealTimers();
  });

  it('shows 提交 → 初审 → 管局审核 → 短信核验 → 已备案 with durations and, at 短信核验, what to enter where', async () => {
    bff.on('GET /api/changes/change-1/progress', () => ({
      data: buildProgress({ status: 'authority_review', miitCheck: { deadline: '2026-11-25T04:00:00.000Z', instructions: '核验说明' } }),
    }));
    render(<ProgressPage />);
    expect(await screen.findByText('办理进度')).toBeTruthy();
    for (const title of ['提交', '初审', '管局审核', '短信核验', '已备案']) expect(screen.getAllByText(title).length).toBeGreaterThan(0);
    expect(screen.getByText('预计：一般不超过 20 个工作日')).toBeTruthy();
    expect(screen.getByText(/您需要：在工信部备案系统（https:\/\/beian.miit.gov.cn）的“短信核验”页面/)).toBeTruthy();
    expect(screen.getAllByText('进行中')).toHaveLength(1);
    // The SMS check happens during the authority's review, which is therefore not finished yet.
    expect(screen.getByText('审核中')).toBeTruthy();
    expect(screen.getAllByText('已完成')).toHaveLength(2);
  });

  it('refreshes itself while shown, backing off while nothing changes, and stops once the change is final', async () => {
    jest.useFakeTimers();
    let status: Progress['status'] = 'initial_review';
    bff.on('GET /api/changes/change-1/progress', () => ({ data: buildProgress({ status }) }));
    render(<ProgressPage />);
    await act(async () => {
      await jest.advanceTimersByTimeAsync(0);
    });
    expect(screen.getByText('服务商初审一般在 1 个工作日内完成，结果将通过短信和邮件通知您。')).toBeTruthy();
    const calls = () => bff.count('GET /api/changes/change-1/progress');
    const first = calls();
    await act(async () => {
      await jest.advanceTimersByTimeAsync(REFRESH_FIRST_MS);
    });
    expect(calls()).toBe(first + 1);
    // Nothing changed: the next look waits twice as long.
    await act(async () => {
      await jest.advanceTimersByTimeAsync(REFRESH_FIRST_MS * 2 - 1);
    });
    expect(calls()).toBe(first + 1);
    status = 'approved';
    await act(async () => {
      await jest.advanceTimersByTimeAsync(1);
    });
    expect(calls()).toBe(first + 2);
    expect(screen.getByText('新的网站信息已生效。')).toBeTruthy();
    await act(async () => {
      await jest.advanceTimersByTimeAsync(REFRESH_MAX_MS * 2);
    });
    expect(calls()).toBe(first + 2);
  });

  it('offers the WeChat subscription only outside H5', async () => {
    process.env.TARO_ENV = 'h5';
    bff.on('GET /api/changes/change-1/progress', () => ({ data: buildProgress({ status: 'initial_review' }) }));
    render(<ProgressPage />);
    expect(await screen.findByText('办理进度')).toBeTruthy();
    expect(screen.queryByText('订阅审核结果通知')).toBeNull();
  });
});

it('backs off 5 s → 10 s → … → 60 s and returns to 5 s after a change', () => {
  expect(nextDelay(REFRESH_FIRST_MS, false)).toBe(10000);
  expect(nextDelay(40000, false)).toBe(REFRESH_MAX_MS);
  expect(nextDelay(REFRESH_MAX_MS, true)).toBe(REFRESH_FIRST_MS);
});

it('opens 通知设置 while the change is under way, not once it is finished', async () => {
  let status: Progress['status'] = 'initial_review';
  bff.on('GET /api/changes/change-1/progress', () => ({ data: buildProgress({ status }) }));
  const { unmount } = render(<ProgressPage />);
  fireEvent.click(await screen.findByText('通知设置'));
  expect(taroMock.calls('navigateTo')[0].url).toBe('/packageChange/pages/notifications/index');
  unmount();
  status = 'approved';
  render(<ProgressPage />);
  await screen.findByText('返回备案信息总览');
  await waitFor(() => expect(bff.count('GET /api/changes/change-1/progress')).toBeGreaterThanOrEqual(2));
  expect(screen.queryByText('通知设置')).toBeNull();
});
