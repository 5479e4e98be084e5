// The automatic reviewer: the rule catalogue's fail findings with the sandbox's own facts, and the seeded homepages it judges.
import { footerProblem } from '../shared/rules/footer';
import { renderHomepage } from './homepage';
import { initialReviewFindings } from './reviewRules';
import { buildSeed, makeResidentId } from './seed';
import type { StoredMaterial, StoredSubmission, StoredVerificationTask } from './store';

describe('seeded homepages', () => {
  const seed = buildSeed();
  const [zhang, yunqi] = seed.filings;
  const base = (filing: typeof zhang, i: number) => ({
    province: filing.entity.province,
    entityFilingNumber: filing.entity.entityFilingNumber,
    website: filing.websites[i],
  });

  it('show the linked website number, and the broken one shows none', () => {
    const site = yunqi.websites[0];
    expect(footerProblem(renderHomepage(yunqi.entity, site, true), base(yunqi, 0))).toBeNull();
    expect(footerProblem(renderHomepage(yunqi.entity, site, false), base(yunqi, 0))).toContain(site.websiteFilingNumber);
  });

  it('show the entity number in 广东, as the authority there expects', () => {
    const html = renderHomepage(zhang.entity, zhang.websites[0], true);
    expect(html).toContain(`>${zhang.entity.entityFilingNumber}</a>`);
    expect(footerProblem(html, base(zhang, 0))).toBeNull();
  });
});

