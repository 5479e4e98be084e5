// Overview screen behaviour: loading → data, empty, error with retry, and which action each website offers.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { taroMock } from '../../test/taro-mock';
import { buildChangeSummary, buildDraft, buildFiling, installFakeBff, seedSession, type FakeBff } from '../../test/fakeBff';
import OverviewPage from './index';

let bff: FakeBff;

beforeEach(() => {
  bff = installFakeBff();
  seedSession();
});

function serve(filings = [buildFiling()], changes: ReturnType<typeof buildChangeSummary>[] = []) {
  bff.on('GET /api/filings', () => ({ data: { filings } }));
  bff.on('GET /api/changes', () => ({ data: { changes } }));
}

it('shows a skeleton, then the entity with masked principal and every website with its filing number and domains', async () => {
  serve();
  render(<OverviewPage />);
  expect(screen.getByText('正在加载备案信息')).toBeTruthy();
  expect(await screen.findByText('深圳市示例科技有限公司')).toBeTruthy();
  expect(screen.queryByText('正在加载备案信息')).toBeNull();
  expect(screen.getByText('粤ICP备12345678号')).toBeTruthy();
  expect(screen.getByText('广东')).toBeTruthy();
  expect(screen.getAllByText('张*').length).toBeGreaterThan(0);
  expect(screen.queryByText('张伟')).toBeNull();
  expect(screen.getByText('粤ICP备12345678号-2')).toBeTruthy();
  expect(screen.getByText('help.example.cn')).toBeTruthy();
  expect(screen.getByText('单位备案')).toBeTruthy();
  // Both lists are asked for once, together.
  expect(bff.count('GET /api/filings')).toBe(1);
  expect(bff.count('GET /api/changes')).toBe(1);
});

it('says there is nothing filed when the applicant has no filing', async () => {
  serve([]);
  render(<OverviewPage />);
  expect(await screen.findByText('暂无已备案的网站')).toBeTruthy();
});

it('shows why loading failed and loads again on 重试', async () => {
  let fail = true;
  bff.on('GET /api/filings', () => (fail ? { status: 404, data: { code: 'not_found', message: '未找到您名下的备案信息' } } : { data: { filings: [buildFiling()] } }));
  bff.on('GET /api/changes', () => ({ data: { changes: [] } }));
  render(<OverviewPage />);
  expect(await screen.findByText('备案信息加载失败')).toBeTruthy();
  expect(screen.getByText('未找到您名下的备案信息')).toBeTruthy();
  fail = false;
  fireEvent.click(screen.getByText('重试'));
  expect(await screen.findByText('深圳市示例科技有限公司')).toBeTruthy();
});

it('offers 变更网站 for a filed website, creates the change and opens the wizard on it', async () => {
  serve();
  bff.on('POST /api/changes', (req) => ({ status: 201, data: buildDraft({ id: 'change-9', websiteId: req.body.websiteId }), header: { ETag: '"1"' } }));
  render(<OverviewPage />);
  const buttons = await screen.findAllByText('变更网站');
  expect(buttons).toHaveLength(2);
  expect(screen.queryByText('继续填写')).toBeNull();
  await act(async () => {
    fireEvent.click(buttons[1]);
  });
  await waitFor(() => expect(taroMock.calls('navigateTo')).toHaveLength(1));
  expect(bff.requests.find((r) => r.method === 'POST')?.body).toEqual({ filingId: 'filing-1', websiteId: 'site-2' });
  expect(taroMock.calls('navigateTo')[0].url).toBe('/packageChange/pages/wizard/index?changeId=change-9&step=website');
});

it('offers 继续填写 for a website whose change is a draft, and opens that draft', async () => {
  serve([buildFiling()], [buildChangeSummary({ id: 'change-5', websiteId: 'site-1', status: 'draft' })]);
  render(<OverviewPage />);
  fireEvent.click(await screen.findByText('继续填写'));
  expect(screen.getByText('待提交')).toBeTruthy();
  expect(screen.getAllByText('变更网站')).toHaveLength(1);
  expect(taroMock.calls('navigateTo')[0].url).toBe('/packageChange/pages/wizard/index?changeId=change-5');
  expect(bff.count('POST /api/changes')).toBe(0);
});

