import { parseDocument } from '.';
import { layout } from './testBoxes';

describe('核验单 parser', () => {
  it('reads 主办单位名称 and 网站名称 from their table rows, not the rows around them', () => {
    const parsed = parseDocument(
      'verification_form',
      layout([
        [[300, '网站备案信息真实性核验单']],
        [
          [100, '主办单位名称'],
          [500, '广州星河文化传媒有限公司'],
        ],
        [
          [100, '网站名称'],
          [500, '星河官方网站'],
        ],
        [
          [100, '网站负责人姓名'],
          [500, '董泽阳'],
        ],
      ]),
    );
    expect(parsed.readable).toBe(true);
    expect(parsed.fields).toEqual({ entityName: '广州星河文化传媒有限公司', websiteName: '星河官方网站' });
  });

  it('accepts 主体单位名称 and a value read into the label box', () => {
    const parsed = parseDocument('verification_form', layout([[[100, '主体单位名称广州星河文化传媒有限公司']], [[100, '网站名称：星河官方网站']]]));
    expect(parsed.fields).toEqual({ entityName: '广州星河文化传媒有限公司', websiteName: '星河官方网站' });
  });

  it('is unreadable when neither row is found', () => {
    expect(parseDocument('verification_form', layout([[[100, '本人已认真阅读上述内容']]])).readable).toBe(false);
  });
});
