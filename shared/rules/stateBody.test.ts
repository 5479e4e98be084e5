// State bodies: decided from the certificate wherever it tells; undecided (a warning) only where it does not.
import { stateBodyVerdict } from './stateBody';
import { buildCreditCode } from './testFixtures';

describe('stateBodyVerdict', () => {
  it.each([
    ['an enterprise (91…)', { certificateType: 'business_licence' as const, certificateNumber: buildCreditCode('91330106MA2H7K4P1'), entityName: '杭州云栖网络科技有限公司' }],
    ['a sole trader (92…)', { certificateType: 'other' as const, certificateNumber: buildCreditCode('92440300MA5D12345'), entityName: '深圳市南山区示例商行' }],
    ['a social organisation (51…)', { certificateType: 'social_org_certificate' as const, certificateNumber: buildCreditCode('51110000500012345'), entityName: '北京市示例协会' }],
    ['a company named so, whatever its certificate', { certificateType: 'other' as const, certificateNumber: '', entityName: '示例科技有限公司' }],
  ])('%s is plainly not a state body', (_label, entity) => {
    expect(stateBodyVerdict({ entityKind: 'organisation', ...entity }).kind).toBe('no');
  });

  it('a person never is', () => {
    expect(stateBodyVerdict({ entityKind: 'personal', certificateNumber: '440305199003071234', entityName: '张三' })).toEqual({ kind: 'no', basis: '个人备案' });
  });

  it.each([
    ['a 机关 (11…)', buildCreditCode('11330000002482084'), '机关'],
    ['a 事业单位 (12…)', buildCreditCode('12330000470001234'), '事业单位'],
  ])('%s: the certificate does not tell', (_label, code, category) => {
    const verdict = stateBodyVerdict({ entityKind: 'organisation', certificateType: 'institution_certificate', certificateNumber: code, entityName: '浙江省示例中心' });
    expect(verdict).toEqual({ kind: 'unknown', basis: `统一社会信用代码 ${code.slice(0, 2)}…，${category}` });
  });
});
