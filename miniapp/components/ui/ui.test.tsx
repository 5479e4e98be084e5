// Shared UI behaviour the screens rely on: buttons that ignore taps while busy or disabled, fields that show the
// error in place of the hint, chips labelled from the shared state machine, checkboxes, diff rows and the sheet.
import { fireEvent, render, screen } from '@testing-library/react';
import { Button, Caption, Checkbox, Choice, ChoiceGroup, DiffRow, ErrorState, Field, Link, Notice, Sheet, StatusChip, StepBar, TextInput } from './index';

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
  const { container, rerender } = render(<Field label="手机号码" value="" hint="11 位中国大陆手机号" onInput={onInput} />);
  expect(screen.getByText('11 位中国大陆手机号')).toBeTruthy();
  fireEvent.input(container.querySelector('input')!, { target: { value: '1380013800' } });
  expect(onInput).toHaveBeenLastCalledWith('1380013800');
  rerender(<Field label="手机号码" value="1380013800" hint="11 位中国大陆手机号" error="手机号码应为11位数字" onInput={onInput} />);
  expect(screen.getByText('手机号码应为11位数字')).toBeTruthy();
  expect(screen.queryByText('11 位中国大陆手机号')).toBeNull();
});

it('a status chip shows the Chinese label of the status', () => {
  render(<StatusChip status="authority_review" />);
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
  const { rerender } = render(<ErrorState message="网络未连接" onRetry={onRetry} />);
  fireEvent.click(screen.getByText('重试'));
  expect(onRetry).toHaveBeenCalledTimes(1);
  rerender(<ErrorState message="网络未连接" />);
  expect(screen.queryByText('重试')).toBeNull();
});

it('a checkbox row toggles on tap, not while disabled; with a rich label only the box toggles', () => {
  const onChange = jest.fn();
  const { rerender } = render(<Checkbox checked={false} label="同主体负责人" onChange={onChange} />);
  fireEvent.click(screen.getByText('同主体负责人'));
  expect(onChange).toHaveBeenLastCalledWith(true);
  rerender(<Checkbox checked label="同主体负责人" onChange={onChange} disabled />);
  expect(screen.getByRole('checkbox', { name: '同主体负责人' }).getAttribute('aria-checked')).toBe('true');
  fireEvent.click(screen.getByRole('checkbox', { name: '同主体负责人' }));
  expect(onChange).toHaveBeenCalledTimes(1);

  const onOpen = jest.fn();
  rerender(
    <Checkbox checked={false} label="同意服务条款" onChange={onChange}>
      同意
      <Link inline onClick={onOpen}>
        《服务条款》
      </Link>
    </Checkbox>,
  );
  fireEvent.click(screen.getByText('《服务条款》'));
  expect(onOpen).toHaveBeenCalledTimes(1);
  expect(onChange).toHaveBeenCalledTimes(1);
  fireEvent.click(screen.getByRole('checkbox', { name: '同意服务条款' }));
  expect(onChange).toHaveBeenLastCalledWith(true);
  // The label's text is a tap target too, like an HTML <label>.
  fireEvent.click(screen.getByText('同意'));
  expect(onChange).toHaveBeenCalledTimes(3);
  expect(onOpen).toHaveBeenCalledTimes(1);
});

it('a field shows its note, the control, details, then the error in place of hint and warning', () => {
  render(
    <Field
      label="网站名称"
      note={
        <Notice compact tone="warning">
          审核意见：名称不符
        </Notice>
      }
      details={<Caption>原值：云朵科技官网</Caption>}
      hint="至少3个汉字"
      warning="即将到期"
      error="网站名称不能只含数字"
    >
      <TextInput label="网站名称" value="12345" />
    </Field>,
  );
  const texts = Array.from(document.querySelectorAll('.ui-field > *')).map((el) => el.textContent);
  expect(texts).toEqual(['网站名称', '审核意见：名称不符', '', '原值：云朵科技官网', '网站名称不能只含数字']);
  expect(screen.getByRole('alert').textContent).toBe('网站名称不能只含数字');
  expect(screen.getByLabelText('网站名称')).toBeTruthy();
});

it('a diff row reads old → new and is a button only when it leads somewhere', () => {
  const onClick = jest.fn();
  const { rerender } = render(<DiffRow label="网站名称" before="云朵科技官网" after="云朵科技产品中心" onClick={onClick} />);
  fireEvent.click(screen.getByRole('button'));
  expect(onClick).toHaveBeenCalledTimes(1);
  expect(screen.getByText('→')).toBeTruthy();
  rerender(<DiffRow label="网站负责人证件反面照片" after="已重新上传" />);
  expect(screen.queryByRole('button')).toBeNull();
  expect(screen.queryByText('→')).toBeNull();
});

it('a sheet is a named dialog whose choices are radios', () => {
  const onSelect = jest.fn();
  render(
    <Sheet label="选择保留的内容" title="这些内容在其他设备上也修改过" footer={<Button>保存</Button>}>
      <ChoiceGroup label="网站名称">
        <Choice checked={false} label="网站名称保留本机：甲" title="本机" onSelect={onSelect}>
          甲
        </Choice>
        <Choice checked label="网站名称保留已保存：乙" title="已保存" onSelect={onSelect}>
          乙
        </Choice>
      </ChoiceGroup>
    </Sheet>,
  );
  expect(screen.getByRole('dialog', { name: '选择保留的内容' })).toBeTruthy();
  expect(screen.getByRole('radio', { name: '网站名称保留已保存：乙' }).getAttribute('aria-checked')).toBe('true');
  fireEvent.click(screen.getByRole('radio', { name: '网站名称保留本机：甲' }));
  expect(onSelect).toHaveBeenCalledTimes(1);
});
