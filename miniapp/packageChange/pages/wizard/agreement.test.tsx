// The confirm step's agreement row: today's wording, its text ticks the box like a label, and each 《document》 opens
// that document on the terms page without ticking.
import { act, fireEvent, render, screen } from '@testing-library/react';
import { taroMock } from '../../../test/taro-mock';
import { AGREEMENT_TEXT } from '../../../../shared/data/terms';
import { buildDraft } from '../../wizard/testing/buildDraft';
import { FakeBff, installFakeBff } from '../../wizard/testing/fakeApi';
import WizardPage from './index';

jest.mock('../../../services/api', () => jest.requireActual('../../wizard/testing/fakeApi'));

async function openConfirmStep() {
  installFakeBff(new FakeBff(buildDraft({ step: 'confirm', form: { notes: '新增了产品介绍栏目' } })));
  taroMock.setRouterParams({ changeId: 'c1' });
  render(<WizardPage />);
  await act(async () => {
    await jest.advanceTimersByTimeAsync(0);
  });
}

const agreement = () => screen.getByRole('checkbox', { name: AGREEMENT_TEXT });

/** A tap, and the autosave it starts answered. */
async function tap(text: string) {
  await act(async () => {
    fireEvent.click(screen.getByText(text));
    await jest.advanceTimersByTimeAsync(0);
  });
}

beforeEach(() => {
  jest.useFakeTimers();
});
afterEach(() => {
  jest.useRealTimers();
});

it('tapping the agreement’s text ticks and unticks it', async () => {
  await openConfirmStep();
  expect(agreement().getAttribute('aria-checked')).toBe('false');
  await tap('阅读并同意');
  expect(agreement().getAttribute('aria-checked')).toBe('true');
  await tap('阅读并同意');
  expect(agreement().getAttribute('aria-checked')).toBe('false');
});

it.each([
  ['《相关条款》', 'terms'],
  ['《腾讯云隐私声明》', 'privacy'],
  ['《互联网信息服务备案承诺书》', 'commitment'],
])('%s opens that document and leaves the box as it was', async (link, doc) => {
  await openConfirmStep();
  await tap(link);
  expect(taroMock.calls('navigateTo').map((c) => c.url)).toEqual([`/pages/terms/index?doc=${doc}`]);
  expect(agreement().getAttribute('aria-checked')).toBe('false');
});
