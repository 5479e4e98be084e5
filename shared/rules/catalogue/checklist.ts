// The checklist: one line per group of rules, listing every problem its rules found (fails first), `warn` when only
// warnings or undecided facts remain, `pass` with what was confirmed.
import type { PrecheckResult } from '../../contracts/api';
import { diffChange } from '../diff';
import type { Evaluation } from './evaluate';
import type { CheckGroupId, Finding } from './types';

export interface CheckGroup {
  id: CheckGroupId;
  title: string;
  /** What a passing line says. */
  pass: string;
}

/** The lines in the order the confirm step shows them. */
export const CHECK_GROUPS: readonly CheckGroup[] = [
  { id: 'has_changes', title: '有需要变更的内容', pass: '' },
  { id: 'rejection_scope', title: '审核意见指出的问题均已修改', pass: '审核意见指出的信息均已修改' },
  { id: 'locked_rules', title: '没有修改变更网站时不能修改的信息', pass: '没有修改负责人身份、域名新增等变更网站不允许的内容' },
  { id: 'website_name', title: '网站名称符合命名要求', pass: '网站名称符合命名要求' },
  { id: 'domain_fileable', title: '域名可以备案', pass: '域名格式正确，顶级域均在可备案列表中' },
  { id: 'domain_registration', title: '域名注册信息符合要求', pass: '境内注册商、已实名、有效期剩余3个月以上、持有者与主体一致' },
  { id: 'homepage_reachable', title: '网站首页可访问', pass: '网站首页访问正常' },
  { id: 'footer_filing_number', title: '首页底部备案号', pass: '首页底部展示了备案号并链接到 beian.miit.gov.cn' },
  { id: 'service_content', title: '网站服务内容与前置审批', pass: '已选择网站服务内容，需要前置审批的已填写审批文号' },
  { id: 'form_valid', title: '负责人信息填写完整、格式正确', pass: '负责人信息填写完整、格式正确' },
  { id: 'id_validity', title: '证件在有效期内且剩余3个月以上', pass: '负责人证件有效期剩余3个月以上' },
  { id: 'principal_age', title: '网站负责人年满18周岁', pass: '网站负责人已年满18周岁' },
  { id: 'distinct_contacts', title: '负责人的联系方式正确且互不相同', pass: '负责人的手机号码和电子邮箱符合要求' },
  { id: 'phones_verified', title: '新手机号码已通过短信验证', pass: '新填写的手机号码均已验证（或没有新手机号码）' },
  { id: 'website_principal_verified', title: '网站负责人已通过电子化核验', pass: '新网站负责人已在手机上完成电子化核验' },
  { id: 'entity_principal_verified', title: '主体负责人已通过电子化核验', pass: '新主体负责人已在手机上完成电子化核验' },
  { id: 'materials_provided', title: '所需资料已上传', pass: '本次变更需要的资料均已上传' },
  { id: 'materials_match', title: '证件照片与填写的信息一致', pass: '身份证、核验单照片上识别到的信息与填写的一致' },
  { id: 'agreement', title: '已阅读并同意服务条款', pass: '已同意服务条款' },
];

const SEVERITY_ORDER = { fail: 0, warn: 1 } as const;

function passMessage(group: CheckGroup, evaluation: Evaluation): string {
  if (group.id !== 'has_changes') return group.pass;
  return `本次变更：${[...new Set(diffChange(evaluation.ctx.base, evaluation.ctx.form).map((d) => d.label))].join('、')}`;
}

/** Every line the evaluation has something to say about, in checklist order. */
export function checklistOf(evaluation: Evaluation): PrecheckResult[] {
  const lines: PrecheckResult[] = [];
  for (const group of CHECK_GROUPS) {
    if (!evaluation.groups.has(group.id)) continue;
    const found = evaluation.findings.filter((f) => f.group === group.id).sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
    const unknown = [...new Set(evaluation.unknowns.filter((u) => u.group === group.id).map((u) => u.message))];
    const problems = found.map((f: Finding) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      path: f.path,
      message: f.message,
      ...(f.fix ? { fix: f.fix } : {}),
      ...(f.blocker ? { blocker: f.blocker } : {}),
    }));
    const undecided = evaluation.unknowns
      .filter((u) => u.group === group.id && unknown.includes(u.message))
      .filter((u, i, all) => all.findIndex((v) => v.message === u.message) === i)
      .map((u) => ({ ruleId: u.ruleId, severity: 'warn' as const, path: null, message: u.message }));
    const all = [...problems, ...undecided];
    const outcome = problems.some((p) => p.severity === 'fail') ? 'fail' : all.length > 0 ? 'warn' : 'pass';
    lines.push({
      id: group.id,
      title: group.title,
      outcome,
      field: all.find((p) => p.path !== null)?.path ?? null,
      message: all.length > 0 ? all.map((p) => p.message).join('；') : passMessage(group, evaluation),
      problems: all,
    });
  }
  return lines;
}

/** Ready to submit when no line fails; warnings are allowed. */
export function isReady(lines: readonly PrecheckResult[]): boolean {
  return lines.every((l) => l.outcome !== 'fail');
}
