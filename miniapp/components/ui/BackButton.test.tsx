// The H5 返回 control: shown only in the browser build (WeChat has its own back button); without a page to go back to
// (a reload, a shared link) it opens the overview.
import { fireEvent, render, screen } from '@testing-library/react';
import { taroMock } from '../../test/taro-mock';
import { overviewUrl } from '../../pageUrls';
import { BackButton } from './BackButton';

const TARO_ENV = process.env.TARO_ENV;
afterEach(() => {
  process.env.TARO_ENV = TARO_ENV;
});

it('on H5 is a button named 返回 that opens the overview when there is no page to go back to', () => {
  process.env.TARO_ENV = 'h5';
  render(<BackButton />);
  fireEvent.click(screen.getByRole('button', { name: '返回' }));
  expect(taroMock.calls('reLaunch')).toEqual([expect.objectContaining({ url: overviewUrl() })]);
  expect(taroMock.calls('navigateBack')).toEqual([]);
});

it('is not drawn in WeChat, which has its own back button', () => {
  process.env.TARO_ENV = 'weapp';
  const { container } = render(<BackButton />);
  expect(container.textContent).toBe('');
  expect(screen.queryByRole('button', { name: '返回' })).toBeNull();
});
