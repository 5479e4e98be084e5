// Evaluating the catalogue over a context: each rule that applies runs once; a rule whose outside facts are unknown
// reports what to check instead of guessing; `offline` runs only what needs no outside facts (autosave, the phone).
import { CATALOGUE } from './catalogue';
import type { CheckGroupId, FactKind, Finding, Problem, Rule, RuleContext, RuleScope, Unknown } from './types';

export interface EvaluateOptions {
  /** Only the rules of this scope (the sandbox reviewer: `submission`); default every rule. */
  scope?: RuleScope;
  /** Skip the rules that need outside facts. */
  offline?: boolean;
  /** Another list of rules (tests); default the catalogue. */
  rules?: readonly Rule[];
}

export interface Evaluation {
  ctx: RuleContext;
  findings: Finding[];
  unknowns: Unknown[];
  /** Checklist lines at least one rule of which ran (or could not decide). */
  groups: Set<CheckGroupId>;
}

/** What a missing fact kind leaves undecided, said so the applicant knows what to check. */
const MISSING_FACT_MESSAGES: Record<FactKind, string> = {
  domains: '暂时无法查询域名注册信息，提交后由审核人员核验；请自行确认域名已实名认证、在境内注册商处注册、有效期剩余3个月以上',
  homepage: '暂时无法检测网站首页，提交后由审核人员核验；请确认首页可以正常打开，底部展示备案号并链接到 https://beian.miit.gov.cn/',
  materialImages: '暂时无法读取已上传照片的尺寸；请确认照片清晰、四角完整',
  verifications: '暂时无法查询负责人电子化核验的结果；请稍后刷新',
  recognitions: '暂时无法识别已上传证件照片上的文字；请自行核对身份证上的姓名、号码、有效期和核验单上的网站名称、主办单位与填写的一致',
};

export function evaluate(ctx: RuleContext, options: EvaluateOptions = {}): Evaluation {
  const findings: Finding[] = [];
  const unknowns: Unknown[] = [];
  const groups = new Set<CheckGroupId>();
  for (const rule of options.rules ?? CATALOGUE) {
    if (options.scope && rule.scope !== options.scope) continue;
    if (options.offline && rule.needs.length > 0) continue;
    if (rule.appliesTo && !rule.appliesTo(ctx)) continue;
    groups.add(rule.group);
    const missing = rule.needs.filter((kind) => ctx.facts[kind] === undefined);
    if (missing.length > 0) {
      for (const kind of missing) unknowns.push({ ruleId: rule.id, group: rule.group, message: MISSING_FACT_MESSAGES[kind] });
      continue;
    }
    rule.check(ctx, {
      problem(path: string | null, message: string, fix?: Problem['fix']) {
        findings.push({ ruleId: rule.id, severity: rule.severity, group: rule.group, path, message, ...(fix ? { fix } : {}), ...(rule.blocker ? { blocker: rule.blocker } : {}) });
      },
      unknown(message: string) {
        unknowns.push({ ruleId: rule.id, group: rule.group, message });
      },
    });
  }
  return { ctx, findings, unknowns, groups };
}
