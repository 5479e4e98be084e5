// One labelled step-1 input (a kit Field) that keeps its own value while typing (no page render per keystroke), shows
// the 已修改 tag with the filed value, and its error right under it.
import { memo, useCallback, useState, type ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { WebsiteForm } from '../../../shared/domain/change';
import { fieldLabel } from '../../../shared/rules/labels';
import { displayValue, sameValue, type FieldPath } from './fields';
import { validateField, type FieldVerdict, type ValidationContext } from './validation';
import { Button, Caption, Field, FieldValue, Notice, Tag, TextInput } from '../../components/ui';
import { CountedTextarea, ValidityInput } from './FieldControls';
import './wizard.scss';

export interface FormFieldProps {
  path: FieldPath;
  /** Value when mounted (the hook re-mounts fields when the form is replaced from outside). */
  initial: string;
  /** The filed value, for the 已修改 tag and hint. */
  original: string;
  /** Reads the live form, so rules that look at other fields (homepage vs domains) see current values. */
  getForm: () => WebsiteForm | null;
  onEdit: (path: FieldPath, value: string) => void;
  context: ValidationContext;
  label?: string;
  placeholder?: string;
  type?: 'text' | 'tel' | 'idcard';
  /** textarea: multi-line with a character count (备注) · validity: date picker with 长期 (证件有效期) · default one line. */
  control?: 'textarea' | 'validity';
  maxlength?: number;
  /** Why the field cannot be edited (shown instead of the input). */
  lockedReason?: string;
  /** The reviewer's reason after a rejection. */
  reviewerReason?: string;
  /** After a rejection: 未通过 until the flagged value changed, then fixed (shared rules/rejection.ts `rejectionMark`). */
  rejectionMark?: 'failed' | 'fixed' | null;
  /** An error the server reported for the saved value. */
  serverProblem?: string;
  /** Focus this input on mount (deep link from the checklist). */
  focus?: boolean;
  /** Show the value masked except while the input has the focus (ID numbers). */
  masked?: boolean;
  /** Extra content under the input that depends on the live value (SMS verification). */
  renderExtra?: (value: string) => ReactNode;
}

/** Id of a field's block, for scrolling to it. WeChat's pageScrollTo takes only simple selectors, so no dots. */
export function fieldAnchorId(path: string): string {
  return `wz-${path.replace(/\./g, '-')}`;
}

function FormFieldImpl(props: FormFieldProps) {
  const { path, initial, original, getForm, onEdit, context, lockedReason, reviewerReason, rejectionMark, serverProblem, focus, masked, renderExtra } = props;
  const label = props.label ?? fieldLabel(path);
  const [value, setValue] = useState(initial);
  const [touched, setTouched] = useState(false);
  // An ID number shows masked except while its input has the focus; a deep link opens it for typing at once.
  const [editing, setEditing] = useState(Boolean(focus));
  const inputId = `field-${path.replace('.', '-')}`;

  // The hook already holds the live value (onEdit runs first), so rules that look at other fields see current values.
  const errorFor = useCallback((): FieldVerdict => {
    const form = getForm();
    return form ? validateField(path, form, context) : { error: null, warning: null };
  }, [context, getForm, path]);
  const [verdict, setVerdict] = useState<FieldVerdict>({ error: null, warning: null });

  const onInput = useCallback(
    (next: string) => {
      setValue(next);
      onEdit(path, next);
      // Validate as the user types once they have left the field once (no red text on the first keystroke).
      if (touched) setVerdict(errorFor());
    },
    [errorFor, onEdit, path, touched],
  );
  const onBlur = useCallback(() => {
    setEditing(false);
    setTouched(true);
    setVerdict(errorFor());
  }, [errorFor]);
  // A picked date or a ticked 长期 is a finished answer: checked at once, as leaving a typed field is.
  const onPick = useCallback(
    (next: string) => {
      setValue(next);
      onEdit(path, next);
      setTouched(true);
      setVerdict(errorFor());
    },
    [errorFor, onEdit, path],
  );
  // A warning's one-tap fix (“改为 name@qq.com”): the value the applicant most likely meant, set as if typed.
  const applyFix = useCallback(() => {
    const fix = verdict.fix;
    if (!fix) return;
    setValue(fix.value);
    onEdit(path, fix.value);
    setTouched(true);
    setVerdict(errorFor());
  }, [errorFor, onEdit, path, verdict.fix]);

  const changed = !sameValue(value, original);
  const shownError = lockedReason ? null : (verdict.error ?? serverProblem ?? null);

  const control = lockedReason ? (
    <View className="wz-field__locked">
      <FieldValue>{displayValue(path, value)}</FieldValue>
      <Caption>{lockedReason}</Caption>
    </View>
  ) : props.control === 'validity' ? (
    <ValidityInput id={inputId} label={label} value={value} focus={focus} onChange={onPick} />
  ) : props.control === 'textarea' ? (
    <CountedTextarea
      id={inputId}
      label={label}
      value={value}
      maxlength={props.maxlength ?? 140}
      placeholder={props.placeholder ?? `请填写${label}`}
      focus={focus}
      onInput={onInput}
      onBlur={onBlur}
    />
  ) : !masked || editing || !value ? (
    <TextInput
      id={inputId}
      label={label}
      value={value}
      type={props.type ?? 'text'}
      maxlength={props.maxlength ?? 140}
      placeholder={props.placeholder ?? `请填写${label}`}
      focus={focus || editing}
      onInput={onInput}
      onBlur={onBlur}
    />
  ) : (
    <View className="ui-input wz-field__masked" id={inputId} role="button" aria-label={`${label}：${displayValue(path, value)}，点按修改`} onClick={() => setEditing(true)}>
      <Text>{displayValue(path, value)}</Text>
    </View>
  );

  return (
    <Field
      id={fieldAnchorId(path)}
      label={label}
      extra={
        changed && !lockedReason ? (
          <Tag tone="primary" small>
            已修改
          </Tag>
        ) : null
      }
      note={
        reviewerReason ? (
          <Notice tone="warning" compact>
            {rejectionMark === 'failed' ? (
              <Tag tone="danger" small>
                未通过
              </Tag>
            ) : rejectionMark === 'fixed' ? (
              <Tag tone="success" small>
                已按意见修改
              </Tag>
            ) : null}
            审核意见：{reviewerReason}
          </Notice>
        ) : null
      }
      details={changed && !lockedReason ? <Caption>原值：{displayValue(path, original)}</Caption> : null}
      error={shownError}
      warning={lockedReason ? null : verdict.warning}
      after={
        lockedReason ? null : (
          <>
            {!shownError && verdict.warning && verdict.fix ? (
              <Button variant="text" small accessibleName={`${label}${verdict.fix.label}`} onClick={applyFix}>
                {verdict.fix.label}
              </Button>
            ) : null}
            {renderExtra ? renderExtra(value) : null}
          </>
        )
      }
    >
      {control}
    </Field>
  );
}

export const FormField = memo(FormFieldImpl);
