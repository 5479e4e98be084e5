// Shared UI behaviour the screens rely on: buttons that ignore taps while busy or disabled, fields that show the
// error in place of the hint, chips labelled from the shared state machine.
import { fireEvent, render, screen } from '@testing-library/react';
import { Button, ErrorState, Field, StatusChip, StepBar } from './index';

it('a button runs its action on tap, but not while disabled or loading', () => {
  const onClick = jest.fn();
  const { rerender } = render(<Button onClick={onClick}>提交</Button>);
  fireEvent.click(screen.getByText('提交'));
  expect(onClick).toHaveBeenCalledTimes(1);
  rerender(
    <Button onClick={onClick} disabled>
      提交
    </Button>,
  );
  fireEvent.click(screen.getByText('提交'));
  rerender(
    <Button onClick={onClick} loading>
      提交
    </Button>,
  );
  fireEvent.click(screen.getByText('提交'));
  expect(onClick).toHaveBeenCalledTimes(1);
});

it('a field reports what was typed and shows its error instead of the format hint', () => {
  const onInput = jest.fn();
  const { container, rerender } = render(<Field label='手机号码' value='' hint='11 位中国大陆手机号' onInput={onInput} />);
  expect(screen.getByText('11 位中国大陆手机号')).toBeTruthy();
  fireEvent.input(container.querySelector('input')!, { target: { value: '1380013800' } });
  expect(onInput).toHaveBeenLastCalledWith('1380013800');
  rerender(<Field label='手机号码' value='1380013800' hint='11 位中国大陆手机号' error='手机号码应为11位数字' onInput={onInput} />);
  expect(screen.getByText('手机号码应为11位数字')).toBeTruthy();
  expect(screen.queryByText('11 位中国大陆手机号')).toBeNull();
});

it('a status chip shows the Chinese label of the status', () => {
  render(<StatusChip status='authority_review' />);
  expect(screen.getByText('管局审核中')).toBeTruthy();
});

it('the step bar ticks finished steps and numbers the rest', () => {
  render(<StepBar steps={['修改网站信息', '上传资料', '确认提交']} current={1} />);
  expect(screen.getByText('✓')).toBeTruthy();
  expect(screen.getByText('2')).toBeTruthy();
  expect(screen.getByText('3')).toBeTruthy();
  expect(screen.queryByText('1')).toBeNull();
});

it('the error state offers 重试 only when there is something to retry', () => {
  const onRetry = jest.fn();
  const { rerender } = render(<ErrorState message='网络未连接' onRetry={onRetry} />);
  fireEvent.click(screen.getByText('重试'));
  expect(onRetry).toHaveBeenCalledTimes(1);
  rerender(<ErrorState message='网络未连接' />);
  expect(screen.queryByText('重试')).toBeNull();
});
