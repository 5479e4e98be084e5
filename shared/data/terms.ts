// The terms an applicant agrees to at submit: the agreement line, the documents' text and their one version constant.
// The terms page shows this text and version; the BFF records the same version with the agreement.
import { PRIVACY_COLLECTIONS, PRIVACY_GUIDE_TITLE } from './privacy';

/** Version of the terms below. The BFF records exactly this version with an applicant's agreement; the page shows it. */
export const TERMS_VERSION = '2026-12-01';

/**
 * The agreement line next to the checkbox on the confirm step (the provider's current wording; configurable). Every
 * 《…》 in it names one of TERMS_DOCUMENTS by `name`, and its link opens that document.
 */
export const AGREEMENT_TEXT = '阅读并同意《相关条款》《腾讯云隐私声明》《互联网信息服务备案承诺书》';

export interface TermsSection {
  title: string;
  paragraphs: string[];
}

/** The documents the terms page can show on their own (`?doc=`); the agreement's three, and the privacy guideline. */
export type TermsDocumentId = 'terms' | 'privacy' | 'commitment' | 'privacy-guide';

export interface TermsDocument {
  id: TermsDocumentId;
  /** The name the agreement line gives it in 《》 (and the terms page its navigation title). */
  name: string;
  title: string;
  sections: TermsSection[];
}

/** The terms page's text (short demo versions of the provider's documents). */
export const TERMS_DOCUMENTS: TermsDocument[] = [
  {
    id: 'terms',
    name: '相关条款',
    title: '相关条款：协助更改备案信息服务在线服务条款',
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
    id: 'privacy',
    name: '腾讯云隐私声明',
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
  {
    id: 'commitment',
    name: '互联网信息服务备案承诺书',
    title: '互联网信息服务备案承诺书',
    sections: [
      {
        title: '本单位（本人）郑重承诺',
        paragraphs: [
          '一、已认真阅读《互联网信息服务管理办法》《非经营性互联网信息服务备案管理办法》等法律法规，所提交的备案变更信息和证件资料真实、准确、完整、有效，并对其真实性负责。',
          '二、网站不从事违反国家法律法规的活动，不制作、复制、发布、传播法律法规禁止的信息；涉及新闻、出版、教育、医疗保健、药品和医疗器械等需经有关主管部门审核同意的内容，取得同意后方可提供。',
          '三、已落实网络与信息安全管理制度和技术保护措施，网站负责人和联系方式保持有效，能随时接受通信管理部门和服务商的核验与监督检查。',
          '四、备案信息发生变化时，在规定时间内通过接入服务商办理变更；网站不再提供服务时，及时办理注销。网站首页底部展示网站备案号并链接至 https://beian.miit.gov.cn/ 。',
          '五、如违反上述承诺，愿意承担由此产生的一切法律责任，并接受通信管理部门依法作出的注销备案、关闭网站等处理。',
        ],
      },
    ],
  },
  {
    id: 'privacy-guide',
    name: PRIVACY_GUIDE_TITLE,
    title: PRIVACY_GUIDE_TITLE,
    sections: [
      {
        title: '我们收集的信息和用途',
        paragraphs: PRIVACY_COLLECTIONS.map((c) => `${c.item}：${c.source}，用于${c.purpose}。`),
      },
      {
        title: '您的选择',
        paragraphs: [
          '拍照或从相册选择照片前，我们会请您阅读并同意本指引；不同意不影响查看备案信息和审核进度，但无法上传备案材料。',
          '证件号码在页面和日志中脱敏显示，不保存在您的手机本地；照片上传时去除位置等拍摄信息，仅用于本次备案办理。',
        ],
      },
    ],
  },
];

/** The document the agreement line calls 《name》 (the brackets optional); undefined for a name it does not know. */
export function termsDocumentNamed(name: string): TermsDocument | undefined {
  const bare = name.replace(/^《|》$/g, '');
  return TERMS_DOCUMENTS.find((doc) => doc.name === bare);
}

export function termsDocument(id: string | undefined): TermsDocument | undefined {
  return TERMS_DOCUMENTS.find((doc) => doc.id === id);
}