it('shows the review status and 查看进度 for a change in review, and blocks changing the entity’s other website', async () => {
  serve([buildFiling()], [buildChangeSummary({ id: 'change-7', websiteId: 'site-1', status: 'initial_review' })]);
  render(<OverviewPage />);
  fireEvent.click(await screen.findByText('查看进度'));
  expect(screen.getByText('初审中')).toBeTruthy();
  expect(taroMock.calls('navigateTo')[0].url).toBe('/pages/progress/index?changeId=change-7');
  expect(screen.getByText('“示例科技官网”的变更正在审核中，审核结束后才能变更其他网站')).toBeTruthy();
  fireEvent.click(screen.getByText('变更网站'));
  expect(bff.count('POST /api/changes')).toBe(0);
});

it('offers 变更网站 again once the earlier change was approved', async () => {
  serve([buildFiling()], [buildChangeSummary({ websiteId: 'site-1', status: 'approved' })]);
  render(<OverviewPage />);
  expect(await screen.findAllByText('变更网站')).toHaveLength(2);
  expect(screen.queryByText('查看进度')).toBeNull();
});

it('lists the website’s finished changes (变更记录), newest first, each opening its progress read-only', async () => {
  serve(
    [buildFiling()],
    [
      buildChangeSummary({ id: 'old', websiteId: 'site-1', status: 'withdrawn', updatedAt: '2026-10-01T08:00:00.000Z' }),
      buildChangeSummary({ id: 'new', websiteId: 'site-1', status: 'approved', updatedAt: '2026-11-02T08:00:00.000Z' }),
      buildChangeSummary({ id: 'open', websiteId: 'site-1', status: 'draft' }),
    ],
  );
  render(<OverviewPage />);
  expect(await screen.findByText('变更记录（2）')).toBeTruthy();
  const rows = Array.from(document.querySelectorAll<HTMLElement>('.overview-history__row[role="button"]'));
  expect(rows.map((r) => r.textContent)).toEqual(['2026-11-02已备案查看', '2026-10-01已撤回查看']);
  fireEvent.click(rows[0]);
  expect(taroMock.calls('navigateTo')[0].url).toBe('/pages/progress/index?changeId=new');
});

it('explains a refused change in a dialog and refreshes the list', async () => {
  serve();
  bff.on('POST /api/changes', () => ({ status: 409, data: { code: 'change_in_review', message: '该主体有一项变更正在审核中，审核结束前不能为同一主体办理新的变更' } }));
  render(<OverviewPage />);
  const [first] = await screen.findAllByText('变更网站');
  await act(async () => {
    fireEvent.click(first);
  });
  await waitFor(() => expect(taroMock.calls('showModal')).toHaveLength(1));
  expect(taroMock.calls('showModal')[0].content).toBe('该主体有一项变更正在审核中，审核结束前不能为同一主体办理新的变更');
  await waitFor(() => expect(bff.count('GET /api/filings')).toBe(2));
  expect(taroMock.calls('navigateTo')).toHaveLength(0);
});

it('reloads on pull-down and stops the refresh animation', async () => {
  serve();
  render(<OverviewPage />);
  await screen.findByText('深圳市示例科技有限公司');
  await act(async () => {
    await taroMock.pullDownRefresh();
  });
  expect(bff.count('GET /api/filings')).toBe(2);
  expect(taroMock.calls('stopPullDownRefresh')).toHaveLength(1);
});

it('shows what already blocks a website up front, with the footer HTML to copy and 重新检测', async () => {
  serve();
  const html = '<a href="https://beian.miit.gov.cn/" target="_blank">粤ICP备12345678号-1</a>';
  let blockers = [
    {
      id: 'footer_filing_number:homepageUrl',
      ruleId: 'footer_filing_number',
      kind: 'fix_footer',
      title: '首页底部展示备案号并链接到工信部网站',
      message: `网站首页底部没有显示备案号“粤ICP备12345678号-1”，请在首页底部添加。可复制以下代码加入首页底部：${html}，发布后重新检测`,
      field: null,
      html,
    },
  ];
  bff.on('GET /api/filings/filing-1/websites/site-1/blockers', () => ({ data: { blockers, checkedAt: '2026-11-26T00:00:00Z' } }));
  bff.on('GET /api/filings/filing-1/websites/site-2/blockers', () => ({ data: { blockers: [], checkedAt: '2026-11-26T00:00:00Z' } }));
  render(<OverviewPage />);
  expect(await screen.findByText('变更前需先处理（1项）')).toBeTruthy();
  expect(screen.getByText('复制下方代码，加入网站首页底部并发布，然后点“重新检测”。')).toBeTruthy();
  expect(screen.getByText(html)).toBeTruthy();
  fireEvent.click(screen.getByText('复制代码'));
  await waitFor(() => expect(taroMock.calls('setClipboardData')).toEqual([expect.objectContaining({ data: html })]));

  // The applicant fixes the site and checks again: the blocker goes.
  blockers = [];
  fireEvent.click(screen.getByText('重新检测'));
  await waitFor(() => expect(screen.queryByText('变更前需先处理（1项）')).toBeNull());
  expect(bff.count('GET /api/filings/filing-1/websites/site-1/blockers')).toBe(2);
});

