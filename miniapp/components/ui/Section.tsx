// A titled block of a form or a summary (网站信息, 网站域名, 变更内容 …): a white surface, its title and, beside the
// title, an optional tag.
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './section.scss';

export interface SectionProps {
  title?: string;
  /** Shown beside the title (e.g. the 已修改 tag). */
  extra?: ReactNode;
  /** Anchor for scrolling to the section. */
  id?: string;
  className?: string;
  children?: ReactNode;
}

export function Section({ title, extra, id, className, children }: SectionProps) {
  const titleText = title ? <Text className="ui-section__title">{title}</Text> : null;
  return (
    <View className={`ui-section${className ? ` ${className}` : ''}`} id={id}>
      {extra ? (
        <View className="ui-section__head">
          {titleText}
          {extra}
        </View>
      ) : (
        titleText
      )}
      {children}
    </View>
  );
}
