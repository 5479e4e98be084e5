// The rule catalogue on the phone (issue 13): blockers up front on step 1, a one-tap fix for an email slip, service
// content with its pre-approval number, the province's extra phone, every problem of a checklist line with its own
// action, and a refused material reading 未通过 until it is uploaded again.
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { taroMock } from '../../../test/taro-mock';
import type { ChecksResult } from '../../../services/api';
import { buildDraft } from '../../wizard/testing/buildDraft';
import { FakeBff, installFakeBff } from '../../wizard/testing/fakeApi';
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

const fieldOf = (label: string) => screen.getByLabelText(label).closest('.ui-field') as HTMLElement;

beforeEach(() => {
  jest.useFakeTimers();
});
afterEach(() => {
  jest.useRealTimers();
});

const EXPIRING: ChecksResult['blockers'][number] = {
  id: 'domain_expiry:domains.0',
  ruleId: 'domain_expiry',
  kind: 'renew_domain',
  title: '域名有效期剩余3个月以上',
  message: '域名“example.com”将于 2026-12-20 到期，剩余不足3个月；请先续费，续费后重新检测',
  field: null,
};

describe('step 1', () => {
  it('shows what already blocks the change before any edit, and 重新检测 asks again', async () => {
    const bff = new FakeBff(buildDraft());
    bff.checks = { ...bff.checks, blockers: [EXPIRING] };
    await openWizard(bff);
    expect(screen.getByText('提交前需先处理（1项）')).toBeTruthy();
    expect(screen.getByText(EXPIRING.message)).toBeTruthy();
    expect(screen.getByText('请先续费，续费后重新检测：到域名注册商处续费（建议续费1年以上），续费生效后点“重新检测”。')).toBeTruthy();

    bff.checks = { ...bff.checks, blockers: [] };
    fireEvent.click(screen.getByText('重新检测'));
    await settle();
    expect(screen.queryByText('提交前需先处理（1项）')).toBeNull();
  });

  it('an email slip warns “是否为 …？” and one tap sets what was meant', async () => {
    const bff = new FakeBff(buildDraft());
    await openWizard(bff);
    fireEvent.blur(type('网站负责人电子邮箱', 'lina@qq.con'));
    expect(within(fieldOf('网站负责人电子邮箱')).getByText('网站负责人电子邮箱“lina@qq.con”是否为 lina@qq.com？请核对，审核结果会发送到该邮箱')).toBeTruthy();

    fireEvent.click(screen.getByText('改为 lina@qq.com'));
    expect(screen.getByLabelText<HTMLInputElement>('网站负责人电子邮箱').value).toBe('lina@qq.com');
    expect(within(fieldOf('网站负责人电子邮箱')).queryByText(/是否为/)).toBeNull();
    await settle(1000);
    expect(bff.draft.form.websitePrincipal.email).toBe('lina@qq.com');
  });

  it('choosing content that needs a pre-approval asks for the approval number, and saves both', async () => {
    const bff = new FakeBff(buildDraft());
    await openWizard(bff);
    expect(screen.getByRole('checkbox', { name: '企业官网' }).getAttribute('aria-checked')).toBe('true');
    fireEvent.click(screen.getByRole('checkbox', { name: '新闻（需前置审批）' }));
    const label = '“新闻”前置审批文号';
    expect(screen.getByText('省级网信部门核发的《互联网新闻信息服务许可证》上的文号；其照片在下一步“上传资料”中上传')).toBeTruthy();
    type(label, '粤新网备〔2026〕7号');
    await settle(1000);
    expect(bff.draft.form.serviceContent).toEqual(['企业官网', '新闻']);
    expect(bff.draft.form.preApprovals).toEqual([{ content: '新闻', number: '粤新网备〔2026〕7号' }]);
  });

  it('a province that requires 应急联系电话 shows the field and refuses leaving step 1 without it', async () => {
    await openWizard(new FakeBff(buildDraft({ province: '浙', form: { notes: '更新备注' } })));
    expect(screen.getByLabelText('网站负责人应急联系电话')).toBeTruthy();
    fireEvent.click(screen.getByText('保存并下一步，上传资料'));
    await settle();
    expect(screen.getByText('请填写网站负责人应急联系电话（浙江管局要求），不能与手机号码相同（请修改后再继续）')).toBeTruthy();
  });

  it('粤 has neither extra phone field (the province table decides, not the screen)', async () => {
    await openWizard(new FakeBff(buildDraft()));
    expect(screen.queryByLabelText('网站负责人应急联系电话')).toBeNull();
    expect(screen.queryByLabelText('网站负责人办公室电话')).toBeNull();
  });
});

