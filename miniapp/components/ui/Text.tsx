// Small text of the kit: a caption under a field or a block (hint, error, warning) and a link-coloured tappable text.
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './text.scss';

export type CaptionTone = 'secondary' | 'danger' | 'warning';

export interface CaptionProps {
  /** secondary: a hint · danger: an error (announce it with role `alert`) · warning: never blocks. */
  tone?: CaptionTone;
  role?: 'alert' | 'status';
  className?: string;
  children: ReactNode;
}

export function Caption({ tone = 'secondary', role, className, children }: CaptionProps) {
  return (
    <View className={`ui-caption ui-caption--${tone}${className ? ` ${className}` : ''}`} role={role}>
      {children}
    </View>
  );
}

export interface LinkProps {
  children: ReactNode;
  /** Without it the text only looks like a link (its row handles the tap). */
  onClick?: () => void;
  /** Inside a sentence: an inline text that does not pass the tap on to what surrounds it. */
  inline?: boolean;
}

export function Link({ children, onClick, inline = false }: LinkProps) {
  if (inline || !onClick) {
    return (
      <Text
        className="ui-link"
        onClick={
          onClick &&
          ((e) => {
            e.stopPropagation();
            onClick();
          })
        }
      >
        {children}
      </Text>
    );
  }
  return (
    <View className="ui-link ui-link--button" role="button" onClick={onClick}>
      {children}
    </View>
  );
}
