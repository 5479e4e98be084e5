// The wizard page as the applicant uses it: validation next to fields, 同主体负责人, the locked personal principal,
// domain removal, SMS verification with its countdown, leaving step 1, and a rejection opening only flagged items.
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { taroMock } from '../../../test/taro-mock';
import { formIssues } from '../../../../shared/rules/catalogue';
import { buildDraft, ENTITY_PRINCIPAL, WEBSITE_PRINCIPAL } from '../../wizard/testing/buildDraft';
import { FakeBff, installFakeBff } from '../../wizard/testing/fakeApi';
import { DOMAINS_REMOVE_ONLY, PERSONAL_FIELD_LOCKED, PERSONAL_PRINCIPAL_LOCKED, REJECTION_LOCKED } from '../../wizard/StepWebsite';
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

function type(label: string, value: string) {
  const input = screen.getByLabelText(label);
  fireEvent.input(input, { target: { value } });
  return input;
}

/** The field block (label, input, hints, error) holding this input. */
function fieldOf(label: string): HTMLElement {
  return screen.getByLabelText(label).closest('.ui-field') as HTMLElement;
}

function tap(text: string | RegExp) {
  fireEvent.click(screen.getByText(text));
}

beforeEach(() => {
  jest.useFakeTimers();
});
afterEach(() => {
  jest.useRealTimers();
});

describe('step 1: edit website info', () => {
  it('pre-fills the filed values and marks a changed field with its original value', async () => {
    await openWizard(new FakeBff(buildDraft()));
    expect(screen.getByLabelText<HTMLInputElement>('网站名称').value).toBe('云朵科技官网');
    expect(within(fieldOf('网站名称')).queryByText('已修改')).toBeNull();

    type('网站名称', '云朵科技产品中心');
    expect(within(fieldOf('网站名称')).getByText('已修改')).toBeTruthy();
    expect(within(fieldOf('网站名称')).getByText('原值：云朵科技官网')).toBeTruthy();
  });

  it('shows the rule message next to the field when the user leaves it, and updates it while typing', async () => {
    const bff = new FakeBff(buildDraft());
    await openWizard(bff);
    const input = type('网站名称', '12345');
    fireEvent.blur(input);
    const expected = formIssues(bff.draft.base, { ...bff.draft.form, name: '12345' }).errors.find((e) => e.path === 'name')!.message;
    expect(within(fieldOf('网站名称')).getByRole('alert').textContent).toBe(expected);

    type('网站名称', '云朵科技产品中心');
    expect(within(fieldOf('网站名称')).queryByRole('alert')).toBeNull();

    fireEvent.blur(type('网站负责人手机号码', '1380013'));
    expect(within(fieldOf('网站负责人手机号码')).getByRole('alert').textContent).toContain('手机号码格式不正确');
  });

  it('ticking 同主体负责人 makes the website principal the entity principal, and an edit then saves both', async () => {
    const bff = new FakeBff(buildDraft());
    await openWizard(bff);
    expect(screen.getByLabelText<HTMLInputElement>('网站负责人姓名').value).toBe(WEBSITE_PRINCIPAL.name);
    const box = screen.getByRole('checkbox', { name: '同主体负责人' });
    expect(box.getAttribute('aria-checked')).toBe('false');

    fireEvent.click(box);
    expect(screen.getByRole('checkbox', { name: '同主体负责人' }).getAttribute('aria-checked')).toBe('true');
    expect(screen.getByText(/修改下方信息会同时修改主体负责人信息/)).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>('主体负责人姓名').value).toBe(ENTITY_PRINCIPAL.name);

    type('主体负责人电子邮箱', 'boss@example.com');
    await settle(1000);
    expect(bff.draft.form.principalSameAsEntity).toBe(true);
    expect(bff.draft.form.entityPrincipal.email).toBe('boss@example.com');
    expect(bff.draft.form.websitePrincipal.email).toBe('boss@example.com');
    expect(bff.draft.form.websitePrincipal.name).toBe(ENTITY_PRINCIPAL.name);
  });

  it('shows the principal of a personal filing read-only with where to go instead', async () => {
    await openWizard(new FakeBff(buildDraft({ entityKind: 'personal' })));
    expect(screen.getAllByText(PERSONAL_PRINCIPAL_LOCKED)).toHaveLength(1);
    expect(screen.getAllByText(PERSONAL_FIELD_LOCKED).length).toBeGreaterThanOrEqual(5);
    expect(screen.queryByLabelText('网站负责人姓名')).toBeNull();
    expect(screen.queryByLabelText('网站负责人手机号码')).toBeNull();
    expect(screen.getByText(ENTITY_PRINCIPAL.name)).toBeTruthy();
    expect(screen.queryByRole('checkbox', { name: '同主体负责人' })).toBeNull();
    // ID numbers are masked wherever they are only shown.
    expect(screen.queryByText(ENTITY_PRINCIPAL.idNumber)).toBeNull();
  });

  it('removes a domain only after confirming, never adds one, and keeps at least one', async () => {
    const bff = new FakeBff(buildDraft());
    await openWizard(bff);
    expect(screen.getByText(new RegExp(DOMAINS_REMOVE_ONLY))).toBeTruthy();

    taroMock.enqueue('showModal', { ok: { confirm: false, cancel: true } });
    fireEvent.click(screen.getByLabelText('删除域名 example.cn'));
    await settle(1000);
    expect(bff.patches).toHaveLength(0);
    expect(screen.getByText('example.cn')).toBeTruthy();

    fireEvent.click(screen.getByLabelText('删除域名 example.cn'));
    await settle(1000);
    expect(taroMock.calls('showModal')[1].content).toContain('example.cn');
    expect(bff.draft.form.domains).toEqual(['example.com']);
    expect(screen.getByText('example.cn（将删除）')).toBeTruthy();
    expect(screen.getByLabelText('删除域名 example.com').hasAttribute('disabled')).toBe(true);
  });
});

