// The one button of the app: primary / secondary / danger / text variants, loading and disabled states, ≥ 44 px tall.
import { Button as TaroButton } from '@tarojs/components';
import type { ReactNode } from 'react';
import './ui.scss';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'text';

export interface ButtonProps {
  children: ReactNode;
  variant?: ButtonVariant;
  /** Full width (the default for page actions); inline buttons sit in rows. */
  block?: boolean;
  small?: boolean;
  disabled?: boolean;
  /** Shows a spinner and ignores taps while an action runs. */
  loading?: boolean;
  className?: string;
  onClick?: () => void;
}

export function Button({ children, variant = 'primary', block = false, small = false, disabled, loading, className, onClick }: ButtonProps) {
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
      className={classes}
      disabled={disabled || loading}
      loading={loading}
      hoverClass='ui-btn--pressed'
      onClick={() => {
        if (!disabled && !loading) onClick?.();
      }}
    >
      {children}
    </TaroButton>
  );
}
