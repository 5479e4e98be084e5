// The confirm step and the merge sheet: the submit button's conditions, the checklist jump, the subscribe dialog
// inside the tap, the idempotency key reused on retry, and the per-field choice after a 412.
import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { taroMock } from '../../../test/taro-mock';
import { SUBSCRIBE_TEMPLATE_LIST } from '../../../services/config';
import { buildDraft } from '../../wizard/testing/buildDraft';
import { FAKE_BFF_URL, FakeBff, installFakeBff } from '../../wizard/testing/fakeApi';
import { MATERIAL_EVENT } from '../../wizard/materials';
import { AGREEMENT_TEXT } from '../../../../shared/data/terms';
import WizardPage from './index';

jest.mock('../../../services/api', () => jest.requireActual('../../wizard/testing/fakeApi'));

async function settle(ms = 0) {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms);
  });
}

async function openWizard(bff: FakeBff, params: Record<string, string> = {}) {
  installFakeBff(bff);
  taroMock.setRouterParams({ changeId: 'c1', ...params });
  const view = render(<WizardPage />);
  await settle();
  return view;
}

const submitButton = () => screen.getByText(/^(提交备案|重试提交)$/);
const isDisabled = (el: HTMLElement) => el.hasAttribute('disabled');

function agree() {
  fireEvent.click(screen.getByRole('checkbox', { name: AGREEMENT_TEXT }));
}

function changedDraft() {
  return buildDraft({ step: 'confirm', form: { notes: '新增了产品介绍栏目' } });
}

beforeEach(() => {
  jest.useFakeTimers();
});
afterEach(() => {
  jest.useRealTimers();
});

