// Step-1 controls other than the one-line input: the multi-line 备注 with its character count, and 证件有效期 as a date
// picker with a 长期 box. Both keep the value as the form stores it (a string; “长期” becomes null in StepWebsite).
import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { Caption, Checkbox } from '../../components/ui';
import { chinaDate } from '../../../shared/rules/dates';
import './wizard.scss';

/** What the form holds for 长期 while editing (StepWebsite's onEdit turns it into the domain's null). */
export const LONG_TERM = '长期';

export interface CountedTextareaProps {
  id: string;
  label: string;
  value: string;
  maxlength: number;
  placeholder?: string;
  focus?: boolean;
  onInput: (value: string) => void;
  onBlur: () => void;
}

/** A multi-line input with “已输入 n / max 字” under it (the limit is the schema's, so the server never refuses it). */
export function CountedTextarea({ id, label, value, maxlength, placeholder, focus, onInput, onBlur }: CountedTextareaProps) {
  const left = maxlength - value.length;
  return (
    <View>
      <Textarea
        id={id}
        aria-label={label}
        {...(process.env.TARO_ENV === 'h5' ? { nativeProps: { 'aria-label': label } } : {})}
        className="ui-input wz-textarea"
        value={value}
        maxlength={maxlength}
        placeholder={placeholder}
        focus={focus}
        autoHeight
        onInput={(e) => onInput(e.detail.value)}
        onBlur={onBlur}
      />
      <Caption className={`wz-count${left <= 0 ? ' wz-count--full' : ''}`}>
        已输入 {value.length} / {maxlength} 字{left <= 0 ? '，已达上限' : ''}
      </Caption>
    </View>
  );
}

export interface ValidityInputProps {
  id: string;
  label: string;
  /** `YYYY-MM-DD`, `长期` or empty. */
  value: string;
  focus?: boolean;
  /** A chosen date, `长期`, or '' when 长期 is unticked (the applicant then picks a date). */
  onChange: (value: string) => void;
}

/** Today as the rules count it: Beijing's date, whatever the phone's zone (on a phone set to another zone, the
 * phone's own date differs from Beijing's for part of every day, and the rules would not call it today). */
const today = () => chinaDate(new Date());

/**
 * 证件有效期: a date picker — WeChat's own date picker on weapp, the browser's native date input on H5 (Taro's H5 picker
 * is a touch-only wheel without roles, so keyboard and screen-reader users could not use it) — and a 长期 box.
 */
export function ValidityInput({ id, label, value, focus, onChange }: ValidityInputProps) {
  const longTerm = value === LONG_TERM;
  const date = longTerm ? '' : value;
  const picker =
    process.env.TARO_ENV === 'h5' ? (
      <Input
        id={id}
        aria-label={label}
        className="ui-input wz-date"
        // Passed on to the native input by Taro's H5 Input (not one of Taro's weapp types, hence the cast).
        type={'date' as 'text'}
        nativeProps={{ 'aria-label': label }}
        value={date}
        focus={focus}
        onInput={(e) => onChange(e.detail.value)}
      />
    ) : (
      <Picker mode="date" value={date || today()} start="1900-01-01" end="2199-12-31" onChange={(e) => onChange(String(e.detail.value))}>
        <View id={id} className="ui-input wz-date" role="button" aria-label={`${label}：${date || '未选择'}，点按选择日期`}>
          <Text className={date ? '' : 'wz-date__placeholder'}>{date || '请选择有效期截止日期'}</Text>
        </View>
      </Picker>
    );
  return (
    <View className="wz-validity">
      {longTerm ? null : picker}
      <Checkbox checked={longTerm} label={`${label}长期有效`} onChange={(on) => onChange(on ? LONG_TERM : '')}>
        <Text>长期有效（身份证背面有效期限为“长期”）</Text>
      </Checkbox>
    </View>
  );
}
