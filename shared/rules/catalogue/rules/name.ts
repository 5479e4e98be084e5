// Website-name rules (网站名称): each problem code of the name validator is one rule with one severity.
import type { ChangeBase } from '../../../domain/change';
import type { WebsiteNameProblem, WebsiteNameProblemCode } from '../../../validators/websiteName';
import { websiteNameProblems } from '../../../validators/websiteName';
import { stateBodyVerdict } from '../../stateBody';
import type { Rule, RuleContext, Severity } from '../types';

/**
 * The name's problems, remembered per filed snapshot (`base`: entity kind, province, certificate) for the last name and
 * domains asked about: an autosave's rules read them several times, and the next save of the same draft (the same
 * `base` object, kept by the BFF's recent drafts) mostly sends the same name and domains again. A shared array: the
 * rules only read it.
 */
const lastNameCheck = new WeakMap<ChangeBase, { name: string; domains: readonly string[]; problems: readonly WebsiteNameProblem[] }>();

function problemsOf(ctx: RuleContext): readonly WebsiteNameProblem[] {
  const { base, form } = ctx;
  const last = lastNameCheck.get(base);
  if (last && last.name === form.name && last.domains.length === form.domains.length && last.domains.every((d, i) => d === form.domains[i])) return last.problems;
  const domains = [...form.domains];
  const problems = websiteNameProblems(form.name, { entityKind: base.entityKind, domains, province: base.province, stateBody: stateBodyVerdict(base) });
  lastNameCheck.set(base, { name: form.name, domains, problems });
  return problems;
}

/** The name as filed was accepted then: the refusing rules judge a name the applicant changed. */
function nameChanged(ctx: RuleContext): boolean {
  return ctx.form.name.trim() !== ctx.base.website.name.trim();
}

function nameRule(id: string, severity: Severity, codes: readonly WebsiteNameProblemCode[], title: string, why: string): Rule {
  return {
    id,
    severity,
    group: 'website_name',
    scope: 'submission',
    needs: [],
    fields: ['name'],
    title,
    why,
    // Warnings speak whether or not the name changed; refusals only about a changed name (see name_filed_outdated).
    appliesTo: severity === 'fail' ? nameChanged : undefined,
    check(ctx, out) {
      for (const p of problemsOf(ctx)) if (codes.includes(p.code)) out.problem('name', p.message);
    },
  };
}

const REFUSING_CODES: readonly WebsiteNameProblemCode[] = ['empty', 'too_long', 'digits_only', 'latin_only', 'too_few_han', 'symbols', 'bare_domain', 'state_prefix', 'personal_word'];

export const NAME_RULES: readonly Rule[] = [
  nameRule('name_required', 'fail', ['empty', 'too_long'], '填写网站名称（不超过64个字符）', 'Reviewers refuse an empty name; the length bound keeps every rule fast.'),
  nameRule(
    'name_chinese',
    'fail',
    ['digits_only', 'latin_only', 'too_few_han'],
    '网站名称至少3个汉字（部分省份更多），不能只有数字或字母',
    'DOMAIN.md "Website name": at least 3 Chinese characters (province table), not digits-only or Latin-only.',
  ),
  nameRule('name_symbols', 'fail', ['symbols'], '网站名称不含符号和空格', 'DOMAIN.md "Website name": no symbols.'),
  nameRule('name_not_domain', 'fail', ['bare_domain'], '网站名称不是域名', 'DOMAIN.md "Website name": not the bare domain.'),
  nameRule(
    'name_state_prefix',
    'fail',
    ['state_prefix'],
    '非党政机关、国家机构的网站名称不以“中国、中华、中央、国家、人民”开头',
    'DOMAIN.md "Website name": no 中国/中华/中央/国家/人民 prefix for non-state bodies; a person, an enterprise (credit code 9…, 营业执照, …公司) or a social organisation is plainly none.',
  ),
  nameRule(
    'name_state_prefix_unverified',
    'warn',
    ['state_prefix_unverified'],
    '以“中国、国家”等开头的名称须为党政机关、国家机构',
    'Same rule, where the certificate does not tell (机关 11…, 事业单位 12…, other certificates): the applicant must confirm.',
  ),
  nameRule(
    'name_personal_words',
    'fail',
    ['personal_word'],
    '个人网站名称不含企业、商业、论坛社区类词语',
    'DOMAIN.md "Website name": personal filings refuse company/commerce/forum/community words (博客/论坛/社区/在线).',
  ),
  nameRule('name_personal_words_varies', 'warn', ['personal_word_varies'], '个人网站名称慎用“门户、平台、新闻、资讯”', 'Words only some authorities refuse for personal sites *(varies)*.'),
  {
    id: 'name_filed_outdated',
    severity: 'warn',
    group: 'website_name',
    scope: 'submission',
    needs: [],
    fields: ['name'],
    title: '已备案的网站名称符合现行规则',
    why: 'A name unchanged from the filing was accepted then; reviewers keep it, but a later rule may apply when the name is next changed.',
    appliesTo: (ctx) => !nameChanged(ctx),
    check(ctx, out) {
      for (const p of problemsOf(ctx)) {
        if (REFUSING_CODES.includes(p.code)) out.problem('name', `已备案的网站名称不符合现行规则：${p.message}（本次未修改名称，审核一般沿用已备案名称；如需修改名称，请按此调整）`);
      }
    },
  },
];