describe('SMS verification of a changed phone', () => {
  it('counts 60 s down after sending and lets the code verify the phone', async () => {
    const bff = new FakeBff(buildDraft());
    await openWizard(bff);
    expect(screen.queryByText('获取验证码')).toBeNull(); // the filed phone needs no code

    type('网站负责人手机号码', '13700137000');
    tap('获取验证码');
    await settle();
    expect(bff.smsSent).toEqual(['13700137000']);
    expect(screen.getByText('60秒后重新获取').hasAttribute('disabled')).toBe(true);

    await settle(59_000);
    expect(screen.getByText('1秒后重新获取')).toBeTruthy();
    await settle(1000);
    expect(screen.getByText('重新获取').hasAttribute('disabled')).toBe(false);

    fireEvent.input(screen.getByLabelText('短信验证码'), { target: { value: '123456' } });
    tap('验证手机号');
    await settle();
    expect(screen.getByText('手机号已验证')).toBeTruthy();
  });

  it('waits out Retry-After when the BFF says 429', async () => {
    const bff = new FakeBff(buildDraft());
    bff.smsQueue.push(30);
    await openWizard(bff);
    type('网站负责人手机号码', '13700137000');
    tap('获取验证码');
    await settle();
    expect(screen.getByText('发送过于频繁，请 30 秒后再获取验证码')).toBeTruthy();
    expect(screen.getByText('30秒后重新获取')).toBeTruthy();
    await settle(30_000);
    expect(screen.getByText('获取验证码').hasAttribute('disabled')).toBe(false);
  });

  it('does not leave step 1 until the new phone is verified', async () => {
    const bff = new FakeBff(buildDraft());
    await openWizard(bff);
    type('网站负责人手机号码', '13700137000');
    tap('保存并下一步，上传资料');
    await settle();
    expect(screen.getByText(/137\*\*\*\*7000 尚未验证/)).toBeTruthy();
    expect(bff.draft.step).toBe('website');

    tap('获取验证码');
    await settle();
    fireEvent.input(screen.getByLabelText('短信验证码'), { target: { value: '123456' } });
    tap('验证手机号');
    await settle();
    tap('保存并下一步，上传资料');
    await settle();
    expect(bff.draft.step).toBe('materials');
    expect(bff.draft.form.websitePrincipal.mobile).toBe('13700137000');
    expect(screen.getByText('下一步，确认备案信息')).toBeTruthy();
  });
});

describe('status', () => {
  it('refuses editing while the change is in review and points to the progress page', async () => {
    await openWizard(new FakeBff(buildDraft({ status: 'initial_review', submissionCount: 1 })));
    expect(screen.getByText('该变更当前状态为“初审中”，不能修改。')).toBeTruthy();
    expect(screen.queryByLabelText('网站名称')).toBeNull();
    fireEvent.click(screen.getByText('查看审核进度'));
    expect(taroMock.calls('redirectTo')[0].url).toBe('/pages/progress/index?changeId=c1');
  });
});

describe('after a rejection', () => {
  const rejected = () =>
    buildDraft({
      rejection: {
        at: '2026-11-20T00:00:00Z',
        stage: 'initial',
        reasons: [
          { target: { type: 'field', path: 'websitePrincipal.email' }, message: '邮箱无法接收邮件，请更换' },
          { target: { type: 'material', path: 'website.verification_form' }, message: '核验单未签字' },
        ],
      },
      status: 'initial_rejected',
      submissionCount: 1,
    });

  it('opens only the flagged fields, with the reviewer reason beside them', async () => {
    await openWizard(new FakeBff(rejected()));
    expect(screen.getByLabelText('网站负责人电子邮箱')).toBeTruthy();
    expect(within(fieldOf('网站负责人电子邮箱')).getByText('审核意见：邮箱无法接收邮件，请更换')).toBeTruthy();
    for (const label of ['网站名称', '网站首页地址', '网站负责人手机号码', '网站负责人姓名']) expect(screen.queryByLabelText(label)).toBeNull();
    expect(screen.getAllByText(REJECTION_LOCKED).length).toBeGreaterThan(3);
    expect(screen.queryByLabelText('删除域名 example.cn')).toBeNull();
  });

  it('opens only the flagged material for replacement', async () => {
    const bff = new FakeBff(rejected());
    await openWizard(bff, { step: 'materials' });
    expect(screen.getByText('审核意见：核验单未签字')).toBeTruthy();
    expect(screen.getByText('未通过')).toBeTruthy();
    expect(screen.getByText(/^(上传|更换)《网站真实性核验单》$/)).toBeTruthy();
    expect(screen.queryByText(/更换网站负责人证件正面照片/)).toBeNull();
  });
});
