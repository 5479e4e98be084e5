// A white card for one item (a filing, a website): a title row (title + right-side extra), key–value rows, a footer of
// actions.
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './card.scss';

export interface CardProps {
  title?: ReactNode;
  extra?: ReactNode;
  footer?: ReactNode;
  children?: ReactNode;
  className?: string;
}

export function Card({ title, extra, footer, children, className }: CardProps) {
  return (
    <View className={`ui-card ${className ?? ''}`}>
      {(title || extra) && (
        <View className="ui-card__head">
          {typeof title === 'string' ? <Text className="ui-card__title">{title}</Text> : title}
          {extra && <View className="ui-card__extra">{extra}</View>}
        </View>
      )}
      {children && <View className="ui-card__body">{children}</View>}
      {footer && <View className="ui-card__foot">{footer}</View>}
    </View>
  );
}

/** One "label: value" row inside a card. */
export function InfoRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className="ui-info-row">
      <Text className="ui-info-row__label">{label}</Text>
      <View className="ui-info-row__value">{children}</View>
    </View>
  );
}