describe('confirm step', () => {
  it('lists each change as old → new', async () => {
    await openWizard(new FakeBff(buildDraft({ step: 'confirm', form: { name: '云朵科技产品中心', domains: ['example.com'] } })));
    expect(screen.getByText('云朵科技官网')).toBeTruthy();
    expect(screen.getByText('云朵科技产品中心')).toBeTruthy();
    expect(screen.getByText('删除 example.cn')).toBeTruthy();
  });

  it('enables 提交备案 only when the agreement is ticked and no check fails', async () => {
    const bff = new FakeBff(changedDraft());
    bff.checks = {
      materials: [],
      ready: false,
      blockers: [],
      checks: [
        {
          id: 'footer',
          title: '网站底部展示备案号',
          outcome: 'fail',
          field: 'homepageUrl',
          message: '首页底部未找到网站备案号',
          problems: [{ ruleId: 'footer_filing_number', severity: 'fail', path: 'homepageUrl', message: '首页底部未找到网站备案号' }],
        },
      ],
    };
    const first = await openWizard(bff);
    expect(screen.getByRole('checkbox', { name: AGREEMENT_TEXT }).getAttribute('aria-checked')).toBe('false');
    expect(isDisabled(submitButton())).toBe(true);
    expect(screen.getByText('请阅读并勾选同意服务条款')).toBeTruthy();

    agree();
    await settle();
    expect(isDisabled(submitButton())).toBe(true);
    expect(screen.getByText('提交前检查有未通过的项，请点击该项前往修改')).toBeTruthy();

    first.unmount();
    bff.checks = { materials: [], ready: true, blockers: [], checks: [{ id: 'footer', title: '网站底部展示备案号', outcome: 'pass', field: null, message: '', problems: [] }] };
    await openWizard(bff);
    agree();
    await settle();
    expect(isDisabled(submitButton())).toBe(false);
  });

  it('jumps from a failing check to its field', async () => {
    const bff = new FakeBff(changedDraft());
    bff.checks = {
      materials: [],
      ready: false,
      blockers: [],
      checks: [
        {
          id: 'email',
          title: '负责人邮箱可接收邮件',
          outcome: 'fail',
          field: 'websitePrincipal.email',
          message: '邮箱域名无法接收邮件',
          problems: [{ ruleId: 'principal_complete', severity: 'fail', path: 'websitePrincipal.email', message: '邮箱域名无法接收邮件' }],
        },
      ],
    };
    await openWizard(bff);
    fireEvent.click(screen.getByLabelText('负责人邮箱可接收邮件：未通过'));
    await settle(100);
    expect(screen.getByLabelText('网站负责人电子邮箱')).toBeTruthy();
    expect(taroMock.calls('pageScrollTo').some((c) => c.selector === '#wz-websitePrincipal-email')).toBe(true);
  });

  it('asks for subscriptions inside the tap, then submits and opens the progress page', async () => {
    const bff = new FakeBff(changedDraft());
    let submitsWhenAsked = -1;
    taroMock.enqueue('requestSubscribeMessage', {
      handler: () => {
        submitsWhenAsked = bff.submitKeys.length;
        return Object.fromEntries(SUBSCRIBE_TEMPLATE_LIST.map((id, i) => [id, i === 0 ? 'accept' : 'reject']));
      },
    });
    await openWizard(bff);
    agree();
    await settle();
    fireEvent.click(submitButton());
    await settle();
    expect(submitsWhenAsked).toBe(0);
    expect(taroMock.calls('requestSubscribeMessage')[0].tmplIds).toEqual(SUBSCRIBE_TEMPLATE_LIST);
    expect(bff.submissions.size).toBe(1);
    expect(bff.subscriptions).toEqual([[SUBSCRIBE_TEMPLATE_LIST[0]]]);
    expect(taroMock.calls('redirectTo')[0].url).toBe('/pages/progress/index?changeId=c1');
  });

  it('still submits when the subscribe dialog is refused or fails', async () => {
    const bff = new FakeBff(changedDraft());
    taroMock.enqueue('requestSubscribeMessage', { fail: 'user deny' });
    await openWizard(bff);
    agree();
    await settle();
    fireEvent.click(submitButton());
    await settle();
    expect(bff.submissions.size).toBe(1);
    expect(bff.subscriptions).toEqual([]);
    expect(taroMock.calls('redirectTo')).toHaveLength(1);
  });

  it('reuses the idempotency key when the answer was lost, even after the app restarts, so there is one submission', async () => {
    const bff = new FakeBff(changedDraft());
    bff.loseNextSubmitAnswer = true;
    taroMock.setDefault('requestSubscribeMessage', { cancel: true });
    const first = await openWizard(bff);
    agree();
    await settle();
    fireEvent.click(submitButton());
    await settle();
    expect(screen.getByText('网络异常，暂未确认提交结果。请重试：重复提交不会产生两份申请')).toBeTruthy();
    expect(submitButton().textContent).toBe('重试提交');
    expect(taroMock.calls('redirectTo')).toHaveLength(0);
    first.unmount();

    await openWizard(bff);
    agree();
    await settle();
    fireEvent.click(submitButton());
    await settle();
    expect(bff.submitKeys).toHaveLength(2);
    expect(bff.submitKeys[1]).toBe(bff.submitKeys[0]);
    expect(bff.submissions.size).toBe(1);
    expect(taroMock.calls('redirectTo')).toHaveLength(1);
    // Confirmed: the key is gone, so a resubmission after a later rejection is a new submission.
    expect([...taroMock.storage.keys()].some((k) => k.includes('submitKey'))).toBe(false);
  });
});

