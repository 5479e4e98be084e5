// Mail domains people in China type most, and the top-level-domain slips seen in them (`qq.con`, `163.cm`): the data
// behind the "是否为 name@qq.com？" suggestion (shared/validators/emailTypos.ts). Kept as data: add a provider here.

/** Common mail providers' domains, most used first. */
export const COMMON_MAIL_DOMAINS: readonly string[] = [
  'qq.com',
  '163.com',
  '126.com',
  'foxmail.com',
  'sina.com',
  'sina.cn',
  'sohu.com',
  'yeah.net',
  '139.com',
  '189.cn',
  'aliyun.com',
  'vip.qq.com',
  'vip.163.com',
  'outlook.com',
  'hotmail.com',
  'gmail.com',
  'icloud.com',
  'yahoo.com',
];

/** Top-level domains typed by slip, and what was meant (.co and .cm are real TLDs, so they are only corrected for a known provider). */
export const TLD_SLIPS: Readonly<Record<string, string>> = {
  con: 'com',
  cmo: 'com',
  ocm: 'com',
  cpm: 'com',
  vom: 'com',
  xom: 'com',
  comm: 'com',
  coom: 'com',
  om: 'com',
  nte: 'net',
  ner: 'net',
  nett: 'net',
  cnn: 'cn',
};
