// Footer rule: which filing number the homepage must show (广东: the entity number) and that it links to MIIT.
import { expectedFooterNumber, footerProblem } from './footer';
import { buildBase } from './testFixtures';

const guangdong = buildBase({ province: '粤', entityFilingNumber: '粤ICP备12345678号', website: { websiteFilingNumber: '粤ICP备12345678号-1' } });
const zhejiang = buildBase({ province: '浙', entityFilingNumber: '浙ICP备12345678号', website: { websiteFilingNumber: '浙ICP备12345678号-2' } });
const link = (n: string) => `<footer><a href="https://beian.miit.gov.cn/" target="_blank">${n}</a></footer>`;

describe('footer', () => {
  it('广东 expects the entity number; other provinces the website number with -N', () => {
    expect(expectedFooterNumber(guangdong)).toBe('粤ICP备12345678号');
    expect(expectedFooterNumber(zhejiang)).toBe('浙ICP备12345678号-2');
  });

  it('accepts the expected number linked to MIIT, even split across tags', () => {
    expect(footerProblem(link('浙ICP备12345678号-2'), zhejiang)).toBeNull();
    expect(footerProblem('<a href="http://beian.miit.gov.cn">浙ICP备<span>12345678</span>号-2</a>', zhejiang)).toBeNull();
    expect(footerProblem(link('粤ICP备12345678号'), guangdong)).toBeNull();
  });

  it('names the missing number, the wrong form, and the missing link', () => {
    expect(footerProblem(link('浙ICP备12345678号'), zhejiang)).toBe('网站首页底部没有显示备案号“浙ICP备12345678号-2”，请在首页底部添加');
    expect(footerProblem(link('粤ICP备12345678号-1'), guangdong)).toBe('本省要求网站首页底部显示主体备案号“粤ICP备12345678号”（不带“-序号”），请修改');
    expect(footerProblem('<p>浙ICP备12345678号-2</p>', zhejiang)).toBe('网站首页底部的备案号需链接到 https://beian.miit.gov.cn/，请添加链接');
  });
});