describe('materials step', () => {
  it('marks what must be uploaded now, explains why, and blocks the next step until it is', async () => {
    const bff = new FakeBff(buildDraft({ step: 'materials' }));
    bff.checks = {
      materials: [{ slot: 'website_principal.id_back', kind: 'id_back', subject: 'website_principal', reason: '网站负责人已变更，需上传新负责人的证件照片', provided: false }],
      checks: [],
      blockers: [],
      ready: false,
    };
    await openWizard(bff);
    expect(screen.getByText('需重新上传')).toBeTruthy();
    expect(screen.getByText('网站负责人已变更，需上传新负责人的证件照片')).toBeTruthy();
    fireEvent.click(screen.getByText('下一步，确认备案信息'));
    await settle();
    expect(screen.getByText(/请先上传：网站负责人证件反面照片/)).toBeTruthy();
    expect(bff.draft.step).toBe('materials');

    fireEvent.click(screen.getByText('上传网站负责人证件反面照片'));
    expect(taroMock.calls('navigateTo')[0].url).toBe('/packageChange/pages/capture/index?changeId=c1&kind=id_back&subject=website_principal');
  });

  it('shows upload progress (with the retry running) and a failure as the capture page reports them', async () => {
    const bff = new FakeBff(buildDraft({ step: 'materials' }));
    await openWizard(bff);
    void act(() => Taro.eventCenter.trigger(MATERIAL_EVENT, { changeId: 'c1', slot: 'website.verification_form', state: 'uploading', progress: 40 }));
    expect(screen.getByText('上传中 40%')).toBeTruthy();
    void act(() => Taro.eventCenter.trigger(MATERIAL_EVENT, { changeId: 'c1', slot: 'website.verification_form', state: 'uploading', progress: 15, message: '第2次重试' }));
    expect(screen.getByText('第2次重试（15%）')).toBeTruthy();
    const failure = '网络中断，照片没有传完（已自动重试5次）。请到信号好的地方，点“重新上传这张”';
    void act(() => Taro.eventCenter.trigger(MATERIAL_EVENT, { changeId: 'c1', slot: 'website.verification_form', state: 'failed', message: failure }));
    expect(screen.getByText(failure)).toBeTruthy();
    fireEvent.click(screen.getByText('更换《网站真实性核验单》'));
    expect(taroMock.calls('navigateTo')[0].url).toBe('/packageChange/pages/capture/index?changeId=c1&kind=verification_form&subject=website');
  });

  const uploaded = (uploadedAt: string) => ({
    kind: 'verification_form' as const,
    subject: 'website' as const,
    fileId: 'f'.repeat(32),
    width: 1500,
    height: 2000,
    bytes: 400_000,
    sha256: 'a'.repeat(64),
    uploadedAt,
  });

  it('a replaced material shows the photo uploaded for this change (from the draft, on any device), not the filed one; tap enlarges it', async () => {
    const bff = new FakeBff(buildDraft({ step: 'materials', materials: { 'website.verification_form': uploaded('2026-11-21T00:00:00Z') } }));
    await openWizard(bff);
    const thumbnail = screen.getByLabelText('《网站真实性核验单》缩略图，点击放大');
    const src = thumbnail.querySelector('img')?.getAttribute('src');
    expect(src).toBe(`${FAKE_BFF_URL}/api/materials/${'f'.repeat(32)}?exp=1900000000&sig=test`);
    expect(screen.getByText('已重新上传')).toBeTruthy();
    fireEvent.click(thumbnail);
    expect(taroMock.calls('previewImage')[0]).toMatchObject({ urls: [src], current: src });
  });

  it('a material the reviewer refused reads 未通过 and blocks the next step until a new photo is uploaded', async () => {
    const rejection = {
      at: '2026-11-22T00:00:00Z',
      stage: 'initial' as const,
      reasons: [{ target: { type: 'material' as const, path: 'website.verification_form' }, message: '核验单未签字' }],
    };
    // The photo on file for this change was uploaded before the rejection: it is the refused one.
    const bff = new FakeBff(
      buildDraft({ step: 'materials', status: 'initial_rejected', submissionCount: 1, rejection, materials: { 'website.verification_form': uploaded('2026-11-21T00:00:00Z') } }),
    );
    await openWizard(bff);
    expect(screen.getByText('未通过')).toBeTruthy();
    expect(screen.queryByText('已重新上传')).toBeNull();
    expect(screen.getByText('审核意见：核验单未签字')).toBeTruthy();
    fireEvent.click(screen.getByText('下一步，确认备案信息'));
    await settle();
    expect(screen.getByText('请先上传：《网站真实性核验单》（审核未通过）')).toBeTruthy();

    // A new photo, uploaded after the rejection.
    bff.draft = { ...bff.draft, materials: { 'website.verification_form': uploaded('2026-11-23T00:00:00Z') }, version: bff.draft.version + 1 };
    void act(() =>
      Taro.eventCenter.trigger(MATERIAL_EVENT, { changeId: 'c1', slot: 'website.verification_form', state: 'done', progress: 100, previewUrl: `${FAKE_BFF_URL}/api/materials/new` }),
    );
    await settle();
    expect(screen.queryByText('未通过')).toBeNull();
    expect(screen.getByText('已重新上传')).toBeTruthy();
  });

  it('the 核验单 card says how to print, sign and photograph it, and 下载核验单 downloads and opens the PDF (weapp)', async () => {
    const bff = new FakeBff(buildDraft({ step: 'materials' }));
    await openWizard(bff);
    expect(screen.getByText(/^1\. 下载已按本次变更填好的核验单，用A4纸打印/)).toBeTruthy();
    expect(screen.getByText(/^2\. 由.+在签名处手写签名$/)).toBeTruthy();
    expect(screen.getByText(/^3\. 平放在桌上整页拍照/)).toBeTruthy();
    taroMock.enqueue('downloadFile', { ok: { statusCode: 200, tempFilePath: 'wxfile://tmp/form.pdf' } });
    taroMock.enqueue('openDocument', { ok: { errMsg: 'openDocument:ok' } });
    fireEvent.click(screen.getByText('下载核验单'));
    await settle();
    expect(taroMock.calls('downloadFile')[0]).toMatchObject({ url: `${FAKE_BFF_URL}/api/changes/c1/verification-form.pdf`, header: { Authorization: 'Bearer fake-token' } });
    expect(taroMock.calls('openDocument')[0]).toMatchObject({ filePath: 'wxfile://tmp/form.pdf', fileType: 'pdf', showMenu: true });
    expect(screen.getByText('核验单已下载，打印签字后拍照上传')).toBeTruthy();
  });

  it('where the province wants a fingerprint, the instructions say so; a failed download says what to do', async () => {
    const draft = buildDraft({ step: 'materials' });
    const bff = new FakeBff({ ...draft, base: { ...draft.base, province: '苏' } });
    await openWizard(bff);
    expect(screen.getByText(/^2\. 由.+在签名处手写签名，并按上手印（本省要求）$/)).toBeTruthy();
    taroMock.enqueue('downloadFile', { fail: 'net::ERR_INTERNET_DISCONNECTED' });
    fireEvent.click(screen.getByText('下载核验单'));
    await settle();
    expect(screen.getByRole('alert').textContent).toBe('核验单下载失败，请检查网络后重试');
  });
});

