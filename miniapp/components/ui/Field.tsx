// A form field: label, input (or custom control), hint and error message, with the error announced in red below.
import { Input, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './ui.scss';

export interface FieldProps {
  label: string;
  /** Controlled value for the built-in input; omit when passing `children` as the control. */
  value?: string;
  onInput?: (value: string) => void;
  onBlur?: (value: string) => void;
  placeholder?: string;
  type?: 'text' | 'number' | 'idcard' | 'digit';
  maxlength?: number;
  disabled?: boolean;
  required?: boolean;
  /** Shown under the input in grey (format help). */
  hint?: string;
  /** Shown under the input in red; takes the hint's place. */
  error?: string | null;
  /** Marks a field the reviewer flagged or that changed. */
  highlight?: boolean;
  /** A custom control instead of the text input. */
  children?: ReactNode;
  id?: string;
}

export function Field({ label, value, onInput, onBlur, placeholder, type = 'text', maxlength, disabled, required, hint, error, highlight, children, id }: FieldProps) {
  return (
    <View className={`ui-field ${error ? 'ui-field--error' : ''} ${highlight ? 'ui-field--highlight' : ''}`} id={id}>
      <View className='ui-field__label'>
        <Text>{label}</Text>
        {required && <Text className='ui-field__required'>*</Text>}
      </View>
      {children ?? (
        <Input
          className='ui-field__input'
          value={value ?? ''}
          placeholder={placeholder}
          placeholderClass='ui-field__placeholder'
          type={type}
          maxlength={maxlength}
          disabled={disabled}
          ariaLabel={label}
          onInput={(e) => onInput?.(e.detail.value)}
          onBlur={(e) => onBlur?.(e.detail.value)}
        />
      )}
      {error ? <Text className='ui-field__error'>{error}</Text> : hint ? <Text className='ui-field__hint'>{hint}</Text> : null}
    </View>
  );
}
