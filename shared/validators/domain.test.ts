// Fileable-domain validator and IDN helpers: what an applicant may type, what is stored, and the refusal messages.
import fc from 'fast-check';
import { FILEABLE_SUFFIXES } from '../data/tlds';
import { fileableDomain, isHostOnDomain, registrableDomain, registrableSuffix, toAsciiDomain, toUnicodeDomain } from './domain';

function parse(input: string): { ok: true; domain: string } | { ok: false; message: string } {
  const r = fileableDomain.safeParse(input);
  return r.success ? { ok: true, domain: r.data } : { ok: false, message: r.error.issues[0].message };
}

describe('fileableDomain', () => {
  it.each([
    ['example.com', 'example.com'],
    ['Example.COM', 'example.com'],
    ['example.com.', 'example.com'],
    ['www.example.com.cn', 'www.example.com.cn'],
    ['x.cn', 'x.cn'],
    ['a.gd.cn', 'a.gd.cn'],
    ['例子.中国', '例子.中国'],
    ['xn--fsqu00a.xn--fiqs8s', '例子.中国'],
    ['XN--FSQU00A.XN--FIQS8S', '例子.中国'],
    ['例子。中国', '例子.中国'],
    ['腾讯.公司', '腾讯.公司'],
    ['example.xn--55qx5d', 'example.公司'],
    ['ｅｘａｍｐｌｅ．ｃｏｍ', 'example.com'],
    ['my-site.top', 'my-site.top'],
  ])('accepts %s and stores %s', (input, stored) => {
    expect(parse(input)).toEqual({ ok: true, domain: stored });
  });

  it('reduces a pasted URL to its hostname', () => {
    expect(parse('https://www.example.com/about?x=1#top')).toEqual({ ok: true, domain: 'www.example.com' });
    expect(parse('http://example.com:8080')).toEqual({ ok: true, domain: 'example.com' });
  });

  it.each([
    ['example.io', '顶级域 .io 不在可备案的顶级域名列表中，请更换为 .cn、.com 等可备案的域名'],
    ['example.me', '顶级域 .me 不在可备案的顶级域名列表中，请更换为 .cn、.com 等可备案的域名'],
    ['example.uk', '顶级域 .uk 不在可备案的顶级域名列表中，请更换为 .cn、.com 等可备案的域名'],
  ])('refuses %s naming the top-level domain', (input, message) => {
    expect(parse(input)).toEqual({ ok: false, message });
  });

  it('refuses a bare suffix and a single label', () => {
    expect(parse('com.cn')).toEqual({ ok: false, message: '“com.cn”只是域名后缀，请填写完整域名，例如 example.com.cn' });
    expect(parse('xn--fiqs8s')).toEqual({ ok: false, message: '“中国”只是域名后缀，请填写完整域名，例如 example.中国' });
    expect(parse('example')).toEqual({ ok: false, message: '“example”不是完整的域名，请填写带后缀的域名，例如 example.com' });
  });

  it('names syntax problems', () => {
    expect(parse('')).toEqual({ ok: false, message: '请填写域名，例如 example.com' });
    expect(parse('a_b.com')).toEqual({ ok: false, message: '域名“a_b.com”中含有不允许的字符“_”，只能使用字母、数字、连字符“-”和汉字' });
    expect(parse('-abc.com')).toEqual({ ok: false, message: '域名的每一段不能以连字符“-”开头或结尾（“-abc”），请修改' });
    expect(parse('abc-.com')).toEqual({ ok: false, message: '域名的每一段不能以连字符“-”开头或结尾（“abc-”），请修改' });
    expect(parse('a..com')).toEqual({ ok: false, message: '域名“a..com”中有连续的点或以点开头，请检查' });
    expect(parse('exa mple.com')).toEqual({ ok: false, message: '域名中不能有空格，请删除空格' });
    expect(parse('user@example.com')).toEqual({ ok: false, message: '域名中不能包含“@”，请只填写域名，例如 example.com' });
    expect(parse('xn--abc.com')).toEqual({ ok: false, message: '域名中的“xn--abc”不是有效的国际化域名编码，请直接填写中文域名' });
  });

  it('enforces 63 characters per label and 253 in total', () => {
    expect(parse(`${'a'.repeat(63)}.com`)).toEqual({ ok: true, domain: `${'a'.repeat(63)}.com` });
    expect(parse(`${'a'.repeat(64)}.com`)).toEqual({ ok: false, message: '域名的每一段最长63个字符，“aaaaaaaaaaaa…”有64个字符，请缩短' });
    const long = `${Array.from({ length: 4 }, () => 'a'.repeat(62)).join('.')}.com`; // 4×62 + 4 dots + 3 = 255
    expect(parse(long)).toEqual({ ok: false, message: '域名总长度不能超过253个字符，请检查是否填写有误' });
  });
});

