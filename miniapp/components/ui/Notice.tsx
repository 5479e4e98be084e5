// A notice across the content (what applies here, why something is locked, what went wrong), or a compact note on
// one field (the reviewer's reason).
import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './notice.scss';

export type NoticeTone = 'info' | 'warning' | 'danger';

export interface NoticeProps {
  tone?: NoticeTone;
  /** A one-line note on a field instead of a banner across the content. */
  compact?: boolean;
  /** `alert` for what the applicant must act on now; `status` for a result. */
  role?: 'alert' | 'status';
  className?: string;
  children: ReactNode;
}

export function Notice({ tone = 'info', compact = false, role, className, children }: NoticeProps) {
  const classes = ['ui-notice', `ui-notice--${tone}`, compact ? 'ui-notice--compact' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <View className={classes} role={role}>
      {children}
    </View>
  );
}
