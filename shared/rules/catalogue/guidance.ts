// What each kind of blocker asks of the applicant, and the button that follows it. Free of the rules themselves, so a
// screen in the mini-program's main package (the overview) can show blockers without bundling the whole catalogue.
import type { BlockerKindValue } from '../../contracts/api';

export interface BlockerGuidance {
  /** The steps, in Chinese. */
  steps: string;
  /** The button that follows them. */
  action: string;
  /** True when the action is to check again (the fix happens elsewhere); false when it opens a field of the form. */
  recheck: boolean;
}

export const BLOCKER_GUIDANCE: Record<BlockerKindValue, BlockerGuidance> = {
  renew_domain: { steps: '请先续费，续费后重新检测：到域名注册商处续费（建议续费1年以上），续费生效后点“重新检测”。', action: '重新检测', recheck: true },
  remove_domain: {
    steps: '该域名不能随本网站备案：请在本次变更中删除它；如仍要使用它，请换用可备案后缀的域名，作为新网站办理备案。',
    action: '去删除该域名',
    recheck: false,
  },
  fix_domain_registration: { steps: '请在域名注册商处处理（转入境内注册商、完成实名认证或变更持有者），完成后点“重新检测”。', action: '重新检测', recheck: true },
  fix_footer: { steps: '复制下方代码，加入网站首页底部并发布，然后点“重新检测”。', action: '重新检测', recheck: true },
  renew_id: {
    steps: '请先换领新证件：居民身份证有效期满前3个月内即可到户籍所在地或居住地公安机关申请换领。取得新证后，填写新证件的有效期，并在“上传资料”中上传新证件照片。',
    action: '去填写新证件',
    recheck: false,
  },
};
