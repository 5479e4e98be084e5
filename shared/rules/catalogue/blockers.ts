// Blockers: problems known before editing that the form alone cannot solve, each with the action that does (renew the
// domain, remove a non-fileable one, paste the footer HTML, 换领 the ID card).
import type { Blocker } from '../../contracts/api';
import { footerSnippet } from '../footer';
import type { Evaluation } from './evaluate';
import { ruleById } from './catalogue';
import type { BlockerKind } from './types';

/** What each kind of blocker asks of the applicant, and the button that follows it. */
export const BLOCKER_GUIDANCE: Record<BlockerKind, { action: string; steps: string }> = {
  renew_domain: { action: '重新检测', steps: '请先到域名注册商处续费（续费1年以上），续费后点“重新检测”。' },
  remove_domain: { action: '去删除该域名', steps: '该域名不能随本网站备案：在“网站信息”中删除它；如仍要使用它，请换用可备案后缀的域名，作为新网站办理备案。' },
  fix_domain_registration: { action: '重新检测', steps: '请在域名注册商处处理（转入境内注册商、完成实名认证或变更持有者），完成后点“重新检测”。' },
  fix_footer: { action: '重新检测', steps: '复制下方代码，加入网站首页底部并发布，然后点“重新检测”。' },
  renew_id: {
    action: '去填写新证件',
    steps: '请先换领新证件：居民身份证有效期满前3个月内即可到户籍所在地或居住地公安机关申请换领。取得新证后，在“网站信息”中填写新证件的有效期，并在“上传资料”中上传新证件照片。',
  },
};

/** Where the applicant can act in the form for a blocker (null: nothing to edit, only the outside action). */
function actionField(kind: BlockerKind, path: string | null): string | null {
  return kind === 'remove_domain' || kind === 'renew_id' ? path : null;
}

/** The blockers among the evaluation's failing findings, one per rule and path. */
export function blockersOf(evaluation: Evaluation): Blocker[] {
  const out = new Map<string, Blocker>();
  for (const f of evaluation.findings) {
    if (!f.blocker || f.severity !== 'fail') continue;
    const id = `${f.ruleId}:${f.path ?? ''}`;
    if (out.has(id)) continue;
    out.set(id, {
      id,
      ruleId: f.ruleId,
      kind: f.blocker,
      title: ruleById(f.ruleId)?.title ?? f.ruleId,
      message: f.message,
      field: actionField(f.blocker, f.path),
      ...(f.blocker === 'fix_footer' ? { html: footerSnippet(evaluation.ctx.base) } : {}),
    });
  }
  return [...out.values()];
}
