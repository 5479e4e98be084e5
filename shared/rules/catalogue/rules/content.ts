// 网站服务内容 and 前置审批: at least one content, and every content that needs a pre-approval carries its number.
import { preApprovalOf } from '../../../data/serviceContent';
import type { Rule } from '../types';

/** An approval number as printed: at least a few characters, with a digit (`浙新网备〔2026〕12号`, `(京)网药械信息备字…`). */
const APPROVAL_NUMBER = /^(?=.*\d).{4,}$/u;

export const CONTENT_RULES: readonly Rule[] = [
  {
    id: 'service_content_present',
    severity: 'fail',
    group: 'service_content',
    scope: 'submission',
    needs: [],
    fields: ['serviceContent'],
    title: '至少选择一项网站服务内容',
    why: 'Every filed website states what it provides (网站服务内容); an empty list is refused.',
    check(ctx, out) {
      if (ctx.form.serviceContent.every((c) => c.trim() === '')) out.problem('serviceContent', '请至少选择一项网站服务内容，说明网站提供什么');
    },
  },
  {
    id: 'pre_approval_number',
    severity: 'fail',
    group: 'service_content',
    scope: 'submission',
    needs: [],
    fields: ['preApprovals'],
    title: '需要前置审批的服务内容已填写审批文号',
    why: "《互联网信息服务管理办法》第五条: 新闻、出版、教育、医疗保健、药品和医疗器械、文化、广播电影电视节目 need the authority's approval before filing; reviewers check its number and document.",
    check(ctx, out) {
      for (const content of [...new Set(ctx.form.serviceContent.map((c) => c.trim()))]) {
        const approval = preApprovalOf(content);
        if (!approval) continue;
        const number = (ctx.form.preApprovals ?? []).find((a) => a.content.trim() === content)?.number.trim() ?? '';
        if (number === '') {
          out.problem('preApprovals', `网站服务内容“${content}”需要前置审批：请填写${approval.authority}核发的《${approval.document}》的文号，并在“上传资料”中上传其照片`);
        } else if (!APPROVAL_NUMBER.test(number)) {
          out.problem('preApprovals', `“${content}”的前置审批文号“${number}”格式不正确，请按《${approval.document}》上的文号完整填写`);
        }
      }
    },
  },
];