describe('412 merge sheet', () => {
  it('shows 本机 and 已保存 per field and saves the picked values', async () => {
    const bff = new FakeBff(buildDraft());
    await openWizard(bff);
    fireEvent.input(screen.getByLabelText('网站名称'), { target: { value: '本机改的网站名称' } });
    fireEvent.input(screen.getByLabelText('网站负责人电子邮箱'), { target: { value: 'phone@example.com' } });
    bff.editElsewhere({ name: '另一台设备改的名称', websitePrincipal: { ...bff.draft.form.websitePrincipal, email: 'other@example.com' } });
    await settle(1000);

    const sheet = screen.getByRole('dialog', { name: '选择保留的内容' });
    expect(sheet).toBeTruthy();
    expect(isDisabled(screen.getByText('请为每一项选择保留的内容'))).toBe(true);
    fireEvent.click(screen.getByLabelText('网站名称保留本机：本机改的网站名称'));
    fireEvent.click(screen.getByLabelText('网站负责人电子邮箱保留已保存：other@example.com'));
    fireEvent.click(screen.getByText('保存所选内容'));
    await settle();

    expect(screen.queryByRole('dialog')).toBeNull();
    expect(bff.draft.form.name).toBe('本机改的网站名称');
    expect(bff.draft.form.websitePrincipal.email).toBe('other@example.com');
    expect(screen.getByLabelText<HTMLInputElement>('网站负责人电子邮箱').value).toBe('other@example.com');
    expect(screen.getByText('已保存')).toBeTruthy();
  });
});
