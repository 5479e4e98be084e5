// `@tarojs/components` for jest: Taro's own H5 React components, imported file by file (the package index has a
// circular import), plus small DOM stand-ins for the components Taro implements as web components (absent in jsdom).
import { createElement, type ReactNode } from 'react';

export { default as View } from '@tarojs/components-react/dist/components/view/index.js';
export { default as Text } from '@tarojs/components-react/dist/components/text/index.js';
export { default as Button } from '@tarojs/components-react/dist/components/button/index.js';
export { default as Input } from '@tarojs/components-react/dist/components/input/index.js';
export { default as Image } from '@tarojs/components-react/dist/components/image/index.js';
export { default as Icon } from '@tarojs/components-react/dist/components/icon/index.js';
export { default as ScrollView } from '@tarojs/components-react/dist/components/scroll-view/index.js';
export { default as Picker } from '@tarojs/components-react/dist/components/picker/index.js';

type Props = Record<string, any> & { children?: ReactNode };

/** Taro's event shape: `{ detail: { value } }`. */
function taroEvent(value: unknown) {
  return { detail: { value } };
}

export function Block({ children }: Props) {
  return children ?? null;
}

export function Label({ children, className, for: htmlFor }: Props) {
  return createElement('label', { className, htmlFor }, children);
}

export function Form({ children, className, onSubmit }: Props) {
  return createElement('form', { className, onSubmit: (e: Event) => (e.preventDefault(), onSubmit?.(taroEvent({}))) }, children);
}

export function Textarea({ value, placeholder, maxlength, disabled, className, onInput, onBlur, onFocus, id, 'aria-label': ariaLabel }: Props) {
  return createElement('textarea', {
    id,
    'aria-label': ariaLabel,
    className,
    value: value ?? '',
    placeholder,
    maxLength: maxlength,
    disabled,
    onChange: (e: { target: HTMLTextAreaElement }) => onInput?.(taroEvent(e.target.value)),
    onBlur: (e: { target: HTMLTextAreaElement }) => onBlur?.(taroEvent(e.target.value)),
    onFocus: (e: { target: HTMLTextAreaElement }) => onFocus?.(taroEvent(e.target.value)),
  });
}

export function Checkbox({ value, checked, disabled, className, onChange, children, id }: Props) {
  return createElement(
    'label',
    { className },
    createElement('input', {
      id,
      type: 'checkbox',
      value,
      checked: Boolean(checked),
      disabled,
      onChange: (e: { target: HTMLInputElement }) => onChange?.(taroEvent(e.target.checked ? [value] : [])),
    }),
    children,
  );
}

/** Collects the checked boxes' values like Taro's CheckboxGroup (`detail.value` = checked values). */
export function CheckboxGroup({ children, className, onChange }: Props) {
  return createElement(
    'div',
    {
      className,
      role: 'group',
      onChange: (e: { currentTarget: HTMLElement }) => {
        const checked = Array.from(e.currentTarget.querySelectorAll<HTMLInputElement>('input[type=checkbox]'))
          .filter((box) => box.checked)
          .map((box) => box.value);
        onChange?.(taroEvent(checked));
      },
    },
    children,
  );
}

export function Switch({ checked, disabled, className, onChange, id }: Props) {
  return createElement('input', {
    id,
    type: 'checkbox',
    role: 'switch',
    className,
    checked: Boolean(checked),
    disabled,
    onChange: (e: { target: HTMLInputElement }) => onChange?.(taroEvent(e.target.checked)),
  });
}

export function Radio({ value, checked, disabled, className, children }: Props) {
  return createElement('label', { className }, createElement('input', { type: 'radio', value, defaultChecked: Boolean(checked), disabled }), children);
}

export function RadioGroup({ children, className, onChange }: Props) {
  return createElement('div', { className, role: 'radiogroup', onChange: (e: { target: HTMLInputElement }) => onChange?.(taroEvent(e.target.value)) }, children);
}

export function Progress({ percent, className }: Props) {
  return createElement('progress', { className, value: percent, max: 100 });
}

export function RichText({ nodes, className }: Props) {
  return createElement('div', { className, dangerouslySetInnerHTML: { __html: typeof nodes === 'string' ? nodes : '' } });
}

export function Camera({ className, children }: Props) {
  return createElement('div', { className, 'data-testid': 'camera' }, children);
}