describe('initialReviewFindings', () => {
  const now = new Date('2026-11-26T00:00:00Z');
  const seed = buildSeed(now);
  const filing = seed.filings[1];
  const website = filing.websites.find((w) => w.id === 'site-yq-docs')!;
  const newPrincipal = { ...website.principal, name: '周婷', idNumber: makeResidentId('330102', '19930415', '027'), mobile: '13655550000', email: 'zhouting@yunqidev.net' };

  function submissionWith(materials: StoredMaterial[]): StoredSubmission {
    return {
      submissionId: 'sub_1',
      changeId: 'chg_1',
      applicantId: filing.applicantId,
      filingId: filing.id,
      websiteId: website.id,
      filingRevision: 1,
      status: 'received',
      receivedAt: now.toISOString(),
      updatedAt: now.toISOString(),
      reasons: [],
      miitCheck: null,
      events: [],
      form: {
        name: website.name,
        domains: ['yunqi-tech.cn'],
        homepageUrl: website.homepageUrl,
        serviceContent: website.serviceContent,
        notes: website.notes,
        principalSameAsEntity: false,
        websitePrincipal: newPrincipal,
        entityPrincipal: filing.entity.principal,
      },
      diff: [],
      materials,
      callbackUrl: null,
      autoStepAt: null,
    };
  }
  /** The new principal's verification task as the verification service holds it. */
  const task = (status: StoredVerificationTask['status'], changes: Partial<StoredVerificationTask> = {}): StoredVerificationTask => ({
    taskId: 'vt_1',
    token: 't',
    changeId: 'chg_1',
    filingId: filing.id,
    role: 'websitePrincipal',
    name: newPrincipal.name,
    idType: 'resident_id',
    idNumber: newPrincipal.idNumber,
    mobile: newPrincipal.mobile,
    status,
    reason: status === 'failed' ? 'poor_lighting' : null,
    createdAt: now.toISOString(),
    expiresAt: now.toISOString(),
    completedAt: now.toISOString(),
    callbackUrl: null,
    events: [],
    ...changes,
  });
  const verified = (submission: StoredSubmission): StoredSubmission => ({
    ...submission,
    verifications: [{ role: 'websitePrincipal', taskId: 'vt_1', status: 'passed', completedAt: now.toISOString() }],
  });
  const context = { filing, website, domains: seed.domains, sites: seed.sites, now, verificationTasks: [task('passed')] };
  const photo = (kind: string): StoredMaterial => ({ slot: `website_principal.${kind}`, kind, subject: 'website_principal', imageId: kind, bytes: 90000, width: 1600, height: 1000 });

  it("asks for the new principal's ID photos and the re-signed 核验单, and refuses a domain that was never filed", () => {
    const reasons = initialReviewFindings(submissionWith([]), context);
    expect(reasons.filter((r) => r.target.type === 'material').map((r) => r.target.path)).toEqual(['website_principal.id_front', 'website_principal.id_back', 'website.verification_form']);
    expect(reasons.find((r) => r.rule === 'domain_not_removable_only')).toMatchObject({
      target: { type: 'field', path: 'domains.0' },
      message: '变更网站时域名只能删除，不能新增或替换：“yunqi-tech.cn”不是本网站已备案的域名。新域名请通过“新增网站”办理',
    });
  });

  it('with the photos and the filed domain kept, only the expiring domain is left, as a reason on that domain', () => {
    const submission = verified(submissionWith([photo('id_front'), photo('id_back'), { ...photo('verification_form'), slot: 'website.verification_form', subject: 'website' }]));
    submission.form.domains = ['yunqidev.net'];
    const reasons = initialReviewFindings(submission, context);
    expect(reasons).toEqual([
      {
        target: { type: 'field', path: 'domains.0' },
        rule: 'domain_expiry',
        message: expect.stringMatching(/^域名“yunqidev\.net”将于 \d{4}-\d{2}-\d{2} 到期，剩余不足3个月；请先续费，续费后重新检测$/),
      },
    ]);
  });

  it('refuses a changed principal without a passed verification: none named, an unknown or failed task, or another person', () => {
    const ready = verified(submissionWith([photo('id_front'), photo('id_back'), { ...photo('verification_form'), slot: 'website.verification_form', subject: 'website' }]));
    ready.form.domains = ['yunqidev.net'];
    const verificationReasons = (submission: StoredSubmission, tasks: StoredVerificationTask[]) =>
      initialReviewFindings(submission, { ...context, verificationTasks: tasks }).filter((r) => r.rule === 'website_principal_verified');
    expect(verificationReasons(ready, [task('passed')])).toEqual([]);
    expect(verificationReasons({ ...ready, verifications: [] }, [task('passed')])).toEqual([
      {
        target: { type: 'general', path: '' },
        rule: 'website_principal_verified',
        message: '网站负责人周*尚未进行电子化核验；请在“负责人核验”中发起核验，由本人在手机上持身份证完成人脸核验',
      },
    ]);
    // The submission's claim is not trusted: the reviewer looks the task up.
    expect(verificationReasons(ready, [])).toHaveLength(1);
    expect(verificationReasons(ready, [task('failed')])[0].message).toMatch(/^网站负责人周\*电子化核验未通过（光线不足/);
    expect(verificationReasons(ready, [task('passed', { name: '周亭' })])).toHaveLength(1);
    expect(verificationReasons(ready, [task('passed', { changeId: 'chg_other' })])).toHaveLength(1);
  });

  it('refuses a 中国… name for a company (营业执照, 91… credit code): the same rule the checklist fails on', () => {
    const submission = submissionWith([photo('id_front'), photo('id_back'), { ...photo('verification_form'), slot: 'website.verification_form', subject: 'website' }]);
    submission.form.domains = ['yunqidev.net'];
    submission.form.name = '中国云栖开发者文档';
    expect(initialReviewFindings(submission, context).find((r) => r.target.path === 'name')).toEqual({
      target: { type: 'field', path: 'name' },
      rule: 'name_state_prefix',
      message: '网站名称不能以“中国”开头：仅党政机关、国家机构可以使用，本主体不属于此类（市场监管部门登记的企业或个体工商户，统一社会信用代码 91…），请修改',
    });
  });

  it('refuses a website principal under 18, read from the ID number', () => {
    const submission = submissionWith([photo('id_front'), photo('id_back'), { ...photo('verification_form'), slot: 'website.verification_form', subject: 'website' }]);
    submission.form.domains = ['yunqidev.net'];
    submission.form.websitePrincipal = { ...newPrincipal, idNumber: makeResidentId('330102', '20110305', '027') };
    expect(initialReviewFindings(submission, context).find((r) => r.rule === 'principal_adult')).toEqual({
      target: { type: 'field', path: 'websitePrincipal.idNumber' },
      rule: 'principal_adult',
      message: '网站负责人须年满18周岁：身份证显示出生于 2011-03-05，尚未成年；请更换为年满18周岁的网站负责人',
    });
  });
});