it('a blocker solved in the form (an expiring ID) opens the change on that field', async () => {
  serve();
  bff.on('GET /api/filings/filing-1/websites/site-1/blockers', () => ({
    data: {
      blockers: [
        {
          id: 'id_validity:websitePrincipal.idValidUntil',
          ruleId: 'id_validity',
          kind: 'renew_id',
          title: '证件在有效期内且剩余3个月以上',
          message: '网站负责人证件将于 2026-12-20 到期，剩余不足3个月，审核不予通过；请先换领新证件，再填写新证件的有效期并上传新证件照片',
          field: 'websitePrincipal.idValidUntil',
        },
      ],
      checkedAt: '2026-11-26T00:00:00Z',
    },
  }));
  bff.on('POST /api/changes', (req) => ({ status: 201, data: buildDraft({ id: 'change-9', websiteId: req.body.websiteId }), header: { ETag: '"1"' } }));
  render(<OverviewPage />);
  const goTo = await screen.findByText('去填写新证件');
  await act(async () => {
    fireEvent.click(goTo);
  });
  await waitFor(() => expect(taroMock.calls('navigateTo')).toHaveLength(1));
  expect(taroMock.calls('navigateTo')[0].url).toBe('/packageChange/pages/wizard/index?changeId=change-9&step=website&focus=websitePrincipal.idValidUntil');
});

describe('退出登录', () => {
  async function tapLogout() {
    await screen.findByText('深圳市示例科技有限公司');
    await act(async () => {
      fireEvent.click(screen.getByText('退出登录'));
    });
  }

  it('asks first, then the BFF revokes this token, the device forgets it and the login page opens', async () => {
    serve();
    bff.on('DELETE /api/session', () => ({ data: { loggedOut: true } }));
    render(<OverviewPage />);
    await tapLogout();
    await waitFor(() => expect(taroMock.calls('reLaunch')).toHaveLength(1));
    expect(taroMock.calls('showModal')[0]).toMatchObject({ title: '退出登录', confirmText: '退出登录' });
    const revoke = bff.requests.filter((r) => r.method === 'DELETE');
    expect(revoke.map((r) => [r.path, r.header.Authorization])).toEqual([['/api/session', 'Bearer token-1']]);
    expect(taroMock.storage.has('beian.session')).toBe(false);
    expect(taroMock.calls('reLaunch')[0].url).toBe('/pages/login/index');
  });

  it('a token the BFF no longer knows (401) is forgotten too, and no new session is made', async () => {
    serve();
    bff.on('DELETE /api/session', () => ({ status: 401, data: { code: 'unauthenticated', message: '登录已失效，请重新登录' } }));
    render(<OverviewPage />);
    await tapLogout();
    await waitFor(() => expect(taroMock.calls('reLaunch')).toHaveLength(1));
    expect(bff.count('DELETE /api/session')).toBe(1);
    expect(bff.count('POST /api/session')).toBe(0);
    expect(taroMock.calls('login')).toHaveLength(0);
    expect(taroMock.storage.has('beian.session')).toBe(false);
  });

  it('cancelled: stays logged in', async () => {
    serve();
    taroMock.enqueue('showModal', { ok: { confirm: false, cancel: true, errMsg: 'showModal:ok' } });
    render(<OverviewPage />);
    await tapLogout();
    await waitFor(() => expect(taroMock.calls('showModal')).toHaveLength(1));
    expect(bff.count('DELETE /api/session')).toBe(0);
    expect(taroMock.storage.has('beian.session')).toBe(true);
  });
});

it('opens each website’s filed record (查看备案信息) and the notification settings', async () => {
  serve();
  render(<OverviewPage />);
  const links = await screen.findAllByText('查看备案信息');
  expect(links).toHaveLength(2);
  fireEvent.click(links[1]);
  expect(taroMock.calls('navigateTo')[0].url).toBe('/packageChange/pages/record/index?filingId=filing-1&websiteId=site-2');
  fireEvent.click(screen.getByText('通知设置'));
  expect(taroMock.calls('navigateTo')[1].url).toBe('/packageChange/pages/notifications/index');
});
