// The wizard's step indicator: numbered steps, the current one highlighted, finished ones ticked.
import { Text, View } from '@tarojs/components';
import './stepBar.scss';

export interface StepBarProps {
  steps: readonly string[];
  /** Index of the current step (0-based). */
  current: number;
}

export function StepBar({ steps, current }: StepBarProps) {
  return (
    <View className="ui-steps">
      {steps.map((title, index) => {
        const state = index < current ? 'done' : index === current ? 'current' : 'todo';
        return (
          <View key={title} className={`ui-steps__item ui-steps__item--${state}`}>
            <View className="ui-steps__dot">
              <Text>{state === 'done' ? '✓' : String(index + 1)}</Text>
            </View>
            <Text className="ui-steps__title">{title}</Text>
          </View>
        );
      })}
    </View>
  );
}
