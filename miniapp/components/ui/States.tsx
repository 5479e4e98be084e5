// Whole-area states: loading skeleton, empty, and error with a retry button.
import { Text, View } from '@tarojs/components';
import { Button } from './Button';
import './states.scss';

/** Grey placeholder blocks in the shape of the content about to appear (cards of lines). */
export function Loading({ cards = 2, label = '正在加载' }: { cards?: number; label?: string }) {
  return (
    <View className="ui-skeleton">
      <Text className="ui-visually-hidden">{label}</Text>
      {Array.from({ length: cards }, (_, index) => (
        <View key={index} className="ui-skeleton__card">
          <View className="ui-skeleton__line ui-skeleton__line--title" />
          <View className="ui-skeleton__line" />
          <View className="ui-skeleton__line ui-skeleton__line--short" />
        </View>
      ))}
    </View>
  );
}

export interface EmptyStateProps {
  title: string;
  description?: string;
}

export function EmptyState({ title, description }: EmptyStateProps) {
  return (
    <View className="ui-state">
      <View className="ui-state__icon ui-state__icon--empty">
        <Text>备</Text>
      </View>
      <Text className="ui-state__title">{title}</Text>
      {description && <Text className="ui-state__desc">{description}</Text>}
    </View>
  );
}

export interface ErrorStateProps {
  title?: string;
  message: string;
  onRetry?: () => void;
  retrying?: boolean;
}

export function ErrorState({ title = '加载失败', message, onRetry, retrying }: ErrorStateProps) {
  return (
    <View className="ui-state">
      <View className="ui-state__icon ui-state__icon--error">
        <Text>!</Text>
      </View>
      <Text className="ui-state__title">{title}</Text>
      <Text className="ui-state__desc">{message}</Text>
      {onRetry && (
        <View className="ui-state__action">
          <Button variant="secondary" loading={retrying} onClick={onRetry}>
            重试
          </Button>
        </View>
      )}
    </View>
  );
}
