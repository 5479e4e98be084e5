// 备案信息: the filed entity and website, read-only with personal data masked, the latest change, and the same
// 变更网站 action as the overview's card.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { taroMock } from '../../../test/taro-mock';
import { buildChangeSummary, buildDraft, buildFiling, installFakeBff, seedSession, type FakeBff } from '../../../test/fakeBff';
import RecordPage from './index';

let bff: FakeBff;

beforeEach(() => {
  bff = installFakeBff();
  seedSession();
});

function serve(changes: ReturnType<typeof buildChangeSummary>[] = []) {
  bff.on('GET /api/filings', () => ({ data: { filings: [buildFiling()] } }));
  bff.on('GET /api/changes', () => ({ data: { changes } }));
}

it('shows the entity and the website as filed, with names, ID numbers and mobiles masked', async () => {
  serve();
  taroMock.setRouterParams({ filingId: 'filing-1', websiteId: 'site-2' });
  render(<RecordPage />);
  expect(await screen.findByText('深圳市示例科技有限公司')).toBeTruthy();
  expect(screen.getByText('营业执照')).toBeTruthy();
  expect(screen.getByText('9144**********XX1X')).toBeTruthy();
  expect(screen.getByText('广东省深圳市南山区科技园路 1 号')).toBeTruthy();
  expect(screen.getByText('示例科技帮助中心')).toBeTruthy();
  expect(screen.getByText('help.example.cn')).toBeTruthy();
  expect(screen.getByText('example.cn')).toBeTruthy();
  expect(screen.getByText('腾讯云（广州）')).toBeTruthy();
  expect(screen.getByText('203.0.113.11')).toBeTruthy();
  // Entity principal 张伟 and website principal 李娜: masked names, IDs and mobiles; the plain values nowhere.
  expect(screen.getByText('张*')).toBeTruthy();
  expect(screen.getByText('李*')).toBeTruthy();
  expect(screen.getAllByText('居民身份证 4403**********1234')).toHaveLength(2);
  expect(screen.getByText('138****8000')).toBeTruthy();
  expect(screen.getByText('139****9000')).toBeTruthy();
  const text = document.body.textContent ?? '';
  for (const plain of ['张伟', '李娜', '440305199001011234', '13800138000', '13900139000', '91440300MA5DXXXX1X']) expect(text).not.toContain(plain);
  // Read-only: no input anywhere.
  expect(document.querySelector('input, textarea')).toBeNull();
});

it('shows the latest change and opens its progress', async () => {
  serve([
    buildChangeSummary({ id: 'old', websiteId: 'site-1', status: 'approved', updatedAt: '2026-03-01T02:00:00.000Z' }),
    buildChangeSummary({ id: 'newer', websiteId: 'site-1', status: 'withdrawn', updatedAt: '2026-05-02T02:00:00.000Z' }),
  ]);
  taroMock.setRouterParams({ filingId: 'filing-1', websiteId: 'site-1' });
  render(<RecordPage />);
  expect(await screen.findByText('最近一次变更')).toBeTruthy();
  expect(screen.getByText('2026-05-02')).toBeTruthy();
  fireEvent.click(screen.getByText('查看'));
  expect(taroMock.calls('navigateTo')[0].url).toBe('/pages/progress/index?changeId=newer');
});

it('变更网站 creates the change and opens the wizard, as the overview does', async () => {
  serve();
  bff.on('POST /api/changes', (req) => ({ status: 201, data: buildDraft({ id: 'change-9', websiteId: req.body.websiteId }), header: { ETag: '"1"' } }));
  taroMock.setRouterParams({ filingId: 'filing-1', websiteId: 'site-2' });
  render(<RecordPage />);
  const button = await screen.findByText('变更网站');
  await act(async () => {
    fireEvent.click(button);
  });
  await waitFor(() => expect(taroMock.calls('navigateTo')).toHaveLength(1));
  expect(bff.requests.find((r) => r.method === 'POST')?.body).toEqual({ filingId: 'filing-1', websiteId: 'site-2' });
  expect(taroMock.calls('navigateTo')[0].url).toBe('/packageChange/pages/wizard/index?changeId=change-9&step=website');
});

it('says the website is not found for a link to someone else’s or a removed website, without a useless 重试', async () => {
  serve();
  taroMock.setRouterParams({ filingId: 'filing-1', websiteId: 'site-x' });
  render(<RecordPage />);
  expect(await screen.findByText('找不到该网站的备案信息')).toBeTruthy();
  expect(screen.queryByText('重试')).toBeNull();
});
