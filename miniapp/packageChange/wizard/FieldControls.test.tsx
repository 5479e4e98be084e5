// Step 1's controls as the applicant meets them (issue 15): 备注 is a multi-line box counting against its limit,
// 证件有效期 is a date picker with 长期 (saved in the format the rules read: a date or null), phones bring up the phone
// keypad.
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { taroMock } from '../../test/taro-mock';
import { MAX_LENGTH } from '../../../shared/domain/limits';
import { chinaDate } from '../../../shared/rules/dates';
import { buildDraft, WEBSITE_PRINCIPAL } from './testing/buildDraft';
import { FakeBff, installFakeBff } from './testing/fakeApi';
import WizardPage from '../pages/wizard/index';

jest.mock('../../services/api', () => jest.requireActual('./testing/fakeApi'));

const VALIDITY = '网站负责人证件有效期';
const TARO_ENV = process.env.TARO_ENV;

async function settle(ms = 0) {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms);
  });
}

async function openWizard(bff: FakeBff) {
  installFakeBff(bff);
  taroMock.setRouterParams({ changeId: 'c1' });
  render(<WizardPage />);
  await settle();
}

function fieldOf(label: string): HTMLElement {
  return screen.getByText(label, { selector: '.ui-field__label' }).closest('.ui-field') as HTMLElement;
}

beforeEach(() => {
  jest.useFakeTimers();
});
afterEach(() => {
  jest.useRealTimers();
  process.env.TARO_ENV = TARO_ENV;
});

describe('备注', () => {
  it('is a multi-line box limited to the schema length, counting what is typed', async () => {
    const bff = new FakeBff(buildDraft());
    await openWizard(bff);
    const notes = screen.getByLabelText<HTMLTextAreaElement>('备注');
    expect(notes.tagName).toBe('TEXTAREA');
    expect(notes.maxLength).toBe(MAX_LENGTH.notes);
    expect(within(fieldOf('备注')).getByText(`已输入 0 / ${MAX_LENGTH.notes} 字`)).toBeTruthy();

    fireEvent.input(notes, { target: { value: '网站改版\n新增产品文档栏目' } });
    expect(within(fieldOf('备注')).getByText(`已输入 13 / ${MAX_LENGTH.notes} 字`)).toBeTruthy();
    await settle(1000);
    expect(bff.draft.form.notes).toBe('网站改版\n新增产品文档栏目');

    fireEvent.input(notes, { target: { value: '备'.repeat(MAX_LENGTH.notes) } });
    expect(within(fieldOf('备注')).getByText(`已输入 ${MAX_LENGTH.notes} / ${MAX_LENGTH.notes} 字，已达上限`)).toBeTruthy();
  });
});

describe('证件有效期', () => {
  it('on H5 is a native date input; a picked date is saved as YYYY-MM-DD', async () => {
    process.env.TARO_ENV = 'h5';
    const bff = new FakeBff(buildDraft());
    await openWizard(bff);
    const date = screen.getByLabelText<HTMLInputElement>(VALIDITY);
    expect(date.type).toBe('date');
    expect(date.value).toBe(WEBSITE_PRINCIPAL.idValidUntil);

    fireEvent.input(date, { target: { value: '2041-06-30' } });
    await settle(1000);
    expect(bff.draft.form.websitePrincipal.idValidUntil).toBe('2041-06-30');
  });

  it('长期有效 saves null (the domain’s 长期), hides the date, and unticking asks for a date', async () => {
    process.env.TARO_ENV = 'h5';
    const bff = new FakeBff(buildDraft());
    await openWizard(bff);
    const longTerm = screen.getByRole('checkbox', { name: `${VALIDITY}长期有效` });
    expect(longTerm.getAttribute('aria-checked')).toBe('false');

    fireEvent.click(longTerm);
    expect(longTerm.getAttribute('aria-checked')).toBe('true');
    expect(screen.queryByLabelText(VALIDITY)).toBeNull();
    await settle(1000);
    expect(bff.draft.form.websitePrincipal.idValidUntil).toBeNull();

    // Tapping the words next to the box toggles it too.
    fireEvent.click(within(fieldOf(VALIDITY)).getByText(/^长期有效（/));
    expect(longTerm.getAttribute('aria-checked')).toBe('false');
    expect(screen.getByLabelText<HTMLInputElement>(VALIDITY).value).toBe('');
    expect(within(fieldOf(VALIDITY)).getByRole('alert').textContent).toBe('请选择网站负责人证件有效期的截止日期；身份证背面有效期限为“长期”的，请勾选“长期有效”');
  });

  it('a filed 长期 shows ticked', async () => {
    process.env.TARO_ENV = 'h5';
    await openWizard(new FakeBff(buildDraft({ form: { websitePrincipal: { ...WEBSITE_PRINCIPAL, idValidUntil: null } } })));
    expect(screen.getByRole('checkbox', { name: `${VALIDITY}长期有效` }).getAttribute('aria-checked')).toBe('true');
    expect(screen.queryByLabelText(VALIDITY)).toBeNull();
  });

  it('on weapp opens the date picker from a button naming the field and its date; the picked date is saved', async () => {
    process.env.TARO_ENV = 'weapp';
    const bff = new FakeBff(buildDraft({ form: { websitePrincipal: { ...WEBSITE_PRINCIPAL, idValidUntil: null } } }));
    await openWizard(bff);
    fireEvent.click(screen.getByRole('checkbox', { name: `${VALIDITY}长期有效` }));
    fireEvent.click(screen.getByRole('button', { name: `${VALIDITY}：未选择，点按选择日期` }));
    // The picker opens on today's date in Beijing (the rules' calendar, whatever the machine's zone); confirming it picks that date.
    fireEvent.click(screen.getByText('确定'));
    const today = chinaDate(new Date());
    expect(screen.getByRole('button', { name: `${VALIDITY}：${today}，点按选择日期` })).toBeTruthy();
    await settle(1000);
    expect(bff.draft.form.websitePrincipal.idValidUntil).toBe(today);
    // Today is less than 3 months ahead: the rule says so at once.
    expect(within(fieldOf(VALIDITY)).getByRole('alert').textContent).toContain(`网站负责人证件将于 ${today} 到期`);
  });
});

describe('phone keypads', () => {
  it('phones are tel inputs on H5 (the phone keypad) and number inputs on weapp; ID numbers use the ID-card keypad', async () => {
    process.env.TARO_ENV = 'h5';
    await openWizard(new FakeBff(buildDraft()));
    expect(screen.getByLabelText<HTMLInputElement>('网站负责人手机号码').type).toBe('tel');
    fireEvent.click(screen.getByRole('button', { name: /^网站负责人证件号码：/ }));
    expect(screen.getByLabelText<HTMLInputElement>('网站负责人证件号码').getAttribute('type')).toBe('idcard');
  });

  it('on weapp a phone asks for the number keypad', async () => {
    process.env.TARO_ENV = 'weapp';
    await openWizard(new FakeBff(buildDraft()));
    expect(screen.getByLabelText<HTMLInputElement>('网站负责人手机号码').getAttribute('type')).toBe('number');
  });
});
