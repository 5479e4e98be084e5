// The terms an applicant agrees to at submit: the agreement line, the documents' text and their one version constant.
// The terms page shows this text and version; the BFF records the same version with the agreement.

/** Version of the terms below. The BFF records exactly this version with an applicant's agreement; the page shows it. */
export const TERMS_VERSION = '2026-11-01';

/** The agreement line next to the checkbox on the confirm step (wording from the provider's flow; configurable). */
export const AGREEMENT_TEXT = '同意，我已阅读《协助更改备案信息服务在线服务条款》和《腾讯云隐私声明》';

export interface TermsSection {
  title: string;
  paragraphs: string[];
}

/** The terms page's text (a short demo version of the provider's service terms and privacy notice). */
export const TERMS_DOCUMENTS: { title: string; sections: TermsSection[] }[] = [
  {
    title: '协助更改备案信息服务在线服务条款',
    sections: [
      {
        title: '一、服务内容',
        paragraphs: [
          '本服务协助您在线变更已备案网站的信息，包括网站名称、网站负责人及联系方式、首页地址、服务内容及备注等，并将变更申请提交服务商初审，初审通过后转交您所在省份的通信管理局（管局）审核。',
          '网站域名在网站变更中只能删除，不能新增或替换；如需新增域名，请办理新增网站。个人备案的网站负责人即主体负责人，不能通过网站变更修改，请办理变更备案。',
        ],
      },
      {
        title: '二、您的义务',
        paragraphs: [
          '您应保证所提交的信息和证件真实、准确、完整、有效，证件照片为原件彩色拍摄，四角完整、清晰可辨。',
          '变更期间请保持网站可以正常访问，并在网站底部展示网站备案号且链接至 https://beian.miit.gov.cn/ 。',
          '管局审核期间，工信部将向负责人手机发送核验短信，请在收到后 24 小时内按短信提示完成核验，否则变更申请可能被退回。',
        ],
      },
      {
        title: '三、审核与时效',
        paragraphs: [
          '服务商初审一般在 1 个工作日内完成；管局审核时间以各省规定为准，一般不超过 20 个工作日。',
          '变更申请的每个环节有效期为 45 天，草稿或被退回的申请超过 45 天未处理将自动失效。初审完成前，您可以撤回申请。',
        ],
      },
      {
        title: '四、责任限制',
        paragraphs: ['因您提交的信息不真实、不完整或不符合管局要求导致的审核不通过，服务商将告知原因并协助您修改后重新提交。'],
      },
    ],
  },
  {
    title: '腾讯云隐私声明（摘要）',
    sections: [
      {
        title: '我们收集的信息',
        paragraphs: ['为办理备案变更，我们会收集主体及负责人的姓名、证件号码、证件照片、手机号码、电子邮箱和网站信息。证件号码和证件照片属于敏感个人信息，仅用于本次备案办理。'],
      },
      {
        title: '我们如何使用和保护信息',
        paragraphs: [
          '上述信息仅提交给服务商备案审核系统和管局，不用于其他目的。证件号码在页面和日志中均做脱敏显示，不保存在您的手机本地，备案办理完成后按法规要求的期限保存并删除。',
          '您可以联系客服查询、更正或删除您的个人信息。',
        ],
      },
    ],
  },
];
