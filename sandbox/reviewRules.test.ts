// The automatic reviewer's rules on their own: website names, fileable domains and the homepage footer.
import { footerProblem, renderHomepage } from './homepage';
import { isFileableDomain, websiteNameProblems } from './reviewRules';
import { buildSeed } from './seed';

describe('websiteNameProblems', () => {
  it('accepts an ordinary Chinese name', () => {
    expect(websiteNameProblems('云栖科技官网', ['yunqi-tech.cn'], false)).toEqual([]);
  });

  it.each([
    ['abc123', false, '数字或英文字母'],
    ['博客', false, '至少需要3个汉字'],
    ['云栖-科技官网', false, '符号'],
    ['中国云栖科技', false, '“中国”开头'],
    ['张伟的读书论坛', true, '“论坛”'],
  ])('explains what is wrong with %s', (name, personal, expected) => {
    const problems = websiteNameProblems(name, ['zwnotes.io'], personal);
    expect(problems.join('|')).toContain(expected);
  });

  it('refuses the bare domain as the name', () => {
    expect(websiteNameProblems('yunqi-tech.cn', ['yunqi-tech.cn'], false).join('|')).toContain('不能直接使用域名');
  });

  it('allows commerce words for organisations only', () => {
    expect(websiteNameProblems('明德在线课堂', [], false)).toEqual([]);
    expect(websiteNameProblems('明德在线课堂', [], true)).not.toEqual([]);
  });
});

describe('isFileableDomain', () => {
  it('follows the fileable list, second levels and internationalised names included', () => {
    expect(isFileableDomain('yunqi-tech.cn')).toBe(true);
    expect(isFileableDomain('mingde-edu.com.cn')).toBe(true);
    expect(isFileableDomain('xn--cks32pdtf887b.xn--fiqs8s')).toBe(true);
    expect(isFileableDomain('zwnotes.io')).toBe(false);
    expect(isFileableDomain('example.dev')).toBe(false);
  });
});

describe('footerProblem', () => {
  const seed = buildSeed();
  const [zhang, yunqi] = seed.filings;

  it('finds the linked website number on a good homepage and misses it on the broken one', () => {
    const site = yunqi.websites[0];
    expect(footerProblem(renderHomepage(yunqi.entity, site, true), site.websiteFilingNumber, yunqi.entity.entityFilingNumber, '浙')).toBeNull();
    expect(footerProblem(renderHomepage(yunqi.entity, site, false), site.websiteFilingNumber, yunqi.entity.entityFilingNumber, '浙')).toBe('no_link');
  });

  it('accepts the entity number only in 广东', () => {
    const html = '<footer><a href="https://beian.miit.gov.cn/">粤ICP备18023456号</a></footer>';
    expect(footerProblem(html, zhang.websites[0].websiteFilingNumber, zhang.entity.entityFilingNumber, '粤')).toBeNull();
    const zhe = html.replace('粤ICP备18023456号', '浙ICP备2023045678号');
    expect(footerProblem(zhe, yunqi.websites[0].websiteFilingNumber, yunqi.entity.entityFilingNumber, '浙')).toBe('wrong_number');
  });
});
