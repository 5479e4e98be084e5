// The one button of the app and the row or stack that spaces buttons: variants for every action, loading and disabled
// states, always at least 44 px tall.
import { Button as TaroButton, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './button.scss';

/**
 * primary: the step forward · secondary: outlined alternative · tonal: light-blue secondary action inside content ·
 * plain: neutral outlined (cancel on the capture screens) · danger: outlined destructive · text / danger-text: inline.
 */
export type ButtonVariant = 'primary' | 'secondary' | 'tonal' | 'plain' | 'danger' | 'text' | 'danger-text';

export interface ButtonProps {
  children: ReactNode;
  variant?: ButtonVariant;
  /** Full width (page and step actions); inline buttons sit in rows. */
  block?: boolean;
  /** Smaller text, same tap height (a button beside an input). */
  small?: boolean;
  disabled?: boolean;
  /** Shows a spinner and ignores taps while an action runs. */
  loading?: boolean;
  /**
   * The accessible name when the visible text alone is ambiguous (e.g. which domain 删除 removes). Not `ariaLabel`:
   * Taro's compiler rewrites an `ariaLabel` prop on any JSX element into `aria-label`, so the component never sees it.
   */
  accessibleName?: string;
  className?: string;
  onClick?: () => void;
  /** weapp: a WeChat open ability; only the privacy agreement is used (see PrivacySheet). Not passed on H5. */
  openType?: 'agreePrivacyAuthorization';
  /** weapp: WeChat has recorded the tap on an `agreePrivacyAuthorization` button. */
  onAgreePrivacyAuthorization?: () => void;
  /** A stable element id (WeChat checks the privacy agreement button by id). */
  id?: string;
}

export function Button({
  children,
  variant = 'primary',
  block = false,
  small = false,
  disabled,
  loading,
  accessibleName,
  className,
  onClick,
  openType,
  onAgreePrivacyAuthorization,
  id,
}: ButtonProps) {
  const classes = [
    'ui-btn',
    `ui-btn--${variant}`,
    block ? 'ui-btn--block' : '',
    small ? 'ui-btn--small' : '',
    disabled ? 'ui-btn--disabled' : '',
    loading ? 'ui-btn--loading' : '',
    className ?? '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <TaroButton
      id={id}
      {...(process.env.TARO_ENV === 'weapp' ? { openType, onAgreePrivacyAuthorization } : {})}
      className={classes}
      disabled={disabled || loading}
      loading={loading}
      hoverClass="ui-btn--pressed"
      aria-label={accessibleName}
      aria-disabled={disabled || loading ? true : undefined}
      onClick={() => {
        if (!disabled && !loading) onClick?.();
      }}
    >
      {children}
    </TaroButton>
  );
}

export interface ActionsProps {
  children: ReactNode;
  /** stack: full-width buttons one under the other · back-next: 上一步 (30%) beside the step forward · halves: two equal buttons. */
  layout?: 'stack' | 'back-next' | 'halves';
  /** Space above and between the buttons: `m` 12 px (default), `s` 8 px. */
  spacing?: 's' | 'm';
  className?: string;
}

/** The buttons at the end of a step or a screen, spaced from what is above them. */
export function Actions({ children, layout = 'stack', spacing = 'm', className }: ActionsProps) {
  return <View className={`ui-actions ui-actions--${layout} ui-actions--${spacing}${className ? ` ${className}` : ''}`}>{children}</View>;
}
