// Word lists for website-name rules (docs/domain-rules.md "Checks", *(varies)*): kept as data so a province or provider change is an edit here.

/** Prefixes only state bodies (党政机关、国家机构) may use. */
export const STATE_PREFIXES: readonly string[] = ['中国', '中华', '中央', '国家', '人民'];

export type NameWordSeverity = 'error' | 'warning';

/** A word a personal filing's website name should not contain, and why (Chinese, shown to the applicant). */
export interface PersonalNameWord {
  word: string;
  severity: NameWordSeverity;
  reason: string;
}

const COMPANY = '个人备案的网站不能使用企业、商业类名称';
const INTERACTIVE = '个人网站不能提供论坛、社区、博客等交互服务（需电子公告专项审批）';
const ONLINE_SERVICE = '“在线”表示提供在线服务，个人网站名称中不能使用';
const VARIES = '多地管局不接受个人网站名称中含有该词';
const PRE_APPROVAL = '该词需新闻、出版等前置审批，个人网站通常无法取得';

/**
 * Errors: company/commerce words, interactive-service words (博客/论坛/社区 …) and 在线 — the frequent rejection causes
 * the domain rules name; a personal entity cannot run such a site. Warnings: words many but not all authorities reject.
 */
export const PERSONAL_NAME_WORDS: readonly PersonalNameWord[] = [
  ...['有限公司', '公司', '企业', '集团', '工作室', '商城', '商店', '网店', '购物', '商贸', '贸易', '批发', '交易', '官网', '官方'].map((word) => ({
    word,
    severity: 'error' as const,
    reason: COMPANY,
  })),
  ...['论坛', '社区', '博客', '贴吧', '交友', '聊天'].map((word) => ({ word, severity: 'error' as const, reason: INTERACTIVE })),
  { word: '在线', severity: 'error', reason: ONLINE_SERVICE },
  ...['门户', '平台'].map((word) => ({ word, severity: 'warning' as const, reason: VARIES })),
  ...['新闻', '资讯'].map((word) => ({ word, severity: 'warning' as const, reason: PRE_APPROVAL })),
];