describe('confirm step', () => {
  it('lists every problem of a line, each with its own 去修改, and a blocker’s problem with the way to its steps', async () => {
    const bff = new FakeBff(buildDraft({ step: 'confirm', form: { notes: '新增了产品介绍栏目' } }));
    bff.checks = {
      materials: [],
      ready: false,
      blockers: [EXPIRING],
      checks: [
        {
          id: 'id_validity',
          title: '证件在有效期内且剩余3个月以上',
          outcome: 'fail',
          field: 'websitePrincipal.idValidUntil',
          message: '网站负责人证件已于 2026-01-01 过期；…；主体负责人证件将于 2026-12-01 到期…',
          problems: [
            { ruleId: 'id_validity', severity: 'fail', path: 'websitePrincipal.idValidUntil', message: '网站负责人证件已于 2026-01-01 过期；请先换领新证件', blocker: 'renew_id' },
            { ruleId: 'id_validity', severity: 'fail', path: 'entityPrincipal.idValidUntil', message: '主体负责人证件将于 2026-12-01 到期，剩余不足3个月', blocker: 'renew_id' },
          ],
        },
        {
          id: 'domain_registration',
          title: '域名注册信息符合要求',
          outcome: 'fail',
          field: 'domains.0',
          message: EXPIRING.message,
          problems: [{ ruleId: 'domain_expiry', severity: 'fail', path: 'domains.0', message: EXPIRING.message, blocker: 'renew_domain' }],
        },
      ],
    };
    await openWizard(bff);
    expect(screen.getByText('网站负责人证件已于 2026-01-01 过期；请先换领新证件')).toBeTruthy();
    expect(screen.getByText('主体负责人证件将于 2026-12-01 到期，剩余不足3个月')).toBeTruthy();
    expect(screen.getAllByText('去修改')).toHaveLength(2);
    expect(screen.queryByText(/另有/)).toBeNull();

    // 去修改 on the second problem goes to that field, not the line's first.
    fireEvent.click(screen.getAllByText('去修改')[1]);
    await settle(100);
    expect(taroMock.calls('pageScrollTo').some((c) => c.selector === '#wz-entityPrincipal-idValidUntil')).toBe(true);
  });

  it('a blocker problem (renew the domain) offers its steps, not a field where nothing can be done', async () => {
    const bff = new FakeBff(buildDraft({ step: 'confirm', form: { notes: '新增了产品介绍栏目' } }));
    bff.checks = {
      materials: [],
      ready: false,
      blockers: [EXPIRING],
      checks: [
        {
          id: 'domain_registration',
          title: '域名注册信息符合要求',
          outcome: 'fail',
          field: 'domains.0',
          message: EXPIRING.message,
          problems: [{ ruleId: 'domain_expiry', severity: 'fail', path: 'domains.0', message: EXPIRING.message, blocker: 'renew_domain' }],
        },
      ],
    };
    await openWizard(bff);
    expect(screen.queryByText('去修改')).toBeNull();
    fireEvent.click(screen.getByText('查看处理方法'));
    expect(taroMock.calls('pageScrollTo').some((c) => c.selector === '#blocker-renew_domain')).toBe(true);
    expect(screen.getByText('以下问题需在提交前处理（1项）')).toBeTruthy();
  });

  it('a material the reviewer refused reads 未通过 until it is uploaded again after the rejection', async () => {
    const upload = { kind: 'verification_form' as const, subject: 'website' as const, fileId: 'f1', width: 1600, height: 1200, bytes: 1000, sha256: 'x', uploadedAt: '2026-11-01T00:00:00Z' };
    const draft = buildDraft({
      step: 'confirm',
      form: { notes: '新增了产品介绍栏目' },
      materials: { 'website.verification_form': upload },
      rejection: { at: '2026-11-02T00:00:00Z', stage: 'initial', reasons: [{ target: { type: 'material', path: 'website.verification_form' }, message: '核验单未签字' }] },
    });
    await openWizard(new FakeBff(draft));
    expect(screen.getByText('未通过，需重新上传')).toBeTruthy();
    expect(screen.queryByText('已重新上传')).toBeNull();
  });
});