describe('suffix helpers', () => {
  it('takes the longest fileable suffix', () => {
    expect(registrableSuffix('a.example.com.cn')).toBe('com.cn');
    expect(registrableSuffix('x.cn')).toBe('cn');
    expect(registrableSuffix('example.gov.cn')).toBe('gov.cn');
    expect(registrableSuffix('shop.gd.cn')).toBe('gd.cn');
    expect(registrableSuffix('例子.中国')).toBe('中国');
    expect(registrableSuffix('xn--fsqu00a.xn--fiqs8s')).toBe('中国');
    expect(registrableSuffix('example.io')).toBeNull();
  });

  it('finds the registered domain under the suffix', () => {
    expect(registrableDomain('www.example.com.cn')).toBe('example.com.cn');
    expect(registrableDomain('a.b.example.com')).toBe('example.com');
    expect(registrableDomain('com.cn')).toBeNull();
  });

  it('converts between Unicode and punycode', () => {
    expect(toAsciiDomain('例子.中国')).toBe('xn--fsqu00a.xn--fiqs8s');
    expect(toUnicodeDomain('xn--fsqu00a.xn--fiqs8s')).toBe('例子.中国');
    expect(toAsciiDomain('中国')).toBe('xn--fiqs8s');
  });

  it('matches hosts on a domain and its subdomains only', () => {
    expect(isHostOnDomain('www.example.com', 'example.com')).toBe(true);
    expect(isHostOnDomain('example.com', 'example.com')).toBe(true);
    expect(isHostOnDomain('badexample.com', 'example.com')).toBe(false);
    expect(isHostOnDomain('www.xn--fsqu00a.xn--fiqs8s', '例子.中国')).toBe(true);
  });
});

describe('properties', () => {
  const han = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c));
  const ascii = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789');
  const label = fc.array(fc.oneof(han, ascii), { minLength: 1, maxLength: 10 }).map((chars) => chars.join(''));
  const domain = fc
    .tuple(fc.array(label, { minLength: 1, maxLength: 3 }), fc.constantFrom(...FILEABLE_SUFFIXES))
    .map(([labels, suffix]) => [...labels, suffix].join('.'))
    .filter((d) => !FILEABLE_SUFFIXES.has(d)); // e.g. com + cn is only a suffix, refused by design

  it('Unicode ⇄ punycode round-trips, and the ASCII form is pure ASCII', () => {
    fc.assert(
      fc.property(domain, (d) => {
        const ascii = toAsciiDomain(d);
        expect(ascii).toMatch(/^[a-z0-9.-]+$/);
        expect(toUnicodeDomain(ascii)).toBe(d);
      }),
    );
  });

  it('a domain typed in either form is stored in the same Unicode form', () => {
    fc.assert(
      fc.property(domain, (d) => {
        expect(fileableDomain.safeParse(toAsciiDomain(d))).toEqual({ success: true, data: d });
        expect(fileableDomain.safeParse(d)).toEqual({ success: true, data: d });
      }),
    );
  });
});
