// The fileable domain suffixes (可备案的顶级域名) as data, in Unicode form; update here when the provider's list changes.

/**
 * Top-level domains the provider accepts for filing (Tencent Cloud's published list, docs/domain-rules.md "Formats").
 * Unicode form, lowercase, without the leading dot. `gov.cn` is listed here because the provider lists it as its own TLD.
 */
export const FILEABLE_TOP_LEVEL_DOMAINS: readonly string[] = [
  'cn', '中国', '公司', '网络', 'com', 'net', 'org', 'gov.cn', '政务', '公益', 'ren', 'wang', 'citic', 'top', 'sohu',
  'xin', 'club', 'xyz', 'vip', 'site', 'shop', 'ink', 'info', 'mobi', 'red', 'pro', 'kim', 'ltd', 'group', 'biz',
  'auto', 'link', 'work', 'law', 'beer', 'store', 'tech', 'fun', 'online', 'art', 'design', 'wiki', 'love', 'center',
  'video', 'social', 'team', 'show', 'cool', 'zone', 'world', 'today', 'city', 'chat', 'company', 'live', 'fund',
  'gold', 'plus', 'guru', 'run', 'pub', 'email', 'life', 'co', 'fashion', 'fit', 'luxe', 'yoga', 'baidu', 'cloud',
  'host', 'space', 'press', 'website', 'archi', 'asia', 'bio', 'black', 'blue', 'green', 'lotto', 'organic', 'pet',
  'pink', 'poker', 'promo', 'ski', 'vote', 'voto', 'icu', 'fans', 'tv', 'cc', '网址', '商城', '网店', '中信', '商标',
  '广东', '佛山', '信息', '手机', '在线', '中文网', '集团', '我爱你', '商店', '企业', '娱乐', '游戏', '购物', '餐厅',
  '招聘', '时尚', '移动', '网站',
];

/** Second-level categories under .cn that are fileable (docs/domain-rules.md "Formats"). */
export const CN_CATEGORY_SUFFIXES: readonly string[] = ['com.cn', 'net.cn', 'org.cn', 'ac.cn', 'edu.cn', 'mil.cn', 'gov.cn'];

/** CNNIC's province-level second-level domains under .cn (`.bj.cn`, `.gd.cn` …), all fileable. */
export const CN_PROVINCE_SUFFIXES: readonly string[] = [
  'bj', 'sh', 'tj', 'cq', 'he', 'sx', 'nm', 'ln', 'jl', 'hl', 'js', 'zj', 'ah', 'fj', 'jx', 'sd', 'ha', 'hb', 'hn',
  'gd', 'gx', 'hi', 'sc', 'gz', 'yn', 'xz', 'sn', 'gs', 'qh', 'nx', 'xj', 'tw', 'hk', 'mo',
].map((p) => `${p}.cn`);

/** Every fileable suffix (Unicode, no leading dot). A domain's suffix is the longest of these it ends with. */
export const FILEABLE_SUFFIXES: ReadonlySet<string> = new Set([
  ...FILEABLE_TOP_LEVEL_DOMAINS,
  ...CN_CATEGORY_SUFFIXES,
  ...CN_PROVINCE_SUFFIXES,
]);

/** Longest suffix in FILEABLE_SUFFIXES has this many labels; bounds the suffix search. */
export const MAX_SUFFIX_LABELS = 2;
