// A form field: its label (with a tag beside it), an optional note under the label, the control (the kit's text input
// or a custom one), then details, the error (announced; it takes the format hint's place) or a warning.
import { Input, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { Caption } from './Text';
import './field.scss';

export interface TextInputProps {
  /** The accessible name (the field's label). */
  label: string;
  value: string;
  onInput?: (value: string) => void;
  onBlur?: (value: string) => void;
  placeholder?: string;
  /** `tel`: a phone number — weapp's number keypad; on H5 a native `type=tel` input (the phone keypad). */
  type?: 'text' | 'number' | 'idcard' | 'digit' | 'tel';
  maxlength?: number;
  disabled?: boolean;
  /** Focus on mount (a deep link to the field). */
  focus?: boolean;
  id?: string;
  className?: string;
}

/** The bordered one-line input of the kit. */
export function TextInput({ label, value, onInput, onBlur, placeholder, type = 'text', maxlength, disabled, focus, id, className }: TextInputProps) {
  // Taro's H5 input passes its type on to the native input; `tel` is not in Taro's weapp list, hence the cast.
  const shown = type !== 'tel' ? type : process.env.TARO_ENV === 'h5' ? ('tel' as 'text') : 'number';
  return (
    <Input
      id={id}
      aria-label={label}
      // H5: Taro's input element wraps the native one, which needs the name itself (screen readers, axe's label rule).
      {...(process.env.TARO_ENV === 'h5' ? { nativeProps: { 'aria-label': label } } : {})}
      className={`ui-input${className ? ` ${className}` : ''}`}
      value={value}
      type={shown}
      maxlength={maxlength}
      placeholder={placeholder}
      disabled={disabled}
      focus={focus}
      onInput={(e) => onInput?.(e.detail.value)}
      onBlur={(e) => onBlur?.(e.detail.value)}
    />
  );
}

/** A value shown instead of an input (read-only, locked or masked). */
export function FieldValue({ children }: { children: ReactNode }) {
  return <Text className="ui-field__value">{children}</Text>;
}

export interface FieldProps {
  label: string;
  /** Value of the built-in input; omit when passing `children` as the control. */
  value?: string;
  onInput?: (value: string) => void;
  onBlur?: (value: string) => void;
  placeholder?: string;
  type?: TextInputProps['type'];
  maxlength?: number;
  disabled?: boolean;
  /** Format help in grey under the control; the error takes its place. */
  hint?: string;
  /** Shown in red under the control and announced. */
  error?: string | null;
  /** Shown when there is no error; never blocks. */
  warning?: string | null;
  /** Beside the label (e.g. the 已修改 tag). */
  extra?: ReactNode;
  /** Under the label, above the control (e.g. the reviewer's reason). */
  note?: ReactNode;
  /** Under the control, above the error (e.g. the filed value). */
  details?: ReactNode;
  /** At the end of the field (e.g. the SMS verification of a new mobile). */
  after?: ReactNode;
  /** A custom control instead of the text input. */
  children?: ReactNode;
  id?: string;
}

export function Field({ label, value, onInput, onBlur, placeholder, type, maxlength, disabled, hint, error, warning, extra, note, details, after, children, id }: FieldProps) {
  return (
    <View className={`ui-field${error ? ' ui-field--error' : ''}`} id={id}>
      <View className="ui-field__head">
        <Text className="ui-field__label">{label}</Text>
        {extra}
      </View>
      {note}
      {children ?? <TextInput label={label} value={value ?? ''} onInput={onInput} onBlur={onBlur} placeholder={placeholder} type={type} maxlength={maxlength} disabled={disabled} />}
      {details}
      {error ? (
        <Caption tone="danger" role="alert">
          {error}
        </Caption>
      ) : hint ? (
        <Caption>{hint}</Caption>
      ) : null}
      {!error && warning ? <Caption tone="warning">{warning}</Caption> : null}
      {after}
    </View>
  );
}
