// What a status notification says, per recipient: the website principal in the form (the new one when the change
// replaces them) hears the progress and what to do; the principal a change replaces hears that they are being replaced
// as 网站负责人 and by whom (name masked), never the review details.
import { canonicalIdNumber } from '../../../shared/rules/canonical';
import { STATUS_LABELS, type ChangeStatus } from '../../../shared/domain/status';
import type { ChangeDraft } from '../../../shared/domain/change';
import type { Principal } from '../../../shared/domain/filing';
import { maskName } from '../../../shared/validators/masking';

/** Absent: the website principal of the form. `replaced_principal`: the filed one the change replaces. */
export type NotificationRecipient = 'principal' | 'replaced_principal';

/** The filed website principal when the change puts a different person (another ID document) in their place. */
export function replacedPrincipalOf(draft: ChangeDraft): Principal | null {
  const filed = draft.base.website.principal;
  const next = draft.form.websitePrincipal;
  const samePerson = filed.idType === next.idType && canonicalIdNumber(filed.idNumber) === canonicalIdNumber(next.idNumber);
  return samePerson ? null : filed;
}

export function detailFor(draft: ChangeDraft, status: ChangeStatus): string {
  switch (status) {
    case 'initial_rejected':
    case 'authority_rejected': {
      // Reviewers often end their reason with “…后重新提交”: say it once, never twice.
      const reasons = (draft.rejection?.reasons ?? []).map((r) => r.message.replace(/[。；，,.;\s]+$/u, '')).join('；');
      if (!reasons) return '请在小程序中查看审核意见，修改后重新提交。';
      return /重新提交$/u.test(reasons) ? `审核意见：${reasons}。` : `审核意见：${reasons}。请修改后重新提交。`;
    }
    case 'authority_review':
      return '请在收到工信部核验短信后 24 小时内，登录 beian.miit.gov.cn 的“短信核验”页面完成核验。';
    case 'approved':
      return '网站备案信息已更新。';
    default:
      return '详情请在小程序中查看。';
  }
}

const websiteName = (draft: ChangeDraft) => draft.form.name || draft.base.website.name;

export interface Message {
  /** Where it goes: the recipient's mobile (as filed or typed) and e-mail address. */
  mobile: string;
  email: string;
  sms: { templateId: 'change_status' | 'principal_replaced'; params: Record<string, string> };
  mail: { subject: string; text: string };
}

/** The message for one recipient of a status notification, or null when that recipient does not exist (no replacement). */
export function messageFor(draft: ChangeDraft, status: ChangeStatus, recipient: NotificationRecipient): Message | null {
  const website = websiteName(draft);
  const label = STATUS_LABELS[status];
  const filingNumber = draft.base.website.websiteFilingNumber;
  const replaced = replacedPrincipalOf(draft);
  const newName = maskName(draft.form.websitePrincipal.name);
  if (recipient === 'replaced_principal') {
    if (!replaced) return null;
    const outcome = status === 'approved' ? `变更已通过，您已不再担任该网站的网站负责人。` : `变更通过后，您将不再担任该网站的网站负责人，此后的通知将发送给新的网站负责人。`;
    return {
      mobile: replaced.mobile,
      email: replaced.email,
      sms: { templateId: 'principal_replaced', params: { website: website.slice(0, 64), newName, status: label } },
      mail: {
        subject: `网站“${website}”的网站负责人将由您更换为${newName}`,
        text: `您好：\n\n网站“${website}”（${filingNumber}）正在办理备案变更，网站负责人将由您更换为${newName}。当前进度：${label}。\n${outcome}\n如您对此不知情，请联系网站主办者“${draft.base.entityName}”。\n\n备案变更助手`,
      },
    };
  }
  const detail = detailFor(draft, status);
  // The new principal is told they take over, then the progress as everyone hears it.
  const takeOver = replaced ? `您将接替${maskName(replaced.name)}担任网站负责人。` : '';
  return {
    mobile: draft.form.websitePrincipal.mobile,
    email: draft.form.websitePrincipal.email,
    sms: { templateId: 'change_status', params: { website: website.slice(0, 64), status: label, detail: `${takeOver}${detail}`.slice(0, 64) } },
    mail: {
      subject: `网站“${website}”备案变更进度：${label}`,
      text: `您好：\n\n${replaced ? `网站“${website}”（${filingNumber}）正在办理备案变更，${takeOver}\n` : ''}您的网站“${website}”（${filingNumber}）的备案变更进度已更新为：${label}。\n${detail}\n\n备案变更助手`,
    },
  };
}
