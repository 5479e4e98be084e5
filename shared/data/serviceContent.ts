// 网站服务内容 as data: the categories the form offers, and which of them need a 前置审批 (pre-approval) before filing,
// with the authority that grants it (《互联网信息服务管理办法》第五条: 新闻、出版、教育、医疗保健、药品和医疗器械 …).

export interface ServiceContentCategory {
  name: string;
  /** The authority whose approval the content needs before it may be filed, or null when none is needed. */
  preApproval: { authority: string; document: string } | null;
}

/** Contents that need a pre-approval: choosing one requires the approval's number and a photo of it. */
export const PRE_APPROVAL_CONTENTS: readonly ServiceContentCategory[] = [
  { name: '新闻', preApproval: { authority: '省级网信部门', document: '互联网新闻信息服务许可证' } },
  { name: '出版', preApproval: { authority: '省级出版主管部门', document: '网络出版服务许可证' } },
  { name: '教育', preApproval: { authority: '省级教育主管部门', document: '教育主管部门的审批文件' } },
  { name: '医疗保健', preApproval: { authority: '省级卫生健康主管部门', document: '卫生健康主管部门的审核同意书' } },
  { name: '药品和医疗器械', preApproval: { authority: '省级药品监督管理部门', document: '互联网药品信息服务资格证书' } },
  { name: '文化', preApproval: { authority: '省级文化和旅游主管部门', document: '网络文化经营许可证' } },
  { name: '广播电影电视节目', preApproval: { authority: '广播电视主管部门', document: '信息网络传播视听节目许可证' } },
];

/** Contents that need none (the usual ones of company, personal and product sites). */
export const ORDINARY_CONTENTS: readonly ServiceContentCategory[] = [
  '企业官网',
  '单位门户网站',
  '产品介绍',
  '技术文档',
  '开发者支持',
  '个人作品展示',
  '个人文章分享',
  '课程介绍',
  '教育咨询服务介绍',
  '在线报名',
].map((name) => ({ name, preApproval: null }));

/** Every category the form offers, ordinary ones first. A filed value not in this list is kept as it is. */
export const SERVICE_CONTENT_CATEGORIES: readonly ServiceContentCategory[] = [...ORDINARY_CONTENTS, ...PRE_APPROVAL_CONTENTS];

/** The pre-approval a content needs, or null (also for filed values outside the list). */
export function preApprovalOf(content: string): ServiceContentCategory['preApproval'] {
  return PRE_APPROVAL_CONTENTS.find((c) => c.name === content.trim())?.preApproval ?? null;
}
